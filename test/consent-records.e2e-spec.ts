import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startApi, type ApiHarness } from './support/api-harness';
import { jcertEvent } from './support/events';

jest.setTimeout(60_000);

/** GET /v1/subjects/{ref}/consents: ISO/IEC TS 27560 consent records in W3C DPV, from the log. */
describe('consent records as DPV JSON-LD', () => {
  let api: ApiHarness;
  let ref: string;
  const email = `consent.${randomUUID().slice(0, 8)}@example.jp`;

  beforeAll(async () => {
    api = await startApi();
    await api
      .put('/v1/policies/jcert')
      .set('Content-Type', 'application/yaml')
      .send(readFileSync(join(__dirname, '..', 'policies', 'jcert.yaml'), 'utf8'))
      .expect(200);
    const ev = (type: string, occurredAt: string, rest: Record<string, unknown>) => jcertEvent(email, type, occurredAt, rest);
    const res = await api
      .post('/v1/events')
      .send([
        ev('DataAcquired', '2026-01-10T09:00:00+09:00', { items: ['email'], source: { kind: 'subject' } }),
        ev('ConsentGiven', '2026-01-10T10:00:00+09:00', { recipients: ['starfield-technologies'] }),
        ev('ConsentGiven', '2026-01-11T10:00:00+09:00', { purposes: ['marketing-email'] }),
        ev('ConsentWithdrawn', '2026-02-01T10:00:00+09:00', { purposes: ['marketing-email'] }),
      ])
      .expect(202);
    const flows = await api.get(`/v1/flows?controller=jcert&minPosition=${res.body.lastPosition}`).expect(200);
    ref = flows.body.items[0].subjectRef;
  });
  afterAll(() => api.close());

  it('answers one dpv:ConsentRecord per consent given, with its states, as application/ld+json, naming no identifier', async () => {
    const res = await api.get(`/v1/subjects/${ref}/consents`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc = JSON.parse(res.text) as { '@context': Record<string, string>; '@graph': Record<string, unknown>[] };
    expect(doc['@context'].dpv).toBe('https://w3id.org/dpv#');
    expect(doc['@graph']).toHaveLength(2);
    const [starfield, marketing] = doc['@graph'];
    expect(starfield['dpv:hasConsentStatus']).toEqual([expect.objectContaining({ '@type': 'dpv:ConsentGiven' })]);
    expect(marketing['dpv:hasConsentStatus']).toEqual([
      expect.objectContaining({ '@type': 'dpv:ConsentGiven' }),
      expect.objectContaining({ '@type': 'dpv:ConsentWithdrawn' }),
    ]);
    expect((marketing['dpv:hasProcess'] as { 'dpv:hasPurpose': { '@type': string }[] })['dpv:hasPurpose']).toEqual([
      expect.objectContaining({ '@type': 'dpv:DirectMarketing', 'dct:identifier': 'marketing-email' }),
    ]);
    expect(res.text).not.toContain(email);
    expect(res.text).toContain(ref);
  });

  it('is audited, for dpo keys only, and refuses a raw identifier in the path', async () => {
    const audit = await api.get('/v1/audit?limit=1000').expect(200);
    expect(JSON.stringify(audit.body)).toContain('consents.read');
    const breach = (await api.post('/v1/keys').send({ role: 'breach' }).expect(201)).body.key as string;
    await request(api.app.getHttpServer()).get(`/v1/subjects/${ref}/consents`).set('Authorization', `Bearer ${breach}`).expect(403);
    const raw = await api.get(`/v1/subjects/${encodeURIComponent(email)}/consents`).expect(400);
    expect(raw.body.code).toBe('SUBJECT_REF_INVALID');
    expect(raw.text).not.toContain(email);
  });
});
