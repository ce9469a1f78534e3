import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startApi, type ApiHarness } from './support/api-harness';

jest.setTimeout(120_000);

const ROLES = ['ingestor', 'dpo', 'breach', 'viewer'] as const;

interface Route {
  method: string;
  path: string;
}

/** Every route the router holds, read from Express itself: a route added tomorrow is in the matrix. */
function routesOf(api: ApiHarness): Route[] {
  const express = api.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  const routes: Route[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route || layer.route.path.includes('*')) continue;
    for (const [method, on] of Object.entries(layer.route.methods))
      if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: layer.route.path });
  }
  return routes;
}

/** A concrete path for a declared one: every `:param` gets a well-formed sample value. */
const concrete = (path: string) =>
  path
    .replace(/\\:/g, ':')
    .replace(/(?<=\/):(\w+)/g, (_m, name: string) =>
      name === 'ref' ? 's-matrix-0001' : name === 'controller' ? 'jcert' : '00000000-0000-4000-8000-000000000000',
    );

/** Case variants an attacker would try: upper-case prefix, whole path upper-case, one letter flipped, trailing slash. */
function variants(path: string): string[] {
  const flipped = path.replace(/[a-z](?=[^/]*$)/, (c) => c.toUpperCase());
  return [...new Set([path.replace(/^\/v1/, '/V1'), path.toUpperCase(), flipped, `${path}/`])].filter((v) => v !== path);
}

/** The route table of ACCESS.md: `| METHOD | /path | roles |`, roles `public` or a comma-separated list. */
function documentedAccess(): Map<string, string> {
  const text = readFileSync(join(__dirname, '..', 'apps', 'api', 'src', 'auth', 'ACCESS.md'), 'utf8');
  const table = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\|\s*(GET|POST|PUT|DELETE|PATCH)\s*\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|/.exec(line);
    if (m) table.set(`${m[1]} ${m[2]}`, m[3].replace(/`/g, ''));
  }
  return table;
}

describe('access matrix: every route × role × spelling', () => {
  let api: ApiHarness;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    for (const role of ROLES) keys[role] = (await api.post('/v1/keys').send({ role })).body.key;
  });
  afterAll(() => api.close());

  /** The status only: the body is dropped unread, so an event stream (`/v1/stats/live`) does not hold the test. */
  const send = async (method: string, path: string, key?: string): Promise<{ status: number }> => {
    const { port } = api.app.getHttpServer().address() as { port: number };
    const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, redirect: 'manual' });
    await res.body?.cancel();
    return { status: res.status };
  };

  it('matches ACCESS.md route for route and role for role', async () => {
    const observed = new Map<string, string>();
    for (const route of routesOf(api)) {
      const path = concrete(route.path);
      // OpenAPI's pages and files (`/docs…`) are public as a group; ACCESS.md says so in one line.
      if (route.path.startsWith('/docs')) {
        expect([path, (await send(route.method, path)).status]).not.toEqual([path, 401]);
        continue;
      }
      const anonymous = (await send(route.method, path)).status;
      if (anonymous !== 401) {
        observed.set(`${route.method} ${route.path}`, 'public');
        continue;
      }
      const allowed: string[] = [];
      for (const role of ROLES) if ((await send(route.method, path, keys[role])).status !== 403) allowed.push(role);
      observed.set(`${route.method} ${route.path}`, ['admin', ...allowed].join(', '));
    }
    expect(Object.fromEntries([...observed].sort())).toEqual(Object.fromEntries([...documentedAccess()].sort()));
  });

  it('answers 401 to every other spelling of every /v1 route when no key is sent', async () => {
    const leaks: string[] = [];
    for (const route of routesOf(api)) {
      if (!route.path.startsWith('/v1')) continue;
      for (const variant of variants(concrete(route.path))) {
        const status = (await send(route.method, variant)).status;
        if (status !== 401) leaks.push(`${route.method} ${variant} → ${status}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('never lets a case variant reach the route, even with a key', async () => {
    const res = await request(api.app.getHttpServer()).post('/V1/keys').set('Authorization', `Bearer ${keys.viewer}`).send({ role: 'admin' });
    expect(res.status).toBe(404);
    expect(res.body.key).toBeUndefined();
  });
});
