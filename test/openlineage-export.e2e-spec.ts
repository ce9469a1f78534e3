import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { startApi, TEST_ADMIN_KEY, type ApiHarness } from './support/api-harness';
import { runCli, testPort } from './support/spawn-cli';

jest.setTimeout(180_000);

const schemaDir = join(__dirname, '..', 'schemas', 'openlineage');
const readSchema = (file: string) => JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as Record<string, unknown>;

/** The OpenLineage spec schema (vendored, unmodified), its schema dataset facet, and our run facet. */
function validators() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(readSchema('spec/OpenLineage.json'));
  ajv.addSchema(readSchema('spec/SchemaDatasetFacet.json'));
  ajv.addSchema(readSchema('PersonalDataFlowRunFacet.json'));
  const check = (ref: string) => {
    const validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`schema ${ref} not found`);
    return (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
  };
  return {
    runEvent: check('https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent'),
    spec: check('https://openlineage.io/spec/2-0-2/OpenLineage.json'),
    schemaFacet: check('https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet'),
    flowFacet: check('urn:ashiato:openlineage:PersonalDataFlowRunFacet:1-0-0#/$defs/PersonalDataFlowRunFacet'),
  };
}

interface RunEvent {
  eventTime: string;
  run: { runId: string; facets: { ashiato_personalDataFlow: Record<string, unknown> & { subjectRefs?: string[] } } };
  job: { namespace: string; name: string };
  inputs: { name: string; facets: { schema: unknown } }[];
  outputs: { name: string; facets: { schema: unknown } }[];
}

const ndjson = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RunEvent);

describe('OpenLineage export', () => {
  let api: ApiHarness;
  const emails = [0, 1, 2].map((i) => `export.${i}.${randomUUID().slice(0, 8)}@example.jp`);

  const acquired = (email: string, day: string) => ({
    eventId: randomUUID(),
    type: 'DataAcquired',
    occurredAt: `${day}T09:00:00+09:00`,
    controller: 'jcert',
    subject: { email },
    items: ['email', 'name'],
    source: { kind: 'subject' },
  });
  const provided = (email: string, at: string, recipient = 'starfield-technologies') => ({
    eventId: randomUUID(),
    type: 'DataProvided',
    occurredAt: at,
    controller: 'jcert',
    subject: { email },
    items: ['email'],
    recipient,
    purposes: ['certificate-service'],
    basis: 'entrustment',
  });

  beforeAll(async () => {
    api = await startApi({ publicUrl: 'https://ashiato.example.jp' });
    await api
      .put('/v1/policies/jcert')
      .set('Content-Type', 'application/yaml')
      .send(readFileSync(join(__dirname, '..', 'policies', 'jcert.yaml'), 'utf8'));
    const res = await api.post('/v1/events').send([
      ...emails.map((e) => acquired(e, '2026-03-01')),
      // Same UTC day, same recipient and purposes: one run of two flows by two subjects.
      provided(emails[0], '2026-03-02T10:00:00+09:00'),
      provided(emails[1], '2026-03-02T11:00:00+09:00'),
      // Next UTC day: another run.
      provided(emails[2], '2026-03-03T10:00:00+09:00'),
      // A recipient the policy does not declare: a violation.
      provided(emails[0], '2026-03-03T12:00:00+09:00', 'unknown-analytics-co'),
    ]);
    expect(res.status).toBe(202);
    await api.get(`/v1/flows?minPosition=${res.body.lastPosition}`).expect(200);
  });
  afterAll(() => api.close());

  it('exports one RunEvent per controller, holder, recipient, purposes and UTC day, each valid against the OpenLineage 2-0-2 schema and the facet schema', async () => {
    const res = await api.get('/v1/export/openlineage?actions=acquisition,provision').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const events = ndjson(res.text);
    const v = validators();
    for (const e of events) {
      expect(v.spec(e)).toEqual([]);
      expect(v.runEvent(e)).toEqual([]);
      expect(v.flowFacet(e.run.facets.ashiato_personalDataFlow)).toEqual([]);
      for (const d of [...e.inputs, ...e.outputs]) expect(v.schemaFacet(d.facets.schema)).toEqual([]);
    }
    const facets = events.map((e) => e.run.facets.ashiato_personalDataFlow);
    expect(facets.map((f) => [f.action, f.day, (f.recipient as { id?: string } | undefined)?.id ?? null, f.flowCount, f.subjectCount])).toEqual([
      ['acquisition', '2026-03-01', null, 3, 3],
      ['provision', '2026-03-02', 'starfield-technologies', 2, 2],
      ['provision', '2026-03-03', 'starfield-technologies', 1, 1],
      ['provision', '2026-03-03', 'unknown-analytics-co', 1, 1],
    ]);
    const starfield = facets[1];
    expect(starfield).toMatchObject({ controller: 'jcert', regime: 'APPI', holder: 'jcert', purposes: ['certificate-service'], legalBases: ['entrustment'] });
    // The facet's verdicts are the flows' own: the same counts and codes as /v1/flows for that day and recipient.
    const flows = (await api.get('/v1/flows?from=2026-03-02T00:00:00Z&to=2026-03-02T23:59:59Z').expect(200)).body.items as {
      verdict: string;
      codes: string[];
    }[];
    const codes: Record<string, number> = {};
    for (const f of flows) for (const c of f.codes) codes[c] = (codes[c] ?? 0) + 1;
    expect(flows).toHaveLength(2);
    expect(starfield.verdicts).toEqual({
      allowed: flows.filter((f) => f.verdict === 'allowed').length,
      violation: flows.filter((f) => f.verdict === 'violation').length,
    });
    expect(starfield.violations).toEqual(codes);
    expect(starfield.recipient).toEqual({
      id: 'starfield-technologies',
      declared: true,
      name: expect.any(String),
      country: 'US',
      relation: expect.any(String),
    });
    expect(starfield.dataCategories).toEqual([{ item: 'email', category: 'user.contact.email', sensitive: false }]);
    expect(facets[3]).toMatchObject({
      recipient: { id: 'unknown-analytics-co', declared: false },
      verdicts: { allowed: 0, violation: 1 },
      violations: { RECIPIENT_UNDECLARED: 1 },
    });
    expect(events[1]).toMatchObject({
      job: { namespace: 'ashiato://jcert', name: 'provision/jcert->starfield-technologies' },
      inputs: [{ name: 'jcert' }],
      outputs: [{ name: 'starfield-technologies' }],
    });
    expect(events[1].run.facets.ashiato_personalDataFlow._schemaURL).toBe(
      'https://ashiato.example.jp/schemas/openlineage/PersonalDataFlowRunFacet.json#/$defs/PersonalDataFlowRunFacet',
    );
  });

  it('names no person: no identifier and, unless asked, no subject ref; run ids are stable across exports', async () => {
    const first = await api.get('/v1/export/openlineage').expect(200);
    for (const email of emails) expect(first.text).not.toContain(email);
    expect(first.text).not.toContain('hmac:');
    const withRefs = ndjson((await api.get('/v1/export/openlineage?includeSubjects=true').expect(200)).text);
    expect(withRefs[0].run.facets.ashiato_personalDataFlow.subjectRefs).toHaveLength(2);
    for (const ref of withRefs[0].run.facets.ashiato_personalDataFlow.subjectRefs!) expect(ref).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(ndjson(first.text).map((e) => e.run.runId)).toEqual(withRefs.map((e) => e.run.runId));
  });

  it('filters by period and controller, refuses bad parameters with field errors, and is audited', async () => {
    const day = ndjson((await api.get('/v1/export/openlineage?from=2026-03-03T00:00:00Z&to=2026-03-03T23:59:59Z').expect(200)).text);
    expect(day.map((e) => e.run.facets.ashiato_personalDataFlow.day)).toEqual(['2026-03-03', '2026-03-03']);
    expect((await api.get('/v1/export/openlineage?controller=nobody').expect(200)).text).toBe('');
    const bad = await api.get('/v1/export/openlineage?actions=provision,teleport&from=yesterday').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['actions', 'from']);
    const audit = await api.get('/v1/audit?limit=1000').expect(200);
    expect(JSON.stringify(audit.body)).toContain('export.openlineage');
  });

  it('is for dpo keys: a viewer gets 403; the facet schema is public at its _schemaURL path', async () => {
    const viewer = await api.post('/v1/keys').send({ role: 'viewer' }).expect(201);
    await request(api.app.getHttpServer()).get('/v1/export/openlineage').set('Authorization', `Bearer ${viewer.body.key}`).expect(403);
    const schema = await request(api.app.getHttpServer()).get('/schemas/openlineage/PersonalDataFlowRunFacet.json').expect(200);
    expect(schema.body).toEqual(readSchema('PersonalDataFlowRunFacet.json'));
  });

  it('ashiato export openlineage --to posts every event to an OpenLineage HTTP endpoint', async () => {
    const received: unknown[] = [];
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/api/v1/lineage' && req.headers['content-type'] === 'application/json') received.push(JSON.parse(body));
        res.writeHead(201).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = testPort();
    await api.app.listen(port, '127.0.0.1');
    try {
      const env = { ASHIATO_URL: `http://127.0.0.1:${port}`, ASHIATO_KEY: TEST_ADMIN_KEY };
      const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/v1/lineage`;
      const run = await runCli(['export', 'openlineage', '--actions', 'acquisition,provision', '--to', endpoint], env);
      expect(run.stderr).toContain(`4 OpenLineage event(s) posted to ${endpoint}`);
      expect(run.code).toBe(0);
      const expected = ndjson((await api.get('/v1/export/openlineage?actions=acquisition,provision').expect(200)).text);
      const byRun = (events: unknown[]) => [...(events as RunEvent[])].sort((a, b) => a.run.runId.localeCompare(b.run.runId));
      expect(byRun(received)).toEqual(byRun(expected));
      const down = await runCli(['export', 'openlineage', '--to', 'http://127.0.0.1:9/api/v1/lineage'], env);
      expect(down.code).toBe(1);
      expect(down.stderr).toContain('cannot reach the OpenLineage endpoint http://127.0.0.1:9/api/v1/lineage');
    } finally {
      receiver.close();
    }
  });
});
