import { gzipSync, deflateSync } from 'node:zlib';
import { stringify as toYaml } from 'yaml';
import { SeededRandom } from '@ashiato/workload';
import { brokenYaml, junk, mutate, serialise } from './mutations';
import { BREACH, EVENT_TEMPLATES, JCERT, PARAMS, READ_ROUTES } from './templates';

/**
 * Seeded, bounded generators of hostile inputs for the HTTP API, one family per kind of input.
 * Every input carries a sentinel (`zq` + hex) in the values it sends; an answer that contains the
 * sentinel echoed the request. The same seed always yields the same inputs.
 */
export const FAMILIES = ['events', 'policies', 'breaches', 'queries', 'encodings', 'headers'] as const;
export type Family = (typeof FAMILIES)[number];

export interface FuzzInput {
  family: Family;
  method: 'GET' | 'POST' | 'PUT';
  /** Raw request target, sent as is (percent-encoded where HTTP requires). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  sentinel: string;
}

const json = (text: string) => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(text) });

function events(r: SeededRandom, s: string): Omit<FuzzInput, 'family' | 'sentinel'> {
  const batch = Array.from({ length: r.int(1, 4) }, () => mutate(r, r.pick(EVENT_TEMPLATES(r)), s));
  if (r.chance(0.15) && batch.length > 1) batch[1] = batch[0]; // a repeated eventId (the same object twice)
  if (r.chance(0.5))
    return {
      method: 'POST',
      path: '/v1/events',
      headers: { 'content-type': 'application/x-ndjson' },
      body: Buffer.from(batch.map((e) => serialise(r, e, s)).join(r.pick(['\n', '\r\n', '\n\n']))),
    };
  return { method: 'POST', path: '/v1/events', ...json(serialise(r, batch.length === 1 && r.chance(0.5) ? batch[0] : batch, s)) };
}

function policies(r: SeededRandom, s: string): Omit<FuzzInput, 'family' | 'sentinel'> {
  const controller = r.chance(0.85) ? 'jcert' : r.pick([encodeURIComponent(`${s}@example.com`), s, `${s}%00`, '%2e%2e']);
  const doc = r.chance(0.2) ? JCERT : mutate(r, JCERT, s);
  const path = `/v1/policies/${controller}`;
  if (r.chance(0.4)) return { method: 'PUT', path, ...json(serialise(r, doc, s)) };
  let yaml: string;
  try {
    yaml = toYaml(doc ?? null);
  } catch {
    yaml = JSON.stringify(doc); // too deep for the YAML writer; JSON is YAML too
  }
  return {
    method: 'PUT',
    path,
    headers: { 'content-type': r.pick(['application/yaml', 'text/yaml', 'application/x-yaml']) },
    body: Buffer.from(r.chance(0.5) ? brokenYaml(r, yaml, s) : yaml),
  };
}

function breaches(r: SeededRandom, s: string): Omit<FuzzInput, 'family' | 'sentinel'> {
  const id = r.pick([s, encodeURIComponent(`${s}@example.com`), `${s}.csv`, `${s}%2F..`, 'demo']);
  switch (r.int(0, 5)) {
    case 0:
    case 1:
      return {
        method: 'POST',
        path: '/v1/breaches',
        ...json(serialise(r, mutate(r, { ...BREACH, ...(r.chance(0.3) ? { breachId: r.pick([s, 'fuzz-breach']) } : {}) }, s), s)),
      };
    case 2:
      return {
        method: 'POST',
        path: `/v1/breaches/${id}/reports`,
        ...json(serialise(r, mutate(r, { report: 'appi-preliminary', occurredAt: '2026-04-03T00:00:00Z' }, s), s)),
      };
    case 3:
      return { method: 'POST', path: `/v1/breaches/${id}/notifications`, ...json(serialise(r, mutate(r, { count: 3 }, s), s)) };
    default:
      return {
        method: 'GET',
        path: `/v1/breaches/${id}${r.pick(['', '/report', '/report?format=html', '/subjects.csv', `?limit=${s}`, `?cursor=${s}`])}`,
        headers: {},
      };
  }
}

function queryValue(r: SeededRandom, s: string): string {
  switch (r.int(0, 5)) {
    case 0:
      return encodeURIComponent(String(junk(r, s)).replace(/[\ud800-\udfff]/g, '\ufffd')).slice(0, 4000);
    case 1:
      return r.pick([`%${s}`, `${s}%zz`, `${s}%00`, `${s}%C0%AF`, `${s}%E2%80%AE`, `${s}%FF%FE`, `${s}%ED%A0%80`]);
    case 2:
      return r.pick(['-1', '0', '99999999999999999999', '1e3', '9999-12-31T00:00:00Z', 'NaN', 'true']);
    case 3:
      return `${s}${r.pick(['[]', '[0]', '.x', '..'])}`;
    default:
      return encodeURIComponent(s);
  }
}

function queries(r: SeededRandom, s: string): Omit<FuzzInput, 'family' | 'sentinel'> {
  let path = r.pick(READ_ROUTES);
  if (r.chance(0.15))
    path = r.pick([
      `/v1/subjects/${encodeURIComponent(`${s}@example.com`)}/lineage`,
      `/v1/subjects/${s}/lineage`,
      `/v1/policies/${s}`,
      `/v1/policies/${s}/versions`,
      `/v1/${s}`,
    ]);
  const params: string[] = [];
  for (let n = r.int(0, 4); n > 0; n--) {
    const name = r.chance(0.85) ? r.pick(PARAMS) : r.pick([s, `${s}[a]`, `${encodeURIComponent(`${s}@x`)}`, '__proto__', 'constructor']);
    params.push(`${name}=${queryValue(r, s)}`);
    if (r.chance(0.15)) params.push(`${name}=${queryValue(r, s)}`);
  }
  if (r.chance(0.05)) params.push(r.pick([s, `=${s}`, `&&${s}`, `${s}=`]));
  return { method: 'GET', path: params.length ? `${path}?${params.join('&')}` : path, headers: {} };
}

function encodings(r: SeededRandom, s: string): Omit<FuzzInput, 'family' | 'sentinel'> {
  const valid = JSON.stringify(EVENT_TEMPLATES(r)[0]);
  const text = r.chance(0.5) ? valid : serialise(r, mutate(r, EVENT_TEMPLATES(r)[1], s), s);
  const raw = Buffer.from(text);
  const encoding = r.pick(['gzip', 'deflate', 'br', 'identity', 'gzip, gzip', s, 'GZIP', '']);
  let body: Buffer;
  switch (r.int(0, 4)) {
    case 0:
      body = encoding.startsWith('gzip') || encoding === 'GZIP' ? gzipSync(raw) : encoding === 'deflate' ? deflateSync(raw) : raw;
      break;
    case 1:
      body = gzipSync(raw).subarray(0, r.int(1, 20));
      break;
    case 2:
      body = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.from(s)]);
      break;
    case 3:
      body = Buffer.from(`\ufeff${text}`);
      break;
    default:
      body = Buffer.concat([raw.subarray(0, 10), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(s), raw.subarray(10)]);
  }
  const type = r.pick([
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    `application/json; charset=${s}`,
    'application/x-ndjson',
    'application/x-ndjson; charset=latin1',
    'text/plain',
    'application/octet-stream',
    `${s}/${s}`,
    'application/merge-patch+json',
    '',
  ]);
  const headers: Record<string, string> = {};
  if (type) headers['content-type'] = type;
  if (encoding) headers['content-encoding'] = encoding;
  const path = r.pick(['/v1/events', '/v1/breaches', '/v1/subjects/lineage:lookup', '/v1/policies/jcert']);
  return { method: path === '/v1/policies/jcert' ? 'PUT' : 'POST', path, headers, body };
}

function headersFamily(r: SeededRandom, s: string): Omit<FuzzInput, 'family' | 'sentinel'> {
  const headers: Record<string, string> = {};
  switch (r.int(0, 5)) {
    case 0:
      headers.authorization = r.pick([`Bearer ${s}`, `Basic ${s}`, `Bearer  ${s} ${s}`, `bearer ${s}`, `Bearer ${s}${'a'.repeat(6000)}`, s]);
      break;
    case 1:
      headers.accept = r.pick([`${s}/${s}`, 'text/html', 'text/event-stream', '*/*;q=0', `application/json;${s}`]);
      break;
    case 2:
      headers['x-forwarded-for'] = r.pick([s, `${s}, 127.0.0.1`, '::1', '999.999.999.999']);
      break;
    case 3:
      headers['content-type'] = `application/json; boundary=${s}`;
      break;
    case 4:
      headers.range = `bytes=${s}`;
      break;
    default:
      headers['x-request-id'] = s;
  }
  const body = r.chance(0.3) ? Buffer.from(JSON.stringify({ email: `${s}@example.com` })) : undefined;
  if (body && !headers['content-type']) headers['content-type'] = 'application/json';
  const path = body ? '/v1/subjects/lineage:lookup' : r.pick([...READ_ROUTES, '/health', '/', '/docs', '/v1/stats/live', `/${s}`]);
  return { method: body ? 'POST' : 'GET', path, headers, ...(body ? { body } : {}) };
}

const GENERATORS: Record<Family, (r: SeededRandom, s: string) => Omit<FuzzInput, 'family' | 'sentinel'>> = {
  events,
  policies,
  breaches,
  queries,
  encodings,
  headers: headersFamily,
};

/** `count` inputs of one family, from `seed`: the same arguments always give the same inputs. */
export function* generate(family: Family, seed: number, count: number): Generator<FuzzInput> {
  const r = new SeededRandom(seed ^ ((FAMILIES.indexOf(family) + 1) * 0x9e3779b1));
  for (let i = 0; i < count; i++) {
    const sentinel = `zq${r.hex(2)}`;
    yield { family, sentinel, ...GENERATORS[family](r, sentinel) };
  }
}
