import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../apps/api/src/create-app';
import type { AppConfig } from '@ashiato/server-config';

export const TEST_ADMIN_KEY = 'test-admin-key-9f2c7a41e0b85d36c4a1f7e2b9d03c58';
export const TEST_HMAC_KEY = 'test-hmac-key-5b8e1d4f7a2c6093e8b1d5f4a7c2e960';

export interface ApiHarness {
  app: NestExpressApplication;
  dir: string;
  dbPath: string;
  /** supertest agent-like helpers that send the admin key. */
  get(path: string): request.Test;
  post(path: string): request.Test;
  put(path: string): request.Test;
  close(): Promise<void>;
}

/** The real app on temp SQLite files (event store and read model), quiet logs, an admin key. */
export async function startApi(overrides: Partial<AppConfig> = {}): Promise<ApiHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-e2e-'));
  const dbPath = join(dir, 'events.db');
  process.env.ASHIATO_ADMIN_KEY = TEST_ADMIN_KEY;
  const app = await createApp({
    dbPath,
    readModelUrl: `sqlite:${join(dir, 'read.db')}`,
    hmacKey: TEST_HMAC_KEY,
    logLevel: 'silent',
    dashboardDir: join(dir, 'no-dashboard'),
    ...overrides,
  });
  const server = app.getHttpServer();
  const auth = (t: request.Test) => t.set('Authorization', `Bearer ${TEST_ADMIN_KEY}`);
  return {
    app,
    dir,
    dbPath,
    get: (p) => auth(request(server).get(p)),
    post: (p) => auth(request(server).post(p)),
    put: (p) => auth(request(server).put(p)),
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
