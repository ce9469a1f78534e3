import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { startApi, type ApiHarness } from './support/api-harness';
import { acquisition, toNdjson } from './support/events';

jest.setTimeout(60_000);

describe('POST /v1/events', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ maxBody: '4mb', maxBodyBytes: 4 * 1024 * 1024 });
  });
  afterAll(() => api.close());
  const storedEvents = () => api.app.get<EventStore>(EVENT_STORE).headPosition();

  it('stores a 10,000-event NDJSON batch once; posting it again reports 10,000 duplicates', async () => {
    const events = Array.from({ length: 10_000 }, () => acquisition());
    const body = toNdjson(events);
    const first = await api.post('/v1/events').set('Content-Type', 'application/x-ndjson').send(body);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ accepted: 10_000, duplicates: 0 });
    expect(await storedEvents()).toBe(10_000);
    const second = await api.post('/v1/events').set('Content-Type', 'application/x-ndjson').send(body);
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ accepted: 0, duplicates: 10_000, lastPosition: first.body.lastPosition });
    expect(await storedEvents()).toBe(10_000);
  });

  it('answers 409 EVENT_ID_CONFLICT when a stored eventId comes back with other content, and stores nothing of that batch', async () => {
    const event = acquisition();
    expect((await api.post('/v1/events').send([event])).status).toBe(202);
    const before = await storedEvents();
    const conflicting = await api.post('/v1/events').send([acquisition(), { ...event, items: ['phone'] }]);
    expect(conflicting.status).toBe(409);
    expect(conflicting.body.code).toBe('EVENT_ID_CONFLICT');
    expect(JSON.stringify(conflicting.body)).not.toContain(String(event.eventId));
    expect(await storedEvents()).toBe(before);
    const same = await api.post('/v1/events').send([event]);
    expect(same.status).toBe(202);
    expect(same.body).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('stores nothing of a batch with one bad event and names its index and field paths', async () => {
    const good = [acquisition(), acquisition()];
    const bad = acquisition({ items: ['email', 42], source: { kind: 'rumour' }, occurredAt: '2026-04-01 09:30' });
    const before = await storedEvents();
    const res = await api.post('/v1/events').send([...good, bad]);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 2, path: 'items[1]' }),
        expect.objectContaining({ index: 2, path: 'source.kind' }),
        expect.objectContaining({ index: 2, path: 'occurredAt' }),
      ]),
    );
    expect(res.body.errors.every((e: { index: number }) => e.index === 2)).toBe(true);
    expect(await storedEvents()).toBe(before);
    const retry = await api.post('/v1/events').send(good);
    expect(retry.body).toMatchObject({ accepted: 2, duplicates: 0 });
  });

  it('answers MALFORMED_JSON for a broken JSON body and for a broken NDJSON line, naming the line', async () => {
    const json = await api.post('/v1/events').set('Content-Type', 'application/json').send('[{"eventId": "x",');
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('MALFORMED_JSON');
    const nd = await api
      .post('/v1/events')
      .set('Content-Type', 'application/x-ndjson')
      .send(`${JSON.stringify(acquisition())}\n{"type": "DataUsed",\n`);
    expect(nd.status).toBe(400);
    expect(nd.body).toMatchObject({ code: 'MALFORMED_JSON', errors: [{ index: 1, path: '$', message: 'line 2 is not valid JSON' }] });
  });

  it('reports wrong field types, unknown types, a non-UUID eventId and a repeated eventId within a batch', async () => {
    const id = randomUUID();
    const res = await api
      .post('/v1/events')
      .send([
        acquisition({ eventId: 'not-a-uuid', controller: 7 }),
        { ...acquisition(), type: 'DataSold' },
        acquisition({ eventId: id }),
        acquisition({ eventId: id }),
        acquisition({ occurredAt: '2026-04-01T09:30:00' }),
      ]);
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: { index: number; path: string }) => `${e.index}:${e.path}`);
    expect(paths).toEqual(expect.arrayContaining(['0:eventId', '0:controller', '1:type', '3:eventId', '4:occurredAt']));
    expect(paths).not.toContain('2:eventId');
  });

  it('answers 413 PAYLOAD_TOO_LARGE above the configured body limit', async () => {
    const huge = toNdjson(Array.from({ length: 20_000 }, () => acquisition()));
    expect(huge.length).toBeGreaterThan(4 * 1024 * 1024);
    const res = await api.post('/v1/events').set('Content-Type', 'application/x-ndjson').send(huge);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 415 for a body that is neither JSON nor NDJSON', async () => {
    const res = await api.post('/v1/events').set('Content-Type', 'application/xml').send('<event/>');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('replaces subject.email by a keyed HMAC: the address is neither stored nor echoed', async () => {
    const email = `Hanako.Yamada+${randomUUID().slice(0, 8)}@Example.JP`;
    const { subjectRef: _omit, ...event } = acquisition({ subject: { email } });
    void _omit;
    const ok = await api.post('/v1/events').send([event]);
    expect(ok.status).toBe(202);
    expect(ok.text.toLowerCase()).not.toContain(email.toLowerCase());
    const bad = await api.post('/v1/events').send([{ ...event, eventId: randomUUID(), subject: { email, name: 'Hanako' }, items: 'email' }]);
    expect(bad.status).toBe(400);
    expect(bad.text.toLowerCase()).not.toContain(email.toLowerCase());
    expect(bad.text).not.toContain('Hanako');
    for (const file of readdirSync(api.dir).filter((f) => f.startsWith('events.db') || f.startsWith('read.db'))) {
      const bytes = readFileSync(join(api.dir, file)).toString('latin1').toLowerCase();
      expect(bytes).not.toContain(email.toLowerCase());
      expect(bytes).not.toContain(email.toLowerCase().split('@')[0]);
    }
  });

  it('stores NDJSON events as sent, with subject.email replaced by a keyed HMAC and stored nowhere', async () => {
    const email = `Taro.Suzuki+${randomUUID().slice(0, 8)}@Example.JP`;
    const { subjectRef: _omit, ...raw } = acquisition({ subject: { email } });
    void _omit;
    const plain = acquisition({ items: ['email', 'name'], purposes: ['certificate-issuance'] });
    // Spacing and key order as a client might send them.
    const body = `${JSON.stringify(plain, null, 1).replace(/\n/g, '')}\n  ${JSON.stringify(raw)}  \n`;
    const store = api.app.get<EventStore>(EVENT_STORE);
    const before = await store.headPosition();
    const res = await api.post('/v1/events').set('Content-Type', 'application/x-ndjson').send(body);
    expect(res.status).toBe(202);
    const stored = (await store.readAll({ fromPosition: before })).map((e) => e.data);
    expect(stored).toHaveLength(2);
    const { subject: _subject, ...pseudonymised } = raw;
    void _subject;
    expect(stored).toContainEqual(plain);
    expect(stored).toContainEqual({ ...pseudonymised, subjectRef: expect.stringMatching(/^hmac:[0-9a-f]{64}$/) });
    for (const file of readdirSync(api.dir).filter((f) => f.startsWith('events.db'))) {
      const bytes = readFileSync(join(api.dir, file)).toString('latin1').toLowerCase();
      expect(bytes).not.toContain(email.toLowerCase().split('@')[0]);
    }
  });
});
