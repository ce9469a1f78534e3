import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_VARS, type EnvVarName } from './env-vars';

/** The rows of the README's configuration table: variable → default cell. */
function readmeTable(): Map<string, string> {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  const rows = new Map<string, string>();
  for (const m of section.matchAll(/^\| `([A-Z_]+)` \| ([^|]*) \|/gm)) rows.set(m[1], m[2].trim());
  return rows;
}

describe('the README configuration table', () => {
  const table = readmeTable();
  const documented = (Object.keys(ENV_VARS) as EnvVarName[]).filter((name) => ENV_VARS[name].group !== 'locale');

  it('lists every variable Ashiato reads, and no other', () => {
    expect([...table.keys()].sort()).toEqual([...documented].sort());
  });

  it.each(documented)('gives %s the default the schema applies', (name) => {
    const cell = table.get(name) ?? '';
    const fallback = ENV_VARS[name].default;
    if (fallback !== undefined) expect(cell).toBe(`\`${fallback}\``);
    // No default in the schema: unset, or one derived from other settings (it names them with $ or <…>).
    else expect(cell).toMatch(/^—|[$<]/);
  });
});
