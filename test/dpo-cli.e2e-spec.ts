import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startApi, TEST_ADMIN_KEY, type ApiHarness } from './support/api-harness';
import { jcertSubjectAtStarfield, STARFIELD_BREACH_OPTIONS } from './support/jcert-starfield';
import { runCli, testPort } from './support/spawn-cli';

jest.setTimeout(180_000);

/** `ashiato lineage`, `ashiato breach` and `ashiato keys` against a running API. */
describe('DPO and breach commands', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  const email = `hanako.${randomUUID().slice(0, 8)}@example.jp`;

  beforeAll(async () => {
    api = await startApi();
    const port = testPort();
    await api.app.listen(port, '127.0.0.1');
    env = {
      ASHIATO_URL: `http://127.0.0.1:${port}`,
      ASHIATO_KEY: TEST_ADMIN_KEY,
      READ_MODEL_URL: `sqlite:${join(api.dir, 'read.db')}`,
      ASHIATO_DB: api.dbPath,
    };
    await jcertSubjectAtStarfield(api, email);
  });
  afterAll(() => api.close());

  it('ashiato lineage --email writes the disclosure report and never prints the address', async () => {
    const out = join(api.dir, 'report.html');
    const run = await runCli(['lineage', '--email', email, '--html', out], env);
    expect(run.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('Starfield Technologies');
    expect(`${run.stdout}${run.stderr}`).not.toContain(email);
    const json = await runCli(['lineage', '--email', email, '--json'], env);
    expect(JSON.parse(json.stdout).controllers[0].items[0].heldBy).toEqual(['jcert', 'starfield-technologies']);
  });

  it('ashiato breach declare, then show with the subject CSV', async () => {
    const declared = await runCli(['breach', 'declare', ...STARFIELD_BREACH_OPTIONS, '--json'], env);
    expect(declared.code).toBe(0);
    const { breachId } = JSON.parse(declared.stdout) as { breachId: string };
    const csv = join(api.dir, 'subjects.csv');
    const shown = await runCli(['breach', 'show', breachId, '--csv', csv, '--json'], env);
    expect(shown.code).toBe(0);
    const body = JSON.parse(shown.stdout);
    expect(body.affected.subjects).toBe(1);
    expect(body.reportability.triggers.map((t: { trigger: string }) => t.trigger)).toEqual(['improperPurpose']);
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('ashiato keys create prints a working key once; keys list shows only its id and role', async () => {
    const created = await runCli(['keys', 'create', '--role', 'dpo', '--label', 'cli test'], env);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^ashiato_dpo_/);
    expect((await request(api.app.getHttpServer()).get('/v1/audit').set('Authorization', `Bearer ${key}`)).status).toBe(200);
    const listed = await runCli(['keys', 'list', '--lang', 'en'], env);
    expect(listed.stdout).toMatch(/│ dpo\s+│ active\s+│ \d{4}-\d\d-\d\d \d\d:\d\d UTC │ cli test\s+│/);
    expect(listed.stdout).not.toContain(key);
    const json = JSON.parse((await runCli(['keys', 'list', '--json'], env)).stdout) as { role: string; label?: string }[];
    expect(json).toContainEqual(expect.objectContaining({ role: 'dpo', label: 'cli test' }));
  });

  it('reports a refused call with its code and exit status 1', async () => {
    const run = await runCli(['lineage', 's-unknown'], { ...env, ASHIATO_KEY: 'not-a-key' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('UNAUTHORIZED');
  });
});
