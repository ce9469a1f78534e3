import { DemoKeyRing } from '../apps/api/src/auth/demo-keys.controller';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { bootstrap } from '../apps/api/src/create-app';
import type { AppConfig } from '@ashiato/server-config';
import { startApi, type ApiHarness } from './support/api-harness';
import { testRef } from './support/events';

jest.setTimeout(60_000);

const S1 = testRef('s-1');

describe('demo mode', () => {
  /** Starts the app in demo mode and returns the keys it printed, by role. */
  // The keys are printed in the banner `ashiato serve` writes once it listens; createApp keeps them for it.
  const startDemo = async (overrides: Partial<AppConfig> = {}) => {
    const api = await startApi({ demo: true, ...overrides });
    const lines = api.app.get(DemoKeyRing).banner;
    const keyOf = (role: string) =>
      lines
        .find((l) => l.trim().startsWith(`${role} `))
        ?.trim()
        .split(/\s+/)[1];
    return { api, keyOf };
  };

  it('prints one working key per role at start, and hands this machine’s browser every key but admin’s', async () => {
    const { api, keyOf } = await startDemo();
    try {
      for (const role of ['ingestor', 'dpo', 'breach', 'viewer', 'admin']) expect(keyOf(role)).toMatch(new RegExp(`^ashiato_${role}_`));
      const res = await request(api.app.getHttpServer())
        .get('/v1/audit')
        .set('Authorization', `Bearer ${keyOf('dpo')}`);
      expect(res.status).toBe(200);
      const handed = await request(api.app.getHttpServer()).get('/v1/demo/keys');
      expect(handed.status).toBe(200);
      expect(handed.body).toEqual({ ingestor: keyOf('ingestor'), dpo: keyOf('dpo'), breach: keyOf('breach'), viewer: keyOf('viewer') });
      expect(JSON.stringify(handed.body)).not.toContain(keyOf('admin'));
    } finally {
      await api.close();
    }
  });

  it('refuses the demo keys to a page reached under another host name or through a proxy (403)', async () => {
    const { api } = await startDemo();
    try {
      const server = api.app.getHttpServer();
      // a site whose DNS name was rebound to 127.0.0.1 sends its own name as Host
      const rebound = await request(server).get('/v1/demo/keys').set('Host', 'attacker.example:3000');
      expect(rebound.status).toBe(403);
      expect(rebound.body.code).toBe('DEMO_KEYS_LOOPBACK_ONLY');
      expect(rebound.text).not.toMatch(/ashiato_/);
      const proxied = await request(server).get('/v1/demo/keys').set('X-Forwarded-For', '198.51.100.7');
      expect(proxied.status).toBe(403);
    } finally {
      await api.close();
    }
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  if (!external) console.warn('SKIPPED demo keys from another machine: this machine has no non-loopback IPv4 address');
  (external ? it : it.skip)('refuses the demo keys to a client on another address (403), even if the server was exposed', async () => {
    const { api } = await startDemo();
    try {
      await api.app.listen(0, '0.0.0.0');
      const { port } = api.app.getHttpServer().address() as { port: number };
      const res = await fetch(`http://${external}:${port}/v1/demo/keys`);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toMatch(/ashiato_/);
    } finally {
      await api.close();
    }
  });

  it('revokes the keys of the previous demo run when a new one starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ashiato-demo-'));
    const files = { dbPath: join(dir, 'events.db'), readModelUrl: `sqlite:${join(dir, 'read.db')}` };
    try {
      const first = await startDemo(files);
      const oldKey = first.keyOf('dpo');
      await first.api.app.close();
      const second = await startDemo(files);
      try {
        const server = second.api.app.getHttpServer();
        expect((await request(server).get('/v1/audit').set('Authorization', `Bearer ${oldKey}`)).status).toBe(401);
        expect(
          (
            await request(server)
              .get('/v1/audit')
              .set('Authorization', `Bearer ${second.keyOf('dpo')}`)
          ).status,
        ).toBe(200);
      } finally {
        await second.api.close();
      }
      rmSync(first.api.dir, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('listens on 127.0.0.1 only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ashiato-demo-'));
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const { app } = await bootstrap({
        demo: true,
        port: 0,
        dbPath: join(dir, 'events.db'),
        readModelUrl: `sqlite:${join(dir, 'read.db')}`,
        logLevel: 'silent',
        dashboardDir: join(dir, 'none'),
      });
      spy.mockRestore();
      try {
        expect((app.getHttpServer().address() as { address: string }).address).toBe('127.0.0.1');
      } finally {
        await app.close();
      }
    } finally {
      spy.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ASHIATO_AUTH=off', () => {
  it('lets callers without a key in and records them as anonymous', async () => {
    process.env.ASHIATO_AUTH = 'off';
    let api: ApiHarness | undefined;
    try {
      api = await startApi();
    } finally {
      delete process.env.ASHIATO_AUTH;
    }
    try {
      const server = api.app.getHttpServer();
      expect((await request(server).get(`/v1/subjects/${S1}/lineage`)).status).toBe(200);
      const audit = await request(server).get(`/v1/audit?target=${S1}`);
      expect(audit.body.items).toContainEqual(expect.objectContaining({ actor: 'anonymous', action: 'lineage.read' }));
    } finally {
      await api.close();
    }
  });
});
