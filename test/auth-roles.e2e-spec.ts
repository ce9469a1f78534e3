import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { READ_MODEL, type ReadModel } from '@ashiato/projections';
import { startApi, type ApiHarness } from './support/api-harness';

jest.setTimeout(60_000);

const acquisition = () => ({
  eventId: randomUUID(),
  type: 'DataAcquired',
  occurredAt: '2026-04-01T09:30:00+09:00',
  controller: 'jcert',
  subjectRef: `s-${randomUUID()}`,
  items: ['email'],
  source: { kind: 'subject' },
});
const breach = { holder: 'starfield-technologies', items: ['email'], window: { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' }, discoveredAt: '2026-04-02T00:00:00Z', cause: 'loss' };

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
    expect((await as('ingestor').get('/v1/subjects/s-1/lineage')).status).toBe(403);
    expect((await as('ingestor').get('/v1/flows')).status).toBe(403);
    expect((await as('ingestor').post('/v1/breaches').send(breach)).status).toBe(403);
  });

  it('a breach key declares and reads breaches but not lineage or provision records', async () => {
    const declared = await as('breach').post('/v1/breaches').send(breach);
    expect(declared.status).toBe(201);
    expect((await as('breach').get(`/v1/breaches/${declared.body.breachId}?minPosition=${declared.body.lastPosition}`)).status).toBe(200);
    expect((await as('breach').get('/v1/breaches')).status).toBe(200);
    expect((await as('breach').get('/v1/subjects/s-1/lineage')).status).toBe(403);
    expect((await as('breach').get('/v1/provision-records')).status).toBe(403);
  });

  it('a dpo key reads lineage, provision records, erasures and the audit list, but writes nothing', async () => {
    for (const path of ['/v1/subjects/s-1/lineage', '/v1/provision-records', '/v1/provision-records?format=csv', '/v1/erasures?status=open', '/v1/audit']) {
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
    expect(figures.body.items).toContainEqual(expect.objectContaining({ breachId: declared.body.breachId, affectedSubjects: 0, reportable: false }));
    expect(JSON.stringify(figures.body)).not.toMatch(/subjectRef|"s-/);
    for (const path of ['/v1/flows', '/v1/holdings', '/v1/violations', '/v1/subjects/s-1/lineage', '/v1/breaches', '/v1/audit']) {
      expect([path, (await as('viewer').get(path)).status]).toEqual([path, 403]);
    }
  });

  it('keeps only SHA-256 digests of keys, and a revoked key stops working', async () => {
    const rm = api.app.get<ReadModel>(READ_MODEL);
    const { rows } = await (await import('kysely')).sql<{ key_hash: string; id: string }>`select id, key_hash from api_keys`.execute(rm.db);
    const stored = JSON.stringify(rows);
    for (const k of Object.values(keys)) expect(stored).not.toContain(k.key);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key_hash))).toBe(true);

    const extra = (await api.post('/v1/keys').send({ role: 'dpo' })).body as { id: string; key: string };
    const server = api.app.getHttpServer();
    expect((await request(server).get('/v1/audit').set('Authorization', `Bearer ${extra.key}`)).status).toBe(200);
    expect((await request(server).delete(`/v1/keys/${extra.id}`).set('Authorization', `Bearer ${process.env.ASHIATO_ADMIN_KEY}`)).status).toBe(204);
    expect((await request(server).get('/v1/audit').set('Authorization', `Bearer ${extra.key}`)).status).toBe(401);
  });

  it('hands out no keys outside demo mode', async () => {
    const res = await request(api.app.getHttpServer()).get('/v1/demo/keys');
    expect(res.status).toBe(404);
  });

  it('records breach reads in the audit trail under the reader’s key id', async () => {
    const declared = await as('breach').post('/v1/breaches').send(breach);
    await as('breach').get(`/v1/breaches/${declared.body.breachId}?minPosition=${declared.body.lastPosition}`);
    const audit = await as('dpo').get(`/v1/audit?target=${declared.body.breachId}`);
    expect(audit.body.items).toEqual([expect.objectContaining({ actor: keys.breach.id, action: 'breach.read', target: declared.body.breachId })]);
  });
});

describe('demo mode', () => {
  it('prints one working key per role at start', async () => {
    const printed: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    let api: ApiHarness | undefined;
    try {
      api = await startApi({ demo: true });
    } finally {
      spy.mockRestore();
    }
    try {
      const lines = printed.join('').split('\n');
      const keyOf = (role: string) => lines.find((l) => l.trim().startsWith(`${role} `))?.trim().split(/\s+/)[1];
      for (const role of ['ingestor', 'dpo', 'breach', 'viewer', 'admin']) expect(keyOf(role)).toMatch(new RegExp(`^ashiato_${role}_`));
      const res = await request(api.app.getHttpServer()).get('/v1/audit').set('Authorization', `Bearer ${keyOf('dpo')}`);
      expect(res.status).toBe(200);
      const handed = await request(api.app.getHttpServer()).get('/v1/demo/keys');
      expect(handed.status).toBe(200);
      expect(handed.body.viewer).toBe(keyOf('viewer'));
    } finally {
      await api.close();
    }
  });
});

describe('ASHIATO_AUTH=off', () => {
  it('lets callers without a key in and records them as anonymous', async () => {
    process.env.ASHIATO_AUTH = 'off';
    let api: ApiHarness | undefined;
    try {
      api = await startApi();
    } finally {
      delete process.env.ASHIATO_AUTH;
    }
    try {
      const server = api.app.getHttpServer();
      expect((await request(server).get('/v1/subjects/s-1/lineage')).status).toBe(200);
      const audit = await request(server).get('/v1/audit?target=s-1');
      expect(audit.body.items).toContainEqual(expect.objectContaining({ actor: 'anonymous', action: 'lineage.read' }));
    } finally {
      await api.close();
    }
  });
});
