import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ashiato/event-store';
import { startApi, type ApiHarness } from './support/api-harness';
import { acquisition, toNdjson } from './support/events';
import { runCli } from './support/spawn-cli';

jest.setTimeout(120_000);

const JCERT_POLICY = readFileSync(join(__dirname, '..', 'policies', 'jcert.yaml'), 'utf8');
const inYears = (years: number) => new Date(Date.now() + years * 365 * 86_400_000).toISOString();

/** A known event, then one of each kind that deserves a second look. */
const batch = () => [
  acquisition({ occurredAt: '2026-04-01T09:30:00+09:00' }),
  acquisition({ items: ['email', 'shoe-size'] }),
  acquisition({ controller: 'no-such-controller' }),
  acquisition({ occurredAt: inYears(3) }),
];

describe('ingest warnings: stored, and said', () => {
  describe('POST /v1/events', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await startApi({ futureSkewMs: 60_000 });
      await api.put('/v1/policies/jcert').set('Content-Type', 'application/yaml').send(JCERT_POLICY);
    });
    afterAll(() => api.close());

    it('answers 202 with a warning per unknown item, unknown controller and future date, and stores every event', async () => {
      const events = batch();
      const res = await api.post('/v1/events').set('Content-Type', 'application/x-ndjson').send(toNdjson(events));
      expect(res.status).toBe(202);
      expect(res.body.accepted).toBe(4);
      expect(res.body.warningCount).toBe(3);
      expect(res.body.warnings.map(({ code, index, path }: { code: string; index: number; path: string }) => ({ code, index, path }))).toEqual([
        { code: 'UNKNOWN_ITEM', index: 1, path: 'items[1]' },
        { code: 'UNKNOWN_CONTROLLER', index: 2, path: 'controller' },
        { code: 'OCCURRED_IN_FUTURE', index: 3, path: 'occurredAt' },
      ]);
      // Messages name the field, never the value sent.
      expect(JSON.stringify(res.body.warnings)).not.toMatch(/shoe-size|no-such-controller/);
    });

    it('answers an unremarkable batch with an empty warnings list', async () => {
      const res = await api.post('/v1/events').send([acquisition()]);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ accepted: 1, warnings: [], warningCount: 0 });
    });
  });

  describe('ashiato ingest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ashiato-warn-'));
    const env = {
      ASHIATO_DB: join(dir, 'events.db'),
      READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}`,
      ASHIATO_HMAC_KEY: 'cli-test-hmac-key-8d2f6b0a4e9c1735',
      ASHIATO_DEMO: '',
      ASHIATO_FUTURE_SKEW: '1m',
    };
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('prints each warning with its line and stores the events', async () => {
      const policyFile = join(dir, 'jcert.yaml');
      writeFileSync(policyFile, JCERT_POLICY);
      const published = await runCli(['policy', 'publish', policyFile], env);
      expect(published.code).toBe(0);
      const file = join(dir, 'events.ndjson');
      writeFileSync(file, toNdjson(batch()));
      const run = await runCli(['ingest', file, '--no-progress'], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/accepted 4, duplicates 0, rejected 0/);
      expect(run.stdout).toMatch(/stored with 3 warning\(s\)/);
      expect(run.stdout).toMatch(/warning line 2 \(event 1\): UNKNOWN_ITEM items\[1\]/);
      expect(run.stdout).toMatch(/warning line 3 \(event 2\): UNKNOWN_CONTROLLER controller/);
      expect(run.stdout).toMatch(/warning line 4 \(event 3\): OCCURRED_IN_FUTURE occurredAt/);
      const store = new SqliteEventStore({ path: env.ASHIATO_DB });
      try {
        expect((await store.readAll()).filter((e) => e.type === 'DataAcquired')).toHaveLength(4);
      } finally {
        await store.close();
      }
    });
  });
});
