import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { parseEnv } from '@ashiato/config';
import { createApp } from '../apps/api/src/create-app';
import { TEST_ADMIN_KEY } from './support/api-harness';

jest.setTimeout(60_000);

describe('demo mode keeps its HMAC key in the data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-demo-key-'));
  const saved = process.env.ASHIATO_HMAC_KEY;
  beforeAll(() => {
    delete process.env.ASHIATO_HMAC_KEY;
    process.env.ASHIATO_ADMIN_KEY = TEST_ADMIN_KEY;
  });
  afterAll(() => {
    if (saved !== undefined) process.env.ASHIATO_HMAC_KEY = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const start = () =>
    createApp(
      { demo: true, dbPath: join(dir, 'events.db'), readModelUrl: `sqlite:${join(dir, 'read.db')}`, logLevel: 'silent', dashboardDir: join(dir, 'none') },
      parseEnv({ ...process.env, ASHIATO_HMAC_KEY: '' }),
    );
  const admin = (t: request.Test) => t.set('Authorization', `Bearer ${TEST_ADMIN_KEY}`);

  it('finds a subject by e-mail after a restart, and the key file is readable by its owner only', async () => {
    const email = `hanako.${randomUUID().slice(0, 8)}@example.jp`;
    const first = await start();
    let ref: string;
    try {
      const ingested = await admin(request(first.getHttpServer()).post('/v1/events')).send([
        {
          eventId: randomUUID(),
          type: 'DataAcquired',
          occurredAt: '2026-04-01T09:30:00+09:00',
          controller: 'jcert',
          subject: { email },
          items: ['email'],
          source: { kind: 'subject' },
        },
      ]);
      expect(ingested.status).toBe(202);
      const found = await admin(request(first.getHttpServer()).post(`/v1/subjects/lineage:lookup?minPosition=${ingested.body.lastPosition}`)).send({ email });
      expect(found.status).toBe(200);
      ref = found.body.subjectRef;
    } finally {
      await first.close();
    }
    expect(statSync(join(dir, 'demo-hmac.key')).mode & 0o777).toBe(0o600);

    const second = await start();
    try {
      const found = await admin(request(second.getHttpServer()).post('/v1/subjects/lineage:lookup')).send({ email });
      expect(found.status).toBe(200);
      expect(found.body.subjectRef).toBe(ref);
      expect(found.body.controllers.map((c: { controller: string }) => c.controller)).toEqual(['jcert']);
    } finally {
      await second.close();
    }
  });
});
