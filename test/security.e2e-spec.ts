import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { runCli } from './support/spawn-cli';
import { startApi, TEST_ADMIN_KEY, TEST_HMAC_KEY, type ApiHarness } from './support/api-harness';

// each start of the CLI from its sources compiles it first: slow on a busy machine
jest.setTimeout(180_000);

describe('security headers', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('sends a content security policy, nosniff and no-framing, and does not name the framework', async () => {
    for (const path of ['/health', '/v1/flows', '/v1/no-such-route', '/docs']) {
      const res = await request(api.app.getHttpServer()).get(path);
      expect([path, res.headers['x-powered-by']]).toEqual([path, undefined]);
      expect([path, res.headers['x-content-type-options']]).toEqual([path, 'nosniff']);
      expect([path, res.headers['x-frame-options']]).toEqual([path, 'DENY']);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
    }
  });
});

describe('failed authentications', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers 429 with Retry-After after 10 wrong keys, while correct keys before that are never slowed or counted', async () => {
    const server = api.app.getHttpServer();
    const wrong = () =>
      request(server)
        .get('/v1/flows')
        .set('Authorization', `Bearer ashiato_admin_guess${Math.random().toString(36).slice(2)}`);
    const right = () => request(server).get('/v1/flows').set('Authorization', `Bearer ${TEST_ADMIN_KEY}`);
    for (let i = 0; i < 10; i++) {
      // as many correct requests as you like: they do not use up the failures
      for (let j = 0; j < 3; j++) expect((await right()).status).toBe(200);
      expect((await wrong()).status).toBe(401);
    }
    const blocked = await wrong();
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({ code: 'TOO_MANY_AUTH_FAILURES', message: expect.any(String) });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // once blocked, a right guess cannot be told from a wrong one
    expect((await right()).status).toBe(429);
  });
});

describe('secrets checked at start', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ashiato-secrets-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const serve = (env: NodeJS.ProcessEnv) =>
    runCli(['serve', '--port', '0'], {
      ASHIATO_DB: join(dir, 'events.db'),
      READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}`,
      ASHIATO_DEMO: '',
      ASHIATO_HMAC_KEY: TEST_HMAC_KEY,
      ASHIATO_ADMIN_KEY: '',
      ...env,
    });

  it('refuses a short admin key, naming the variable and not the value', async () => {
    const run = await serve({ ASHIATO_ADMIN_KEY: 'a' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/ASHIATO_ADMIN_KEY must be at least 32 characters/);
    expect(run.stderr).not.toMatch(/listening/);
  });

  it('refuses a long but repetitive admin key', async () => {
    const run = await serve({ ASHIATO_ADMIN_KEY: 'adminadminadminadminadminadminadminadmin' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/ASHIATO_ADMIN_KEY is low-entropy/);
    expect(run.stderr).not.toContain('adminadmin');
  });

  it('refuses an HMAC key of 16 spaces, or shorter than 32 bytes', async () => {
    const [spaces, short, repeated] = await Promise.all([
      serve({ ASHIATO_HMAC_KEY: ' '.repeat(16) }),
      serve({ ASHIATO_HMAC_KEY: 'Zq4#hV9tLm2@' }),
      serve({ ASHIATO_HMAC_KEY: ' '.repeat(64) }),
    ]);
    expect(spaces.code).not.toBe(0);
    expect(spaces.stderr).toMatch(/ASHIATO_HMAC_KEY must be at least 32 bytes/);
    expect(short.stderr).toMatch(/ASHIATO_HMAC_KEY must be at least 32 bytes/);
    expect(short.stderr).not.toContain('Zq4#hV9tLm2@');
    expect(repeated.stderr).toMatch(/ASHIATO_HMAC_KEY is low-entropy/);
  });

  it('refuses demo mode on an address other machines can reach', async () => {
    const run = await runCli(['demo', '--serve', '--subjects', '1'], {
      ASHIATO_DB: join(dir, 'demo.db'),
      READ_MODEL_URL: `sqlite:${join(dir, 'demo-read.db')}`,
      ASHIATO_HOST: '0.0.0.0',
      ASHIATO_HMAC_KEY: '',
      ASHIATO_ADMIN_KEY: '',
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/ASHIATO_DEMO=1 serves this machine only: ASHIATO_HOST must be a loopback address/);
  });
});
