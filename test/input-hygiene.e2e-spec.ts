import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { loggablePath } from '../apps/api/src/config/logger-options';
import { startApi, type ApiHarness } from './support/api-harness';
import { acquisition, testRef, toNdjson } from './support/events';

jest.setTimeout(60_000);

/** A raw identifier a careless client puts where only a ref belongs. */
const EMAIL = 'alice.sentinel@example.com';

describe('raw identifiers and request values stay out of URLs, stores, logs and errors', () => {
  let api: ApiHarness;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  /** Every byte Ashiato wrote to disk: event log, read model, their WAL files. */
  const storedBytes = () =>
    readdirSync(api.dir)
      .map((f) => readFileSync(join(api.dir, f)).toString('latin1'))
      .join('\n');

  it('refuses a raw identifier as a subject ref in a path or a query, pointing to lineage:lookup, and writes it nowhere', async () => {
    const ref = testRef();
    const posted = await api.post('/v1/events').send([acquisition({ subjectRef: ref })]);
    expect(posted.status).toBe(202);
    const answers = [
      await api.get(`/v1/subjects/${encodeURIComponent(EMAIL)}/lineage`),
      await api.get(`/v1/subjects/${EMAIL}/lineage?format=html`),
      await api.get(`/v1/subjects/${ref.toUpperCase()}/lineage`),
      await api.get(`/v1/erasures?subjectRef=${encodeURIComponent(EMAIL)}`),
      await api.get(`/v1/provision-records?subjectRef=${encodeURIComponent(EMAIL)}`),
      await api.get(`/v1/audit?target=${encodeURIComponent(EMAIL)}`),
    ];
    for (const res of answers) {
      expect([res.status, res.body.code]).toEqual([400, 'SUBJECT_REF_INVALID']);
      expect(res.body.message).toContain('POST /v1/subjects/lineage:lookup');
      expect(res.text).not.toMatch(/alice|sentinel/i);
    }
    const read = await api.get(`/v1/subjects/${ref}/lineage?minPosition=${posted.body.lastPosition}`);
    expect(read.status).toBe(200);
    const audit = await api.get('/v1/audit?limit=1000');
    expect(audit.body.items.map((e: { target: string }) => e.target)).toContain(ref);
    expect(audit.text).not.toMatch(/alice|sentinel/i);
    expect(storedBytes()).not.toMatch(/alice|sentinel/i);
  });

  it('never echoes an id from the URL in a 404, nor an unknown body key of a lookup', async () => {
    for (const path of ['/v1/breaches/sentinel-breach-42', '/v1/breaches/sentinel-breach-42/report', '/v1/policies/sentinel-policy-42/versions']) {
      const res = await api.get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.text).not.toContain('sentinel');
    }
    const lookup = await api.post('/v1/subjects/lineage:lookup').send({ email: 'bob@example.jp', [EMAIL]: 'x', note: 'sentinel' });
    expect(lookup.status).toBe(400);
    expect(lookup.body.message).toMatch(/1 invalid/);
    expect(lookup.body.errors[0].message).toMatch(/2 field\(s\) of the body \(position 2, 3\)/);
    expect(lookup.text).not.toMatch(/alice|sentinel|note|bob/);
  });

  it('answers every malformed input with a 4xx and a stable code', async () => {
    const ref = testRef();
    const cases: [string, request.Test, number, string][] = [
      ['format twice', api.get(`/v1/subjects/${ref}/lineage?format=json&format=html`), 400, 'QUERY_PARAMETER_REPEATED'],
      ['a NUL in a JSON string', api.post('/v1/breaches').set('content-type', 'application/json').send('{"holder":"a\\u0000b"}'), 400, 'MALFORMED_BODY'],
      [
        'an unpaired surrogate in an event',
        api
          .post('/v1/events')
          .set('content-type', 'application/json')
          .send(JSON.stringify([acquisition({ subjectRef: undefined, subject: { email: 'x\ud800@example.jp' } })])),
        400,
        'MALFORMED_BODY',
      ],
      ['minPosition beyond the log', api.get('/v1/flows?minPosition=999999999999'), 400, 'MIN_POSITION_AHEAD'],
      ['controller twice', api.get('/v1/flows?controller=jcert&controller=mykey'), 400, 'QUERY_PARAMETER_REPEATED'],
      [
        'YAML alias to no anchor',
        api.put('/v1/policies/jcert').set('content-type', 'application/yaml').send('controller: *undefined-anchor\n'),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'YAML alias bomb',
        api
          .put('/v1/policies/jcert')
          .set('content-type', 'application/yaml')
          .send(
            ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n'),
          ),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'gzip that is not gzip',
        api.post('/v1/events').set('content-type', 'application/json').set('content-encoding', 'gzip').send('{"not":"gzip"}'),
        400,
        'MALFORMED_BODY',
      ],
      ['malformed JSON', api.post('/v1/events').set('content-type', 'application/json').send('{"eventId": '), 400, 'MALFORMED_JSON'],
      [
        'JSON nested 10,000 deep',
        api
          .post('/v1/breaches')
          .set('content-type', 'application/json')
          .send(`${'['.repeat(10_000)}${']'.repeat(10_000)}`),
        400,
        'MALFORMED_BODY',
      ],
      [
        'NDJSON line nested 10,000 deep',
        api
          .post('/v1/events')
          .set('content-type', 'application/x-ndjson')
          .send(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}\n`),
        400,
        'MALFORMED_JSON',
      ],
    ];
    for (const [what, req, status, code] of cases) {
      const res = await req;
      expect([what, res.status, res.body.code]).toEqual([what, status, code]);
    }
    const gzipped = await api
      .post('/v1/events')
      .set('content-type', 'application/x-ndjson')
      .set('content-encoding', 'gzip')
      .send(gzipSync(toNdjson([acquisition()])));
    expect([gzipped.status, gzipped.body.accepted]).toEqual([202, 1]);
  });

  it('logs a request path with refs kept and every other path value replaced by its parameter name', async () => {
    const app = express();
    app.set('case sensitive routing', true);
    app.get('/v1/subjects/:ref/lineage', (req, res) => void res.send(loggablePath(req)));
    app.use((req, res) => void res.send(loggablePath(req)));
    const ref = testRef();
    expect((await request(app).get(`/v1/subjects/${ref}/lineage?asOf=x`)).text).toBe(`/v1/subjects/${ref}/lineage`);
    expect((await request(app).get(`/v1/subjects/${EMAIL}/lineage`)).text).toBe('/v1/subjects/:ref/lineage');
    expect((await request(app).get(`/v1/nothing/${EMAIL}`)).text).toBe('[no route]');
    expect((await request(app).get('/assets/index-abc123.js')).text).toBe('/assets/index-abc123.js');
  });
});
