import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { startApi, type ApiHarness } from './support/api-harness';
import { testRef } from './support/events';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const STARFIELD = 'starfield-technologies';

/** Every eventId a lineage answer cites, wherever it appears. */
function citedEventIds(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => citedEventIds(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'eventIds' && Array.isArray(v)) v.forEach((id) => out.add(String(id)));
      else citedEventIds(v, out);
    }
  }
  return out;
}

describe('subject lineage (APPI Art. 33, GDPR Art. 15)', () => {
  let api: ApiHarness;
  const ref = testRef();
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const base = { controller: 'jcert', subjectRef: ref };
  const older = [
    {
      ...base,
      eventId: randomUUID(),
      type: 'DataAcquired',
      occurredAt: iso(now - 72 * HOUR),
      items: ['name', 'email'],
      source: { kind: 'subject' },
      purposes: ['certificate-service'],
    },
    { ...base, eventId: randomUUID(), type: 'ConsentGiven', occurredAt: iso(now - 71 * HOUR), recipients: [STARFIELD], purposes: ['certificate-service'] },
    {
      ...base,
      eventId: randomUUID(),
      type: 'DataProvided',
      occurredAt: iso(now - 48 * HOUR),
      items: ['name', 'email'],
      recipient: STARFIELD,
      purposes: ['certificate-service'],
      basis: 'entrustment',
    },
  ];
  const today = [
    { ...base, eventId: randomUUID(), type: 'DataUsed', occurredAt: iso(now - 2 * HOUR), items: ['email'], purposes: ['marketing-email'] },
    { ...base, eventId: randomUUID(), type: 'DataErased', occurredAt: iso(now - HOUR), items: ['email'], reason: 'subject request' },
  ];
  let lastPosition = 0;

  beforeAll(async () => {
    api = await startApi();
    const policy = readFileSync(join(__dirname, '..', 'policies', 'jcert.yaml'), 'utf8');
    await api.put('/v1/policies/jcert').set('Content-Type', 'application/yaml').send(policy);
    const res = await api.post('/v1/events').send([...older, ...today]);
    expect(res.status).toBe(202);
    lastPosition = res.body.lastPosition;
  });
  afterAll(() => api.close());

  it('as of yesterday differs from today exactly by today’s events', async () => {
    const yesterday = await api.get(`/v1/subjects/${ref}/lineage?asOf=${iso(now - 24 * HOUR)}&minPosition=${lastPosition}`);
    const current = await api.get(`/v1/subjects/${ref}/lineage`);
    expect(yesterday.status).toBe(200);
    expect(current.status).toBe(200);
    const added = current.body.eventIds.filter((id: string) => !yesterday.body.eventIds.includes(id));
    expect(added.sort()).toEqual(today.map((e) => e.eventId).sort());
    expect(yesterday.body.eventIds.sort()).toEqual(older.map((e) => e.eventId).sort());

    const jcert = current.body.controllers[0];
    const email = jcert.items.find((i: { item: string }) => i.item === 'email');
    expect(email.heldBy).toEqual([STARFIELD]);
    expect(jcert.uses[0]).toMatchObject({ verdict: 'violation', eventIds: [today[0].eventId] });
    expect(jcert.erasures[0].obligations).toEqual([
      expect.objectContaining({ holder: STARFIELD, acknowledged: false, overdue: false, dueAt: iso(now - HOUR + 30 * 24 * HOUR) }),
    ]);
    const yEmail = yesterday.body.controllers[0].items.find((i: { item: string }) => i.item === 'email');
    expect(yEmail.heldBy).toEqual(['jcert', STARFIELD]);
  });

  it('cites only eventIds that exist in the store', async () => {
    const res = await api.get(`/v1/subjects/${ref}/lineage?minPosition=${lastPosition}`);
    const cited = citedEventIds(res.body.controllers);
    const stored = new Set((await api.app.get<EventStore>(EVENT_STORE).readStream(`subject-${ref}`)).map((e) => e.eventId));
    expect(cited.size).toBe(older.length + today.length);
    for (const id of cited) expect(stored.has(id)).toBe(true);
  });

  it('renders the printable disclosure report with provision records and recipients by country', async () => {
    const res = await api.get(`/v1/subjects/${ref}/lineage?format=html&minPosition=${lastPosition}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('第三者提供記録');
    expect(res.text).toContain('Starfield Technologies, LLC');
    expect(res.text).toMatch(/Entrustee \(processor\), US/);
    expect(res.text).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d JST/);
    for (const e of [...older, ...today]) expect(res.text).toContain(e.eventId);
  });

  it('finds a subject by e-mail the same way ingest pseudonymised it, without the address in any URL', async () => {
    const email = `Person.${randomUUID()}@Example.jp`;
    const ingested = await api.post('/v1/events').send([
      {
        eventId: randomUUID(),
        type: 'DataAcquired',
        occurredAt: iso(now - HOUR),
        controller: 'jcert',
        subject: { email },
        items: ['email'],
        source: { kind: 'subject' },
      },
    ]);
    expect(ingested.status).toBe(202);
    const res = await api.post(`/v1/subjects/lineage:lookup?minPosition=${ingested.body.lastPosition}`).send({ email: email.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body.subjectRef).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(res.body.controllers[0].items.map((i: { item: string }) => i.item)).toEqual(['email']);
    expect(JSON.stringify(res.body)).not.toContain(email.toLowerCase());
  });

  it('refuses a lookup without exactly one identifier', async () => {
    const res = await api.post('/v1/subjects/lineage:lookup').send({ email: 'a@b.jp', phone: '0312345678' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body)).not.toContain('a@b.jp');
  });

  describe('access control and audit', () => {
    const keyFor = async (role: string) => (await api.post('/v1/keys').send({ role, label: `e2e ${role}` })).body as { id: string; key: string };

    it('a viewer key gets 403 on lineage; a dpo key reads it and the read appears in the audit list', async () => {
      const viewer = await keyFor('viewer');
      const dpo = await keyFor('dpo');
      const server = api.app.getHttpServer();
      const denied = await request(server).get(`/v1/subjects/${ref}/lineage`).set('Authorization', `Bearer ${viewer.key}`);
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('FORBIDDEN');
      const read = await request(server).get(`/v1/subjects/${ref}/lineage`).set('Authorization', `Bearer ${dpo.key}`);
      expect(read.status).toBe(200);
      const audit = await request(server)
        .get(`/v1/audit?target=${encodeURIComponent(ref)}`)
        .set('Authorization', `Bearer ${dpo.key}`);
      expect(audit.status).toBe(200);
      const entries = audit.body.items as { actor: string; action: string; target: string }[];
      expect(entries).toContainEqual(expect.objectContaining({ actor: dpo.id, action: 'lineage.read', target: ref }));
      expect(entries.some((e) => e.actor === viewer.id)).toBe(false);
      expect(JSON.stringify(audit.body)).not.toContain(dpo.key);
    });

    it('each lineage read adds one audit entry', async () => {
      const count = async () =>
        (await api.get(`/v1/audit?target=${encodeURIComponent(ref)}`)).body.items.filter((e: { action: string }) => e.action === 'lineage.read').length;
      const before = await count();
      await api.get(`/v1/subjects/${ref}/lineage`);
      await api.get(`/v1/subjects/${ref}/lineage?format=html`);
      expect(await count()).toBe(before + 2);
    });

    it('answers 401 without a key and with an unknown key; /health stays open', async () => {
      const server = api.app.getHttpServer();
      expect((await request(server).get(`/v1/subjects/${ref}/lineage`)).status).toBe(401);
      expect((await request(server).get(`/v1/subjects/${ref}/lineage`).set('Authorization', 'Bearer not-a-key')).status).toBe(401);
      expect((await request(server).get('/health')).status).toBe(200);
    });
  });
});
