import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parseEnv } from '@ashiato/config';
import { createApp } from '../apps/api/src/create-app';
import { ConfigError } from '@ashiato/server-config';
import { startApi, type ApiHarness } from './support/api-harness';

jest.setTimeout(60_000);

describe('operability', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('GET /health reports the event store and the read model up, without a key', async () => {
    const res = await api.get('/health').unset('Authorization');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details).toMatchObject({ eventStore: { status: 'up' }, readModel: { status: 'up' } });
    // The log's identity and head hash, for comparison with a statement of `ashiato verify --head`.
    const store = api.app.get<EventStore>(EVENT_STORE);
    expect(res.body.details.eventStore).toEqual({ status: 'up', ...(await store.identity()) });
    expect(res.body.details.eventStore.headHash).toBe(await store.hashAt(res.body.details.eventStore.headPosition));
  });

  it('serves OpenAPI at /docs with the event schemas and every route', async () => {
    const page = await api.get('/docs').unset('Authorization').redirects(1);
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger');
    const doc = await api.get('/docs-json').unset('Authorization');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/v1/events', '/v1/policies/{controller}', '/v1/flows', '/v1/violations', '/v1/holdings', '/health']),
    );
    expect(Object.keys(doc.body.components.schemas)).toEqual(
      expect.arrayContaining(['DataAcquired', 'DataProvided', 'BreachDeclared', 'PolicyDocument', 'IngestResultDto']),
    );
  });

  it('answers unknown routes with the error shape and without echoing the path', async () => {
    const res = await api.get('/v1/hanako@example.jp');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: expect.any(String) });
    expect(res.text).not.toContain('hanako');
  });

  it('refuses to start without ASHIATO_HMAC_KEY outside demo mode', async () => {
    await expect(createApp({ logLevel: 'silent' }, parseEnv({ ASHIATO_DEMO: '' }))).rejects.toBeInstanceOf(ConfigError);
    await expect(createApp({ logLevel: 'silent' }, parseEnv({ ASHIATO_DEMO: '' }))).rejects.toThrow(/ASHIATO_HMAC_KEY is required/);
  });

  it('serves the built dashboard at / when it is present', async () => {
    const dashboardDir = join(api.dir, 'dashboard');
    mkdirSync(dashboardDir);
    writeFileSync(join(dashboardDir, 'index.html'), '<!doctype html><title>Ashiato dashboard</title>');
    const withDashboard = await startApi({ dashboardDir });
    try {
      const page = await request(withDashboard.app.getHttpServer()).get('/');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Ashiato dashboard');
    } finally {
      await withDashboard.close();
    }
  });
});
