import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type ApiHarness } from './support/api-harness';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..');

/** The README's examples run as written: the file it posts is shipped and says what the README says. */
describe('README examples', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
    await api
      .put('/v1/policies/jcert')
      .set('Content-Type', 'application/yaml')
      .send(readFileSync(join(ROOT, 'policies', 'jcert.yaml'), 'utf8'));
  });
  afterAll(() => api.close());

  it('ingests examples/events.ndjson and finds its one violation, the marketing use without consent', async () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('@examples/events.ndjson');
    const res = await api
      .post('/v1/events')
      .set('Content-Type', 'application/x-ndjson')
      .send(readFileSync(join(ROOT, 'examples', 'events.ndjson'), 'utf8'));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 6, duplicates: 0 });
    const violations = await api.get(`/v1/violations?controller=jcert&minPosition=${res.body.lastPosition}`);
    expect(violations.body.items.map((v: { code: string; eventId: string }) => [v.code, v.eventId])).toEqual([
      ['CONSENT_MISSING', '5b0c6a1e-0d7e-4f4e-9a51-0c2f8f6b1a04'],
    ]);
  });

  it('links only to files the repository holds', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\((?!https?:|#|mailto:)([^)\s#]+)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(3);
    const missing = links.filter((l) => {
      try {
        readFileSync(join(ROOT, l));
        return false;
      } catch (e) {
        return (e as NodeJS.ErrnoException).code !== 'EISDIR';
      }
    });
    expect(missing).toEqual([]);
  });
});
