import { randomUUID } from 'node:crypto';
import { startApi, TEST_ADMIN_KEY, type ApiHarness } from './support/api-harness';
import { jcertSubjectAtStarfield, STARFIELD_BREACH_OPTIONS } from './support/jcert-starfield';
import { runCli, testPort } from './support/spawn-cli';

jest.setTimeout(180_000);

/** What `ashiato breach` and `ashiato lineage` print: tables for people by default, the API's JSON with --json. */
describe('CLI output for people and for machines', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  const email = `jiro.${randomUUID().slice(0, 8)}@example.jp`;
  let breachId: string;

  beforeAll(async () => {
    api = await startApi();
    const port = testPort();
    await api.app.listen(port, '127.0.0.1');
    env = { ASHIATO_URL: `http://127.0.0.1:${port}`, ASHIATO_KEY: TEST_ADMIN_KEY, COLUMNS: '200' };
    await jcertSubjectAtStarfield(api, email);
    const declared = await runCli(['breach', 'declare', '--title', 'Portal intrusion at Starfield', ...STARFIELD_BREACH_OPTIONS, '--json'], env);
    expect(declared.code).toBe(0);
    breachId = (JSON.parse(declared.stdout) as { breachId: string }).breachId;
  });
  afterAll(() => api.close());

  it('breach list prints a table: title, times in Japan time to the minute, cause and reportability by label, the next deadline', async () => {
    const en = await runCli(['breach', 'list', '--lang', 'en'], env);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^┌/);
    expect(en.stdout.split('\n').length).toBeLessThan(30);
    expect(en.stdout).toContain('Portal intrusion at Starfield');
    expect(en.stdout).toContain(breachId);
    // Discovered 2026-03-01T00:00:00Z is 09:00 in Tokyo; jcert is an APPI controller.
    expect(en.stdout).toContain('2026-03-01 09:00 JST');
    expect(en.stdout).toContain('Malware infection');
    expect(en.stdout).toMatch(/│ Reportable\s+│/);
    expect(en.stdout).toContain('Preliminary report (PPC)');
    expect(en.stdout).not.toContain('2026-03-01T00:00:00');
    expect(en.stdout).not.toContain('"breachId"');

    const ja = await runCli(['breach', 'list', '--lang', 'ja'], env);
    expect(ja.stdout).toContain('マルウェア感染');
    expect(ja.stdout).toContain('報告対象');
    expect(ja.stdout).toContain('速報（個人情報保護委員会）');
    expect(ja.stdout).toContain('2026-03-01 09:00 JST');
  });

  it('breach list --json prints the API answer unchanged, for machines', async () => {
    const run = await runCli(['breach', 'list', '--json'], env);
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as {
      items: { breachId: string; title?: string; cause: string; discoveredAt: string; reportable: unknown; clocks: { kind: string }[] }[];
      nextCursor: string | null;
    };
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ breachId, title: 'Portal intrusion at Starfield', cause: 'malware', reportable: true });
    expect(new Date(body.items[0].discoveredAt).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(body.items[0].clocks.map((c) => c.kind)).toContain('appi-preliminary');
    expect(body.nextCursor).toBeNull();
  });

  it('breach show names the holder, the persons, the finding that makes it reportable and each deadline in Japan time', async () => {
    const run = await runCli(['breach', 'show', breachId, '--lang', 'en'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Persons affected\s+1\n/);
    expect(run.stdout).toContain('(starfield-technologies)');
    expect(run.stdout).toContain('Improper purpose');
    expect(run.stdout).toMatch(/Preliminary report \(PPC\)\s+│ jcert\s+│ \d{4}-\d\d-\d\d 23:59 JST/);
    expect(run.stdout).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });

  it('lineage prints who holds what and on what basis, with labels and Japan time; --json the report itself', async () => {
    const human = await runCli(['lineage', '--email', email, '--lang', 'en'], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('2026-02-02 10:00 JST');
    expect(human.stdout).toContain('Entrustment (processor)');
    expect(human.stdout).toContain('(starfield-technologies)');
    expect(`${human.stdout}${human.stderr}`).not.toContain(email);
    const ja = await runCli(['lineage', '--email', email, '--lang', 'ja'], env);
    expect(ja.stdout).toContain('委託');
    expect(ja.stdout).toContain('本人から');
    const json = await runCli(['lineage', '--email', email, '--json'], env);
    expect(JSON.parse(json.stdout).controllers[0].provisions[0]).toMatchObject({ basis: 'entrustment', to: { id: 'starfield-technologies' } });
  });

  it('refuses a language it does not speak, naming the option', async () => {
    const run = await runCli(['breach', 'list', '--lang', 'fr'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('VALIDATION_FAILED: --lang must be ja or en');
  });
});
