import { readFileSync } from 'node:fs';
import { parsePolicyOrThrow } from '@ashiato/domain';
import { startApi, type ApiHarness } from './support/api-harness';
import { acquisition, testRef } from './support/events';

jest.setTimeout(60_000);

const JCERT_YAML = readFileSync('policies/jcert.yaml', 'utf8');
const v1 = parsePolicyOrThrow(JCERT_YAML, 'yaml');
/** Version 2 takes effect on 2026-01-01 and no longer declares Starfield Technologies. */
const v2 = {
  ...v1,
  version: '2',
  effectiveFrom: '2026-01-01T00:00:00+09:00',
  recipients: v1.recipients.filter((r) => r.id !== 'starfield-technologies'),
  retention: v1.retention.filter((r) => r.holder !== 'starfield-technologies'),
};

describe('policies', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('publishes YAML and JSON versions; the same document again is a no-op', async () => {
    const first = await api.put('/v1/policies/jcert').set('Content-Type', 'application/yaml').send(JCERT_YAML);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ controller: 'jcert', version: v1.version, duplicate: false });
    const again = await api.put('/v1/policies/jcert').set('Content-Type', 'application/yaml').send(JCERT_YAML);
    expect(again.body).toMatchObject({ duplicate: true, eventId: first.body.eventId });
    const second = await api.put('/v1/policies/jcert').send(v2);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: '2', duplicate: false });
  });

  it('answers the version in force at an instant, the history, and the newest per controller', async () => {
    const head = (await api.get('/v1/policies/jcert/versions').query({ minPosition: 2 })).body;
    expect(head.items.map((v: { version: string }) => v.version)).toEqual([v1.version, '2']);
    const before = await api.get('/v1/policies/jcert').query({ at: '2025-06-01T00:00:00+09:00' });
    expect(before.status).toBe(200);
    expect(before.body.version).toBe(v1.version);
    expect(before.body.document.recipients.map((r: { id: string }) => r.id)).toContain('starfield-technologies');
    const after = await api.get('/v1/policies/jcert').query({ at: '2026-02-01T00:00:00+09:00' });
    expect(after.body.version).toBe('2');
    const latest = await api.get('/v1/policies');
    expect(latest.body.items).toEqual([expect.objectContaining({ controller: 'jcert', version: '2' })]);
  });

  it('judges a flow by the version in force when it happened', async () => {
    const subjectRef = testRef('subject-judged-by-time');
    const acquired = acquisition({ subjectRef, occurredAt: '2025-05-01T10:00:00+09:00', items: ['email', 'name'] });
    const provide = (occurredAt: string) =>
      acquisition({
        subjectRef,
        type: 'DataProvided',
        occurredAt,
        items: ['name'],
        recipient: 'starfield-technologies',
        purposes: ['certificate-service'],
        basis: 'entrustment',
        source: undefined,
      });
    const consent = acquisition({
      subjectRef,
      type: 'ConsentGiven',
      occurredAt: '2025-05-01T09:00:00+09:00',
      recipients: ['starfield-technologies'],
      items: undefined,
      source: undefined,
    });
    const res = await api.post('/v1/events').send([consent, acquired, provide('2025-06-01T10:00:00+09:00'), provide('2026-02-01T10:00:00+09:00')]);
    expect(res.status).toBe(202);
    const flows = await api.get('/v1/flows').query({ controller: 'jcert', minPosition: res.body.lastPosition, limit: 10 });
    const provisions = flows.body.items.filter((f: { type: string }) => f.type === 'DataProvided');
    const byYear = Object.fromEntries(provisions.map((f: { occurredAt: string; policyVersion: string; codes: string[] }) => [f.occurredAt.slice(0, 4), f]));
    expect(byYear['2025']).toMatchObject({ policyVersion: v1.version, verdict: 'allowed' });
    expect(byYear['2026']).toMatchObject({ policyVersion: '2', verdict: 'violation' });
    expect(byYear['2026'].codes).toContain('RECIPIENT_UNDECLARED');
    const violations = await api.get('/v1/violations').query({ code: 'RECIPIENT_UNDECLARED' });
    expect(violations.body.items.map((v: { eventId: string }) => v.eventId)).toContain(byYear['2026'].eventId);
    const holdings = await api.get('/v1/holdings').query({ holder: 'starfield-technologies', asOf: '2025-07-01T00:00:00+09:00' });
    expect(holdings.body.items).toEqual([expect.objectContaining({ subjectRef, item: 'name', holder: 'starfield-technologies' })]);
    const stats = await api.get('/v1/stats/overview').query({ minPosition: res.body.lastPosition });
    expect(stats.body.violationsByCode).toContainEqual({ code: 'RECIPIENT_UNDECLARED', controller: 'jcert', count: 1 });
    expect(JSON.stringify(stats.body)).not.toContain(subjectRef);
  });

  it('refuses invalid documents with the path of every problem, a controller mismatch, and a changed version', async () => {
    const invalid = await api
      .put('/v1/policies/jcert')
      .send({ ...v1, version: '3', regime: 'Martian', items: [{ ...v1.items[0], category: 'Not A Category' }, ...v1.items.slice(1)] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
    expect(invalid.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['regime', 'items[0].category']));
    const mismatch = await api.put('/v1/policies/gbizconnect').send({ ...v1, version: '3' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual([expect.objectContaining({ path: 'controller' })]);
    const changed = await api.put('/v1/policies/jcert').send({ ...v2, name: 'renamed without a new version' });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('POLICY_VERSION_EXISTS');
  });

  it('answers 404 NOT_FOUND for a controller without a policy, and 400 for a bad instant', async () => {
    const missing = await api.get('/v1/policies/nobody');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const badAt = await api.get('/v1/policies/jcert').query({ at: 'last tuesday' });
    expect(badAt.status).toBe(400);
    expect(badAt.body.errors).toEqual([expect.objectContaining({ path: 'at' })]);
  });
});
