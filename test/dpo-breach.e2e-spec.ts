import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { startApi, type ApiHarness } from './support/api-harness';
import { testRef } from './support/events';

jest.setTimeout(60_000);

/**
 * JCERT entrusts customer data to Starfield Technologies (US). A breach at Starfield over March 2026
 * must list exactly the subjects whose items Starfield held at some instant of that window.
 */
const STARFIELD = 'starfield-technologies';
const ITEMS = ['name', 'email'];
const WINDOW = { from: '2026-03-01T00:00:00+09:00', to: '2026-03-31T23:59:59+09:00' };

const ev = (type: string, subjectRef: string, occurredAt: string, extra: Record<string, unknown>) => ({
  eventId: randomUUID(),
  type,
  occurredAt,
  controller: 'jcert',
  subjectRef,
  ...extra,
});
const acquired = (s: string, at: string) => ev('DataAcquired', s, at, { items: ITEMS, source: { kind: 'subject' }, purposes: ['certificate-service'] });
const consent = (s: string, at: string) => ev('ConsentGiven', s, at, { recipients: [STARFIELD], purposes: ['certificate-service'] });
const toStarfield = (s: string, at: string) =>
  ev('DataProvided', s, at, { items: ITEMS, recipient: STARFIELD, purposes: ['certificate-service'], basis: 'entrustment' });
const starfieldErased = (s: string, at: string) => ev('DataErased', s, at, { items: ITEMS, holder: STARFIELD, reason: 'contract ended' });

function history(ref: string, provideAt?: string, erasedAt?: string) {
  const out = [acquired(ref, '2026-01-10T10:00:00+09:00'), consent(ref, '2026-01-10T10:01:00+09:00')];
  if (provideAt) out.push(toStarfield(ref, provideAt));
  if (erasedAt) out.push(starfieldErased(ref, erasedAt));
  return out;
}

describe('breach at Starfield Technologies (JCERT entrustee, US)', () => {
  let api: ApiHarness;
  const refs = {
    heldThroughout: testRef(),
    providedInside: testRef(),
    erasedInside: testRef(),
    erasedBefore: testRef(),
    providedAfter: testRef(),
    neverProvided: testRef(),
  };
  let lastPosition = 0;

  beforeAll(async () => {
    api = await startApi();
    const policy = readFileSync(join(__dirname, '..', 'policies', 'jcert.yaml'), 'utf8');
    expect((await api.put('/v1/policies/jcert').set('Content-Type', 'application/yaml').send(policy)).status).toBe(200);
    const events = [
      ...history(refs.heldThroughout, '2026-01-15T00:00:00+09:00'),
      ...history(refs.providedInside, '2026-03-15T00:00:00+09:00'),
      ...history(refs.erasedInside, '2026-02-01T00:00:00+09:00', '2026-03-10T00:00:00+09:00'),
      ...history(refs.erasedBefore, '2026-01-20T00:00:00+09:00', '2026-02-20T00:00:00+09:00'),
      ...history(refs.providedAfter, '2026-04-10T00:00:00+09:00'),
      ...history(refs.neverProvided),
    ];
    const res = await api.post('/v1/events').send(events);
    expect(res.status).toBe(202);
    lastPosition = res.body.lastPosition;
  });
  afterAll(() => api.close());

  const expected = () => [refs.heldThroughout, refs.providedInside, refs.erasedInside].sort();

  it('lists exactly the subjects whose items Starfield held during the window', async () => {
    const declared = await api
      .post('/v1/breaches')
      .send({ holder: STARFIELD, items: ITEMS, window: WINDOW, discoveredAt: '2026-04-02T09:00:00+09:00', cause: 'unauthorizedAccess', controller: 'jcert' });
    expect(declared.status).toBe(201);
    const res = await api.get(`/v1/breaches/${declared.body.breachId}?minPosition=${Math.max(lastPosition, declared.body.lastPosition)}`);
    expect(res.status).toBe(200);
    expect(res.body.affected.subjects).toBe(3);
    expect(res.body.subjects.items.map((s: { subjectRef: string }) => s.subjectRef).sort()).toEqual(expected());
    expect(res.body.affected.byItem).toEqual(ITEMS.map((item) => expect.objectContaining({ item, subjects: 3 })));
    expect(res.body.affected.byCategory.map((c: { category: string }) => c.category)).toEqual(['user.contact.email', 'user.name']);
    expect(res.body.regimes).toEqual(['APPI']);
    expect(res.body.holder).toMatchObject({ id: STARFIELD, country: 'US' });

    const csv = await api.get(`/v1/breaches/${declared.body.breachId}/subjects.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = csv.text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(rows.sort()).toEqual(expected());
  });

  it('judges an attack reportable and runs the APPI clocks from discoveredAt; a filed report closes its clock', async () => {
    const declared = await api.post('/v1/breaches').send({
      holder: STARFIELD,
      items: ITEMS,
      window: WINDOW,
      discoveredAt: '2026-04-02T09:00:00+09:00',
      cause: 'attack',
      title: 'Starfield portal intrusion',
    });
    const id = declared.body.breachId;
    const before = await api.get(`/v1/breaches/${id}?minPosition=${declared.body.lastPosition}`);
    expect(before.body.reportability.reportable).toBe(true);
    expect(before.body.reportability.triggers.map((t: { trigger: string }) => t.trigger)).toEqual(['improperPurpose']);
    const clock = (body: { clocks: { kind: string }[] }, kind: string) => body.clocks.find((c) => c.kind === kind);
    // Civil Code Arts. 140–141: the day of awareness is not counted; each period ends at the end of its last day, Japan time.
    expect(clock(before.body, 'appi-preliminary')).toMatchObject({ dueAt: '2026-04-07T23:59:59.999+09:00', timeZone: 'Asia/Tokyo', status: 'open' });
    expect(clock(before.body, 'appi-final')).toMatchObject({ dueAt: '2026-06-01T23:59:59.999+09:00' });
    expect(before.body.draftReport.fields.find((f: { key: string }) => f.key === 'persons').value).toBe(3);

    const filed = await api.post(`/v1/breaches/${id}/reports`).send({ report: 'appi-preliminary', authority: 'PPC', occurredAt: '2026-04-04T10:00:00+09:00' });
    expect(filed.status).toBe(201);
    const after = await api.get(`/v1/breaches/${id}?minPosition=${filed.body.lastPosition}`);
    expect(clock(after.body, 'appi-preliminary')).toMatchObject({ status: 'closed', overdue: false, closedByEventId: filed.body.eventId });
    expect(clock(after.body, 'appi-final')).toMatchObject({ status: 'open' });

    const page = await api.get(`/v1/breaches/${id}/report?format=html`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('再発防止のための措置');
    expect(page.text).toContain('APPI Enforcement Rules Art. 7(iii)');
    expect(page.text).toContain('Starfield portal intrusion');
    expect(page.text).toContain('2026-04-07 23:59 JST');
  });

  it('keeps Starfield erasure obligations open after JCERT erases, until Starfield confirms', async () => {
    const ref = testRef();
    const erase = ev('DataErased', ref, '2026-05-01T00:00:00+09:00', { items: ITEMS, reason: 'subject request' });
    const events = [...history(ref, '2026-01-15T00:00:00+09:00'), erase];
    const res = await api.post('/v1/events').send(events);
    const open = await api.get(`/v1/erasures?status=overdue&subjectRef=${ref}&minPosition=${res.body.lastPosition}`);
    expect(open.status).toBe(200);
    expect(open.body.items).toEqual([expect.objectContaining({ holder: STARFIELD, eventId: erase.eventId, status: 'overdue' })]);
    const confirm = await api.post('/v1/events').send([starfieldErased(ref, '2026-05-02T00:00:00+09:00')]);
    const done = await api.get(`/v1/erasures?status=done&subjectRef=${ref}&minPosition=${confirm.body.lastPosition}`);
    expect(done.body.items).toEqual([expect.objectContaining({ holder: STARFIELD, status: 'done' })]);
  });

  it('names the parties that received the items onward from Starfield', async () => {
    const ref = testRef();
    const onward = ev('DataProvided', ref, '2026-03-20T00:00:00+09:00', {
      items: ['email'],
      recipient: 'sub-processor-x',
      purposes: ['certificate-service'],
      holder: STARFIELD,
    });
    const ingested = await api.post('/v1/events').send([...history(ref, '2026-02-01T00:00:00+09:00'), onward]);
    const declared = await api
      .post('/v1/breaches')
      .send({ holder: STARFIELD, items: ITEMS, window: WINDOW, discoveredAt: '2026-04-02T09:00:00+09:00', cause: 'misdelivery' });
    const res = await api.get(`/v1/breaches/${declared.body.breachId}?minPosition=${Math.max(ingested.body.lastPosition, declared.body.lastPosition)}`);
    expect(res.body.otherParties).toEqual([expect.objectContaining({ party: 'sub-processor-x', via: STARFIELD, items: ['email'], subjects: 1 })]);
    const other = res.body.draftReport.fields.find((f: { key: string }) => f.key === 'other');
    expect(other.value).toContain('sub-processor-x');
  });

  it('exports APPI Art. 29 provision records with recipient, consent fact and retention end, as JSON and CSV', async () => {
    const ref = testRef();
    const published = ev('DataProvided', ref, '2026-02-02T00:00:00+09:00', {
      items: ['organisation-department'],
      recipient: 'public-certificate-repository',
      purposes: ['certificate-publication'],
      basis: 'consent',
      consentRef: 'application-42',
    });
    const ingested = await api
      .post('/v1/events')
      .send([ev('DataAcquired', ref, '2026-02-01T00:00:00+09:00', { items: ['organisation-department'], source: { kind: 'subject' } }), published]);
    const json = await api.get(
      `/v1/provision-records?controller=jcert&from=2026-02-02T00:00:00%2B09:00&to=2026-02-02T00:00:00%2B09:00&minPosition=${ingested.body.lastPosition}`,
    );
    expect(json.status).toBe(200);
    expect(json.body.items).toEqual([
      expect.objectContaining({
        eventId: published.eventId,
        subjectRef: ref,
        items: ['organisation-department'],
        consentRef: 'application-42',
        recipient: expect.objectContaining({ id: 'public-certificate-repository', country: 'US' }),
      }),
    ]);
    expect(Date.parse(json.body.items[0].retentionUntil)).toBeGreaterThan(Date.parse('2026-02-02T00:00:00+09:00'));
    const csv = await api.get('/v1/provision-records?controller=jcert&from=2026-02-02T00:00:00%2B09:00&to=2026-02-02T00:00:00%2B09:00&format=csv');
    const [header, row, ...rest] = csv.text.trim().split('\n');
    expect(header.split(',')).toEqual(
      expect.arrayContaining(['provided_at', 'recipient_name', 'recipient_address', 'subject_ref', 'items', 'consent_ref', 'retention_until']),
    );
    expect(rest).toEqual([]);
    expect(row).toContain(published.eventId);
    expect(row).toContain('application-42');
  });

  it('every fact of a breach subject list links to a stored event', async () => {
    const declared = await api.post('/v1/breaches').send({ holder: STARFIELD, items: ITEMS, window: WINDOW, discoveredAt: '2026-04-02T09:00:00+09:00' });
    const res = await api.get(`/v1/breaches/${declared.body.breachId}?minPosition=${declared.body.lastPosition}`);
    const store = api.app.get<EventStore>(EVENT_STORE);
    for (const s of res.body.subjects.items as { subjectRef: string; eventIds: string[] }[]) {
      const stored = new Set((await store.readStream(`subject-${s.subjectRef}`)).map((e) => e.eventId));
      for (const id of s.eventIds) expect(stored.has(id)).toBe(true);
    }
  });

  // Last: it adds a subject to Starfield's window, which the counts of the tests above do not expect.
  it('adds a subject whose provision to Starfield inside the window is reported after the breach was declared', async () => {
    const declared = await api
      .post('/v1/breaches')
      .send({ holder: STARFIELD, items: ITEMS, window: WINDOW, discoveredAt: '2026-04-02T09:00:00+09:00', cause: 'unauthorizedAccess', controller: 'jcert' });
    const id = declared.body.breachId;
    const before = await api.get(`/v1/breaches/${id}?minPosition=${Math.max(lastPosition, declared.body.lastPosition)}`);
    const late = testRef();
    const ingested = await api.post('/v1/events').send(history(late, '2026-03-20T00:00:00+09:00'));
    const after = await api.get(`/v1/breaches/${id}?minPosition=${ingested.body.lastPosition}&limit=1000`);
    expect(after.body.affected.subjects).toBe(before.body.affected.subjects + 1);
    expect(after.body.affected.byItem).toEqual(ITEMS.map((item) => expect.objectContaining({ item, subjects: before.body.affected.subjects + 1 })));
    expect(after.body.subjects.items).toContainEqual(expect.objectContaining({ subjectRef: late, items: expect.arrayContaining(ITEMS) }));
    const csv = await api.get(`/v1/breaches/${id}/subjects.csv`);
    expect(
      csv.text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toContain(late);
  });
});
