import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { READ_MODEL, type ReadModel } from '@ashiato/projections';
import { CONTROL_DB, type ControlDb } from '@ashiato/control';
import { startApi, type ApiHarness } from './support/api-harness';
import { acquisition, testRef } from './support/events';

jest.setTimeout(60_000);

const S1 = testRef('s-1');

const breach = {
  holder: 'starfield-technologies',
  items: ['email'],
  window: { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' },
  discoveredAt: '2026-04-02T00:00:00Z',
  cause: 'loss',
};

describe('API keys and roles', () => {
  let api: ApiHarness;
  const keys: Record<string, { id: string; key: string }> = {};
  const as = (role: string) => ({
    get: (p: string) => request(api.app.getHttpServer()).get(p).set('Authorization', `Bearer ${keys[role].key}`),
    post: (p: string) => request(api.app.getHttpServer()).post(p).set('Authorization', `Bearer ${keys[role].key}`),
  });

  beforeAll(async () => {
    api = await startApi();
    for (const role of ['ingestor', 'dpo', 'breach', 'viewer']) {
      const res = await api.post('/v1/keys').send({ role });
      expect(res.status).toBe(201);
      keys[role] = res.body;
    }
  });
  afterAll(() => api.close());

  it('an ingestor writes events but reads no personal data', async () => {
    expect((await as('ingestor').post('/v1/events').send([acquisition()])).status).toBe(202);
    expect((await as('ingestor').get(`/v1/subjects/${S1}/lineage`)).status).toBe(403);
    expect((await as('ingestor').get('/v1/flows')).status).toBe(403);
    expect((await as('ingestor').post('/v1/breaches').send(breach)).status).toBe(403);
  });

  it('a breach key declares and reads breaches but not lineage or provision records', async () => {
    const declared = await as('breach').post('/v1/breaches').send(breach);
    expect(declared.status).toBe(201);
    expect((await as('breach').get(`/v1/breaches/${declared.body.breachId}?minPosition=${declared.body.lastPosition}`)).status).toBe(200);
    expect((await as('breach').get('/v1/breaches')).status).toBe(200);
    expect((await as('breach').get(`/v1/subjects/${S1}/lineage`)).status).toBe(403);
    expect((await as('breach').get('/v1/provision-records')).status).toBe(403);
  });

  it('a dpo key reads lineage, provision records, erasures and the audit list, but writes nothing', async () => {
    for (const path of [`/v1/subjects/${S1}/lineage`, '/v1/provision-records', '/v1/provision-records?format=csv', '/v1/erasures?status=open', '/v1/audit']) {
      expect([path, (await as('dpo').get(path)).status]).toEqual([path, 200]);
    }
    expect((await as('dpo').post('/v1/events').send([acquisition()])).status).toBe(403);
    expect((await as('dpo').post('/v1/keys').send({ role: 'admin' })).status).toBe(403);
  });

  it('a viewer reads policies and breach figures (no personal data) and nothing with subject refs', async () => {
    expect((await as('viewer').get('/v1/policies')).status).toBe(200);
    const declared = await as('breach').post('/v1/breaches').send(breach);
    const figures = await as('viewer').get(`/v1/stats/breaches?minPosition=${declared.body.lastPosition}`);
    expect(figures.status).toBe(200);
    // No policy is published here, so no regime can tell whether the breach is reportable: undetermined, not false.
    expect(figures.body.items).toContainEqual(expect.objectContaining({ breachId: declared.body.breachId, affectedSubjects: 0, reportable: 'undetermined' }));
    expect(JSON.stringify(figures.body)).not.toMatch(/subjectRef|"hmac:/);
    for (const path of ['/v1/flows', '/v1/holdings', '/v1/violations', `/v1/subjects/${S1}/lineage`, '/v1/breaches', '/v1/audit']) {
      expect([path, (await as('viewer').get(path)).status]).toEqual([path, 403]);
    }
  });

  it('keeps only SHA-256 digests of keys, and a revoked key stops working', async () => {
    const control = api.app.get<ControlDb>(CONTROL_DB);
    const rows = await control.db.selectFrom('api_key_digests').select(['id', 'key_hash']).execute();
    const stored = JSON.stringify(rows);
    for (const k of Object.values(keys)) expect(stored).not.toContain(k.key);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key_hash))).toBe(true);

    const extra = (await api.post('/v1/keys').send({ role: 'dpo' })).body as { id: string; key: string };
    const server = api.app.getHttpServer();
    expect((await request(server).get('/v1/audit').set('Authorization', `Bearer ${extra.key}`)).status).toBe(200);
    expect((await request(server).delete(`/v1/keys/${extra.id}`).set('Authorization', `Bearer ${process.env.ASHIATO_ADMIN_KEY}`)).status).toBe(204);
    expect((await request(server).get('/v1/audit').set('Authorization', `Bearer ${extra.key}`)).status).toBe(401);
  });

  it('keeps keys in the control database: a key still works after the read model is dropped and rebuilt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ashiato-keys-'));
    const files = { dbPath: join(dir, 'events.db'), readModelUrl: `sqlite:${join(dir, 'read.db')}` };
    try {
      const first = await startApi(files);
      const created = (await first.post('/v1/keys').send({ role: 'dpo', label: 'kept' })).body as { key: string };
      expect((await request(first.app.getHttpServer()).get('/v1/audit').set('Authorization', `Bearer ${created.key}`)).status).toBe(200);
      // no trace of keys in the read model
      const rm = first.app.get<ReadModel>(READ_MODEL);
      const tables = await rm.db.introspection.getTables();
      expect(tables.map((t) => t.name).filter((n) => /key/i.test(n))).toEqual([]);
      await first.app.close();
      for (const f of readdirSync(dir)) if (f.startsWith('read.db')) rmSync(join(dir, f));
      const second = await startApi(files);
      try {
        expect((await request(second.app.getHttpServer()).get('/v1/audit').set('Authorization', `Bearer ${created.key}`)).status).toBe(200);
        expect((await second.get('/v1/keys')).body).toContainEqual(expect.objectContaining({ role: 'dpo', label: 'kept' }));
      } finally {
        await second.close();
      }
      rmSync(first.dir, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hands out no keys outside demo mode', async () => {
    const res = await request(api.app.getHttpServer()).get('/v1/demo/keys');
    expect(res.status).toBe(404);
  });

  it('records each bulk read of subject refs (flows, violations, holdings) once, with route and count but no ref', async () => {
    const subject = acquisition();
    const written = await as('ingestor').post('/v1/events').send([subject]);
    for (const [path, action] of [
      ['/v1/flows', 'flows.list'],
      ['/v1/violations', 'violations.list'],
      ['/v1/holdings', 'holdings.list'],
    ] as const) {
      const res = await as('dpo').get(`${path}?limit=500&minPosition=${written.body.lastPosition}`);
      expect(res.status).toBe(200);
      const audit = await as('dpo').get(`/v1/audit?actor=${keys.dpo.id}&target=${encodeURIComponent(path)}`);
      expect(audit.body.items).toEqual([expect.objectContaining({ actor: keys.dpo.id, action, target: path })]);
      const events = await api.app.get<EventStore>(EVENT_STORE).readStream('audit');
      const recorded = events.map((e) => e.data as { action: string; count?: number }).filter((e) => e.action === action);
      expect(recorded).toEqual([expect.objectContaining({ target: path, count: res.body.items.length })]);
      expect(JSON.stringify(recorded)).not.toContain(subject.subjectRef);
    }
    expect((await as('dpo').get('/v1/flows')).body.items.length).toBeGreaterThan(0);
  });

  it('records breach reads in the audit trail under the reader’s key id', async () => {
    const declared = await as('breach').post('/v1/breaches').send(breach);
    await as('breach').get(`/v1/breaches/${declared.body.breachId}?minPosition=${declared.body.lastPosition}`);
    const audit = await as('dpo').get(`/v1/audit?target=${declared.body.breachId}`);
    expect(audit.body.items).toEqual([expect.objectContaining({ actor: keys.breach.id, action: 'breach.read', target: declared.body.breachId })]);
  });
});
