import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { startApi, type ApiHarness } from './support/api-harness';
import { testRef } from './support/events';

jest.setTimeout(60_000);

/**
 * The answers of the read routes match the schemas /docs publishes for them (the ones the dashboard's
 * types are generated from): a field renamed or dropped in a read model fails here.
 */
describe('OpenAPI response schemas', () => {
  let api: ApiHarness;
  let answerSchema: (path: string, method?: 'get' | 'post') => object;
  let ref: string;
  let breachId: string;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  beforeAll(async () => {
    api = await startApi();
    const policy = readFileSync(join(__dirname, '..', 'policies', 'jcert.yaml'), 'utf8');
    expect((await api.put('/v1/policies/jcert').set('Content-Type', 'application/yaml').send(policy)).status).toBe(200);
    ref = testRef();
    const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00+09:00`;
    const base = { controller: 'jcert', subjectRef: ref };
    const events = [
      {
        ...base,
        eventId: randomUUID(),
        type: 'DataAcquired',
        occurredAt: at(1),
        items: ['email'],
        source: { kind: 'subject' },
        purposes: ['certificate-service'],
      },
      {
        ...base,
        eventId: randomUUID(),
        type: 'DataProvided',
        occurredAt: at(2),
        items: ['email'],
        recipient: 'unknown-broker',
        purposes: ['certificate-service'],
      },
      { ...base, eventId: randomUUID(), type: 'DataErased', occurredAt: at(3), items: ['email'], reason: 'request' },
    ];
    const ingested = await api.post('/v1/events').send(events);
    expect(ingested.status).toBe(202);
    const declared = await api
      .post('/v1/breaches')
      .send({ holder: 'jcert', items: ['email'], window: { from: at(1), to: at(4) }, discoveredAt: at(5), cause: 'loss' });
    expect(declared.status).toBe(201);
    breachId = declared.body.breachId;
    const doc = (await api.get('/docs-json').unset('Authorization')).body;
    ajv.addSchema({ ...doc, $id: 'openapi' });
    answerSchema = (path, method = 'get') => {
      const schema = doc.paths[path][method].responses['200'].content['application/json'].schema;
      expect(schema.$ref).toMatch(/^#\/components\/schemas\//);
      return { $ref: `openapi${schema.$ref}` };
    };
  });
  afterAll(() => api.close());

  it.each([
    ['/v1/flows', '/v1/flows'],
    ['/v1/violations', '/v1/violations'],
    ['/v1/holdings', '/v1/holdings?asOf=2026-03-02T12:00:00%2B09:00'],
    ['/v1/erasures', '/v1/erasures'],
    ['/v1/stats/overview', '/v1/stats/overview'],
    ['/v1/stats/breaches', '/v1/stats/breaches'],
    ['/v1/policies', '/v1/policies'],
    ['/v1/policies/{controller}', '/v1/policies/jcert'],
    ['/v1/controllers/{id}/record-of-processing', '/v1/controllers/jcert/record-of-processing?from=2026-03-01T00:00:00Z'],
    ['/v1/audit', '/v1/audit'],
  ])('%s answers what its documented schema says', async (route, url) => {
    const res = await api.get(url);
    expect(res.status).toBe(200);
    const validate = ajv.compile(answerSchema(route));
    expect(validate(res.body) ? [] : validate.errors).toEqual([]);
    expect(JSON.stringify(res.body.items ?? res.body)).not.toBe('[]');
  });

  it('POST /v1/policies/{controller}/what-if answers what its documented schema says', async () => {
    const draft = readFileSync(join(__dirname, '..', 'policies', 'jcert.yaml'), 'utf8').replace(/^version: .*$/m, 'version: "draft"');
    const res = await api.post('/v1/policies/jcert/what-if?from=2026-01-01T00:00:00Z').set('Content-Type', 'application/yaml').send(draft);
    expect(res.status).toBe(200);
    const validate = ajv.compile(answerSchema('/v1/policies/{controller}/what-if', 'post'));
    expect(validate(res.body) ? [] : validate.errors).toEqual([]);
    expect(res.body.flowsJudged).toBeGreaterThan(0);
  });

  it('GET /v1/subjects/{ref}/lineage answers what its documented schema says', async () => {
    const res = await api.get(`/v1/subjects/${ref}/lineage?asOf=2026-03-05T00:00:00Z`);
    expect(res.status).toBe(200);
    const validate = ajv.compile(answerSchema('/v1/subjects/{ref}/lineage'));
    expect(validate(res.body) ? [] : validate.errors).toEqual([]);
    expect(res.body.controllers[0].erasures[0].obligations).toHaveLength(1);
  });

  it('GET /v1/breaches/{id} answers what its documented schema says', async () => {
    const res = await api.get(`/v1/breaches/${encodeURIComponent(breachId)}`);
    expect(res.status).toBe(200);
    const validate = ajv.compile(answerSchema('/v1/breaches/{id}'));
    expect(validate(res.body) ? [] : validate.errors).toEqual([]);
    expect(res.body.assessments[0].draft).not.toBeNull();
    expect(res.body.otherParties).toHaveLength(1);
  });

  it('refuses, by the same schemas, an answer whose field changed', () => {
    const validate = ajv.compile(answerSchema('/v1/violations'));
    expect(
      validate({
        items: [{ eventId: 'e', position: 1, code: 'NO_SUCH_CODE', holder: 'h', controller: 'c', subjectRef: 's', occurredAt: 't', message: 'm', items: [] }],
        nextCursor: null,
      }),
    ).toBe(false);
  });
});
