import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { createEventStore, type EventStoreConfig } from '@ashiato/event-store';
import { openReadModel } from '@ashiato/projections';
import { PG_URL, postgresReachable } from './projections/read-model-backends';
import { startApi, TEST_HMAC_KEY, type ApiHarness } from './support/api-harness';
import { acquisition, testRef, writeAcquisitions } from './support/events';
import { runCli } from './support/spawn-cli';

jest.setTimeout(240_000);

const JCERT = readFileSync(join(__dirname, '..', 'policies', 'jcert.yaml'), 'utf8');
const run = `lid_${process.pid}_${randomBytes(3).toString('hex')}`;

/** Where logs and the read model live on one database: every log gets its own id when created. */
interface Place {
  name: 'sqlite' | 'postgres';
  readModelUrl: string;
  log(name: string): EventStoreConfig;
  /** Gives a log another log's id, as a copied and then rewritten log would carry. */
  setLogId(log: EventStoreConfig, id: string): Promise<void>;
  cleanUp(): Promise<void>;
}

function sqlitePlace(): Place {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-logid-'));
  return {
    name: 'sqlite',
    readModelUrl: `sqlite:${join(dir, 'read.db')}`,
    log: (name) => ({ dbPath: join(dir, `${name}.db`) }),
    setLogId: async (log, id) => {
      const db = new Database(log.dbPath!);
      db.prepare(`UPDATE log_meta SET value = ? WHERE key = 'log_id'`).run(id);
      db.close();
    },
    cleanUp: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresPlace(): Place {
  const schemas = new Set<string>();
  const url = (schema: string) => (schemas.add(schema), `${PG_URL}?schema=${schema}`);
  const sql = async (text: string, values: unknown[] = []) => {
    const client = new Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(text, values);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    readModelUrl: url(`${run}_read`),
    log: (name) => ({ eventStoreUrl: url(`${run}_${name}`) }),
    setLogId: (log, id) => sql(`UPDATE "${new URL(log.eventStoreUrl!).searchParams.get('schema')}".event_log SET log_id = $1`, [id]),
    cleanUp: async () => {
      for (const schema of schemas) await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

const places: (() => Place)[] = [sqlitePlace];
if (process.env.CI === 'true' || postgresReachable()) places.push(postgresPlace);
else console.warn(`PostgreSQL unreachable at ${new URL(PG_URL).host}: the log-identity test runs on SQLite only (allowed outside CI)`);

const start = (place: Place, log: EventStoreConfig) => startApi({ readModelUrl: place.readModelUrl, ...log });

async function ingest(api: ApiHarness, events: Record<string, unknown>[]): Promise<number> {
  const res = await api.post('/v1/events').send(events);
  expect(res.status).toBe(202);
  return (res.body as { lastPosition: number }).lastPosition;
}

/** Appends `count` acquisitions straight to a log (no server), so its head passes another log's checkpoint. */
const writeLog = (log: EventStoreConfig, count: number) => writeAcquisitions(createEventStore(log), count);

async function headOf(log: EventStoreConfig): Promise<number> {
  const store = createEventStore(log);
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

async function checkpointOf(place: Place): Promise<{ position: number; log_id: string | null }> {
  const rm = openReadModel(place.readModelUrl);
  try {
    const row = await rm.db.selectFrom('checkpoints').select(['position', 'log_id']).where('projection', '=', 'read-model').executeTakeFirstOrThrow();
    return { position: Number(row.position), log_id: row.log_id };
  } finally {
    await rm.close();
  }
}

describe.each(places.map((p) => [p().name, p] as const))('a read model kept while the log is replaced (%s)', (_name, makePlace) => {
  const place = makePlace();
  const logA = place.log('a');
  const oldRef = testRef();
  const oldEvents = [acquisition({ subjectRef: oldRef }), acquisition({ subjectRef: oldRef, items: ['name'] })];
  const newRef = testRef();
  let idA = '';
  let idB = '';
  let checkpointA = 0;
  let api: ApiHarness | undefined;

  afterEach(async () => {
    await api?.close();
    api = undefined;
    delete process.env.ASHIATO_REBUILD_ON_MISMATCH;
  });
  afterAll(() => place.cleanUp());

  /** Every kind of read: each refused with the stable code, naming both logs, quoting no old answer. */
  async function expectWithheld(served: ApiHarness, readModelLogId: string, logId: string): Promise<void> {
    for (const path of [`/v1/subjects/${oldRef}/lineage`, '/v1/flows', '/v1/holdings', '/v1/violations', '/v1/policies', '/v1/stats/overview', '/v1/audit']) {
      const res = await served.get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 503, code: 'READ_MODEL_LOG_MISMATCH' });
      expect(res.body.message).toContain(readModelLogId);
      expect(res.body.message).toContain(logId);
      expect(res.body.message).toContain('ashiato rebuild');
      expect(res.body.message).toContain('ASHIATO_REBUILD_ON_MISMATCH=true');
      expect(res.text).not.toContain(oldRef);
      expect(res.text).not.toContain(String(oldEvents[0].eventId));
    }
  }

  it('builds the read model from log A', async () => {
    api = await start(place, logA);
    expect((await api.put('/v1/policies/jcert').set('content-type', 'application/yaml').send(JCERT)).status).toBe(200);
    const last = await ingest(api, oldEvents);
    const lineage = await api.get(`/v1/subjects/${oldRef}/lineage?minPosition=${last}`);
    expect(lineage.status).toBe(200);
    expect(lineage.text).toContain(String(oldEvents[0].eventId));
    idA = (await api.get('/health')).body.details.eventStore.logId;
    await api.close();
    api = undefined;
    checkpointA = (await checkpointOf(place)).position;
    expect(await checkpointOf(place)).toEqual({ position: expect.any(Number), log_id: idA });
    expect(checkpointA).toBeGreaterThanOrEqual(last);
  });

  it('on a fresh log B: reads answer 503 naming both log ids, /health is down, and nothing is projected into it', async () => {
    api = await start(place, place.log('b'));
    const health = await api.get('/health');
    idB = health.body.details.eventStore.logId;
    expect(idB).not.toBe(idA);
    expect(health.status).toBe(503);
    expect(health.body.details.readModel).toEqual(
      expect.objectContaining({ status: 'down', code: 'READ_MODEL_LOG_MISMATCH', readModelLogId: idA, logId: idB }),
    );
    await expectWithheld(api, idA, idB);

    // Writes to the log are still acknowledged: the log is the record, the read model only a view of it.
    await ingest(api, [acquisition({ subjectRef: newRef })]);
    await api.close();
    api = undefined;
    expect(await checkpointOf(place)).toEqual({ position: checkpointA, log_id: idA });
  });

  it('on a log carrying A’s id with other content: the hash at the checkpoint differs, reads answer 503', async () => {
    const logC = place.log('c');
    await writeLog(logC, checkpointA + 2);
    await place.setLogId(logC, idA);
    api = await start(place, logC);
    const health = await api.get('/health');
    expect(health.status).toBe(503);
    expect(health.body.details.readModel.message).toContain(`checkpoint ${checkpointA} is not the one projected`);
    await expectWithheld(api, idA, idA);
  });

  it('with ASHIATO_REBUILD_ON_MISMATCH=true the server rebuilds from log B and serves only B’s answers', async () => {
    process.env.ASHIATO_REBUILD_ON_MISMATCH = 'true';
    api = await start(place, place.log('b'));
    let status = 0;
    for (let i = 0; i < 600 && status !== 200; i++) {
      status = (await api.get('/health')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    const lineage = await api.get(`/v1/subjects/${newRef}/lineage`);
    expect(lineage.status).toBe(200);
    expect(lineage.text).toContain(newRef);
    const flows = await api.get('/v1/flows');
    expect(flows.status).toBe(200);
    expect(flows.text).not.toContain(oldRef);
    expect(await api.get(`/v1/subjects/${oldRef}/lineage`).then((r) => r.text)).not.toContain(String(oldEvents[0].eventId));
    await api.close();
    api = undefined;
    expect((await checkpointOf(place)).log_id).toBe(idB);
  });

  it('`ashiato rebuild` on a read model of another log rebuilds it from scratch and says so', async () => {
    const cli = await runCli(['rebuild', '--no-progress'], {
      ...(logA.eventStoreUrl ? { EVENTSTORE_URL: logA.eventStoreUrl } : { ASHIATO_DB: logA.dbPath, EVENTSTORE_URL: '' }),
      READ_MODEL_URL: place.readModelUrl,
      ASHIATO_HMAC_KEY: TEST_HMAC_KEY,
    });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`had been built from log ${idB}, not from this event log ${idA}: rebuilt it from scratch`);
    // From scratch: the whole of log A, including the audit record of the first test's lineage read,
    // which the server may have closed before projecting.
    expect(await checkpointOf(place)).toEqual({ position: await headOf(logA), log_id: idA });
    api = await start(place, logA);
    const lineage = await api.get(`/v1/subjects/${oldRef}/lineage`);
    expect(lineage.status).toBe(200);
    expect(lineage.text).toContain(String(oldEvents[0].eventId));
  });
});
