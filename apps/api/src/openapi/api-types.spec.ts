import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('the dashboard types generated from the OpenAPI components', () => {
  it('are current: apps/dashboard/src/api-types.ts is what `npm run api-types` writes now', () => {
    const document = execFileSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'apps/api/src/openapi/write-contract-openapi.ts')],
      { cwd: ROOT },
    );
    const generated = execFileSync(join(ROOT, 'node_modules/.bin/openapi-typescript'), {
      cwd: ROOT,
      input: document,
      stdio: ['pipe', 'pipe', 'ignore'],
    }).toString();
    const committed = readFileSync(join(ROOT, 'apps/dashboard/src/api-types.ts'), 'utf8');
    // On failure: run `npm run api-types` and commit the file with the schema change.
    expect(committed).toBe(generated);
  });
});
