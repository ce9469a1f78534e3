import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type ApiHarness } from './support/api-harness';

jest.setTimeout(60_000);

const STARFIELD = 'starfield-technologies';
const ITEMS = ['name', 'email'];
const WINDOW = { from: '2026-03-01T00:00:00+09:00', to: '2026-03-31T23:59:59+09:00' };

/** What a breach-response team is told when a declaration, report or notification is not as it must be. */
describe('declaring a breach: refusals and undetermined reportability', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi();
    const policy = readFileSync(join(__dirname, '..', 'policies', 'jcert.yaml'), 'utf8');
    expect((await api.put('/v1/policies/jcert').set('Content-Type', 'application/yaml').send(policy)).status).toBe(200);
  });
  afterAll(() => api.close());

  it('refuses a cause outside the vocabulary with a 400 that lists the codes and does not echo the value', async () => {
    const res = await api
      .post('/v1/breaches')
      .send({ holder: STARFIELD, items: ITEMS, window: WINDOW, discoveredAt: WINDOW.to, cause: 'unauthorised access by s.tanaka' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'cause', message: expect.stringContaining('unauthorizedAccess, attack') }] });
    expect(JSON.stringify(res.body)).not.toContain('tanaka');
  });

  it('names every bad field of a declaration by its path, an unknown key only by position, and still reads a date-time without offset', async () => {
    const res = await api
      .post('/v1/breaches')
      .send({ items: [], window: { from: 'yesterday', to: WINDOW.to }, discoveredAt: WINDOW.to, 'tanaka@example.jp': 1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['?', 'holder', 'items', 'window.from']);
    expect(res.body.errors.find((e: { path: string }) => e.path === '?').message).toBe('key number 4 of this object is not a field of this request');
    expect(JSON.stringify(res.body)).not.toMatch(/tanaka|yesterday/);
    const local = await api
      .post('/v1/breaches')
      .send({ holder: STARFIELD, items: ITEMS, window: { from: '2026-03-01T00:00:00', to: '2026-03-31' }, discoveredAt: '2026-04-02T09:00:00' });
    expect(local.status).toBe(201);
    const notified = await api.post(`/v1/breaches/${local.body.breachId}/notifications`).send({ count: -1 });
    expect(notified.body.errors).toEqual([{ path: 'count', message: 'must not be less than 0' }]);
  });

  it('answers "undetermined" with provisional clocks when the cause is still under investigation', async () => {
    const declared = await api
      .post('/v1/breaches')
      .send({ holder: STARFIELD, items: ITEMS, window: WINDOW, discoveredAt: '2026-04-02T09:00:00+09:00', cause: 'unknown', controller: 'jcert' });
    const res = await api.get(`/v1/breaches/${declared.body.breachId}?minPosition=${declared.body.lastPosition}`);
    expect(res.body.reportability.reportable).toBe('undetermined');
    expect(res.body.clocks.map((c: { kind: string; provisional: boolean }) => [c.kind, c.provisional])).toEqual([
      ['appi-preliminary', true],
      ['appi-final', true],
      ['subject-notification', true],
    ]);
  });

  it('refuses a window that ends before it starts, naming the field', async () => {
    const res = await api.post('/v1/breaches').send({ holder: STARFIELD, items: ITEMS, window: { from: WINDOW.to, to: WINDOW.from }, discoveredAt: WINDOW.to });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'window.to' }] });
  });

  it('refuses to declare the same breach id twice', async () => {
    const body = { breachId: `b-${randomUUID()}`, holder: STARFIELD, items: ITEMS, window: WINDOW, discoveredAt: WINDOW.to };
    expect((await api.post('/v1/breaches').send(body)).status).toBe(201);
    const again = await api.post('/v1/breaches').send(body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('WRONG_EXPECTED_VERSION');
  });

  it('answers 404 for reports on an undeclared breach', async () => {
    const res = await api.post(`/v1/breaches/no-such-breach/reports`).send({ report: 'appi-final' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
