import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { parseEnv } from '@ashiato/config';
import { LiveProjection, ProjectionRunner, WorkerProjectionRunner } from '@ashiato/projections';
import { createApp } from '../apps/api/src/create-app';
import type { AppConfig } from '@ashiato/server-config';
import { TEST_ADMIN_KEY, TEST_HMAC_KEY } from './support/api-harness';
import { acquisition, testRef, toNdjson } from './support/events';

jest.setTimeout(120_000);

const base = (dir: string): Partial<AppConfig> => ({
  dbPath: join(dir, 'events.db'),
  readModelUrl: `sqlite:${join(dir, 'read.db')}`,
  hmacKey: TEST_HMAC_KEY,
  logLevel: 'silent',
  dashboardDir: join(dir, 'no-dashboard'),
});

async function start(overrides: Partial<AppConfig>): Promise<NestExpressApplication> {
  process.env.ASHIATO_ADMIN_KEY = TEST_ADMIN_KEY;
  return createApp(overrides);
}

const as = (app: NestExpressApplication) => ({
  get: (p: string) => request(app.getHttpServer()).get(p).set('Authorization', `Bearer ${TEST_ADMIN_KEY}`),
  post: (p: string) => request(app.getHttpServer()).post(p).set('Authorization', `Bearer ${TEST_ADMIN_KEY}`),
});

describe('the API with its live projection in a worker thread (file-backed SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-thread-'));
  const subjectRef = testRef();
  let app: NestExpressApplication | undefined;
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows POSTed events through the read endpoints with minPosition, shuts down, and resumes after a restart', async () => {
    app = await start({ ...base(dir), projectionThread: 'worker' });
    expect(app.get(LiveProjection)).toBeInstanceOf(WorkerProjectionRunner);

    const first = [acquisition({ subjectRef }), acquisition({ subjectRef, items: ['name'] })];
    const posted = await as(app).post('/v1/events').set('Content-Type', 'application/x-ndjson').send(toNdjson(first));
    expect(posted.status).toBe(202);
    const lineage = await as(app).get(`/v1/subjects/${subjectRef}/lineage?minPosition=${posted.body.lastPosition}`);
    expect(lineage.status).toBe(200);
    expect([...lineage.body.eventIds].sort()).toEqual(first.map((e) => e.eventId).sort());
    const health = await as(app).get('/health');
    // At least the POSTed events: the lineage read itself may append an audit record after them.
    expect(health.body.details.readModel.status).toBe('up');
    expect(health.body.details.readModel.projectedPosition).toBeGreaterThanOrEqual(posted.body.lastPosition);

    await app.close();
    app = undefined;

    app = await start({ ...base(dir), projectionThread: 'worker' });
    const later = [acquisition({ subjectRef, items: ['phone'] })];
    const again = await as(app).post('/v1/events').set('Content-Type', 'application/x-ndjson').send(toNdjson(later));
    expect(again.status).toBe(202);
    expect(again.body.lastPosition).toBeGreaterThan(posted.body.lastPosition);
    const after = await as(app).get(`/v1/subjects/${subjectRef}/lineage?minPosition=${again.body.lastPosition}`);
    expect(after.status).toBe(200);
    expect([...after.body.eventIds].sort()).toEqual([...first, ...later].map((e) => e.eventId).sort());
    await app.close();
    app = undefined;
  });
});

describe('where the live projection runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-thread-choice-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stays in the API event loop with an in-memory read model, and refuses a forced worker there', async () => {
    const app = await start({ ...base(dir), readModelUrl: 'sqlite::memory:' });
    try {
      expect(app.get(LiveProjection)).toBeInstanceOf(ProjectionRunner);
    } finally {
      await app.close();
    }
    await expect(start({ ...base(dir), readModelUrl: 'sqlite::memory:', projectionThread: 'worker' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      problems: ['ASHIATO_PROJECTION_THREAD=worker cannot be used: the read model is an in-memory SQLite database'],
    });
  });

  it('runs inline when ASHIATO_PROJECTION_THREAD=inline forces it, and rejects an unknown value', async () => {
    const app = await createApp(base(dir), parseEnv({ ...process.env, ASHIATO_ADMIN_KEY: TEST_ADMIN_KEY, ASHIATO_PROJECTION_THREAD: 'inline' }));
    try {
      expect(app.get(LiveProjection)).toBeInstanceOf(ProjectionRunner);
    } finally {
      await app.close();
    }
    await expect((async () => createApp(base(dir), parseEnv({ ...process.env, ASHIATO_PROJECTION_THREAD: 'fork' })))()).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      problems: ['ASHIATO_PROJECTION_THREAD must be one of auto, inline, worker'],
    });
  });
});
