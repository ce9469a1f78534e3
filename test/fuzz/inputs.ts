import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, deflateSync } from 'node:zlib';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { SeededRandom } from '@ashiato/workload';

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

const ROOT = join(__dirname, '..', '..');
const JCERT = parseYaml(readFileSync(join(ROOT, 'policies', 'jcert.yaml'), 'utf8')) as Record<string, unknown>;
const REF = `hmac:${'5e'.repeat(32)}`;

const uuid = (r: SeededRandom) => r.uuid();
const EVENT_TEMPLATES = (r: SeededRandom): Record<string, unknown>[] => [
  { eventId: uuid(r), type: 'DataAcquired', occurredAt: '2026-04-01T09:30:00+09:00', controller: 'jcert', subjectRef: REF, items: ['email'], source: { kind: 'subject' }, purposes: ['certificate-service'] },
  { eventId: uuid(r), type: 'ConsentGiven', occurredAt: '2026-04-01T09:31:00+09:00', controller: 'jcert', subject: { email: 'fuzz@example.jp' }, purposes: ['certificate-service'], recipients: ['starfield-technologies'] },
  { eventId: uuid(r), type: 'DataProvided', occurredAt: '2026-04-02T09:30:00+09:00', controller: 'jcert', subjectRef: REF, items: ['email'], recipient: 'starfield-technologies', purposes: ['certificate-service'], basis: 'entrustment' },
  { eventId: uuid(r), type: 'DataErased', occurredAt: '2026-04-03T09:30:00+09:00', controller: 'jcert', subject: { phone: '+81 90-1234-5678' }, items: ['email'], reason: 'request' },
  { eventId: uuid(r), type: 'DataUsed', occurredAt: '2026-04-02T10:00:00+09:00', controller: 'jcert', subjectRef: REF, items: ['email'], purposes: ['certificate-service'] },
];
const BREACH = { holder: 'starfield-technologies', items: ['email'], window: { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' }, discoveredAt: '2026-04-02T00:00:00Z', cause: 'loss' };

/** A hostile value; strings always carry the sentinel. */
function junk(r: SeededRandom, s: string): unknown {
  switch (r.int(0, 17)) {
    case 0: return s;
    case 1: return `${s}@example.com`;
    case 2: return `+81 90 ${s}`;
    case 3: return r.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER]);
    case 4: return r.pick([true, false, null]);
    case 5: return [];
    case 6: return {};
    case 7: return [s, s];
    case 8: return { [`${s}@k`]: s };
    case 9: return nest(r.pick([20, 40, 3000]), s);
    case 10: return `${s}${'x'.repeat(r.pick([300, 70_000]))}`;
    case 11: return `${s}\u0000\ud800é日本\u202e`;
    case 12: return r.pick([`9999-12-31T00:00:00Z${s}`, `${s}T00:00:00Z`, '2026-02-30T00:00:00+09:00'.replace('+', s)]);
    case 13: return `hmac:${s}`;
    case 14: return `<script>${s}</script>`;
    case 15: return `${s}'; drop table events; --`;
    case 16: return `../../${s}`;
    default: return `${s} ${s}`.toUpperCase().toLowerCase();
  }
}

function nest(depth: number, s: string): unknown {
  let v: unknown = s;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** 1–3 changes to a copy of `base`: a field replaced, removed or added, at the top or one level down. */
function mutate(r: SeededRandom, base: Record<string, unknown>, s: string): unknown {
  const doc = structuredClone(base);
  for (let n = r.int(1, 3); n > 0; n--) {
    const keys = Object.keys(doc);
    let target: Record<string, unknown> = doc;
    const nested = keys.filter((k) => typeof doc[k] === 'object' && doc[k] !== null && !Array.isArray(doc[k]));
    if (nested.length && r.chance(0.3)) target = doc[r.pick(nested)] as Record<string, unknown>;
    const tkeys = Object.keys(target);
    const op = r.int(0, 9);
    if (op <= 4 && tkeys.length) target[r.pick(tkeys)] = junk(r, s);
    else if (op <= 6 && tkeys.length) delete target[r.pick(tkeys)];
    else if (op === 7) target[r.pick([`${s}@example.com`, `${s}`, '__proto__', 'constructor'])] = junk(r, s);
    else if (op === 8) {
      const arrays = tkeys.filter((k) => Array.isArray(target[k]));
      if (arrays.length) (target[r.pick(arrays)] as unknown[]).push(junk(r, s));
    } else return r.pick([junk(r, s), [doc, doc], `${s}`, null]);
  }
  return doc;
}

/** JSON text, sometimes broken: cut short, a character spliced in, a quote dropped. */
function serialise(r: SeededRandom, value: unknown, s: string): string {
  const text = JSON.stringify(value) ?? 'null';
  if (!r.chance(0.25)) return text;
  const at = r.int(0, Math.max(0, text.length - 1));
  switch (r.int(0, 3)) {
    case 0: return text.slice(0, at);
    case 1: return `${text.slice(0, at)}${r.pick(['{', '"', ',', '\\', s, '\u0000'])}${text.slice(at)}`;
    case 2: return text.replace('"', '');
    default: return `${text}${s}`;
  }
}

const json = (text: string) => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(text) });

function events(r: SeededRandom, s: string): Omit<FuzzInput, 'family' | 'sentinel'> {
  const batch = Array.from({ length: r.int(1, 4) }, () => mutate(r, r.pick(EVENT_TEMPLATES(r)), s));
  if (r.chance(0.15) && batch.length > 1) batch[1] = batch[0]; // a repeated eventId (the same object twice)
  if (r.chance(0.5)) return { method: 'POST', path: '/v1/events', headers: { 'content-type': 'application/x-ndjson' }, body: Buffer.from(batch.map((e) => serialise(r, e, s)).join(r.pick(['\n', '\r\n', '\n\n']))) };
  return { method: 'POST', path: '/v1/events', ...json(serialise(r, batch.length === 1 && r.chance(0.5) ? batch[0] : batch, s)) };
}

/** YAML text broken in the ways YAML can be: aliases to nothing, alias bombs, tags, tabs, deep flows. */
function brokenYaml(r: SeededRandom, text: string, s: string): string {
  switch (r.int(0, 6)) {
    case 0: return text.replace(/^name: .*$/m, `name: *${s}`);
    case 1: return `a: &a [${s},${s},${s},${s},${s},${s},${s},${s},${s}]\n${'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`).join('\n')}\n${text}`;
    case 2: return text.replace(/^name: .*$/m, `name: !!binary ${s}`).replace(/^version: .*$/m, `version: !!js/function "${s}"`);
    case 3: return `${text}\n\tname: ${s}`;
    case 4: return `name: ${'['.repeat(r.pick([100, 5000]))}${s}${']'.repeat(r.pick([100, 5000]))}\n${text}`;
    case 5: return `? [${s}@example.com]\n: 1\n${text}`;
    default: return `${text}\nname: ${s}\n`;
  }
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
  return { method: 'PUT', path, headers: { 'content-type': r.pick(['application/yaml', 'text/yaml', 'application/x-yaml']) }, body: Buffer.from(r.chance(0.5) ? brokenYaml(r, yaml, s) : yaml) };
}

function breaches(r: SeededRandom, s: string): Omit<FuzzInput, 'family' | 'sentinel'> {
  const id = r.pick([s, encodeURIComponent(`${s}@example.com`), `${s}.csv`, `${s}%2F..`, 'demo']);
  switch (r.int(0, 5)) {
    case 0:
    case 1:
      return { method: 'POST', path: '/v1/breaches', ...json(serialise(r, mutate(r, { ...BREACH, ...(r.chance(0.3) ? { breachId: r.pick([s, 'fuzz-breach']) } : {}) }, s), s)) };
    case 2:
      return { method: 'POST', path: `/v1/breaches/${id}/reports`, ...json(serialise(r, mutate(r, { report: 'appi-preliminary', occurredAt: '2026-04-03T00:00:00Z' }, s), s)) };
    case 3:
      return { method: 'POST', path: `/v1/breaches/${id}/notifications`, ...json(serialise(r, mutate(r, { count: 3 }, s), s)) };
    default:
      return { method: 'GET', path: `/v1/breaches/${id}${r.pick(['', '/report', '/report?format=html', '/subjects.csv', `?limit=${s}`, `?cursor=${s}`])}`, headers: {} };
  }
}

const READ_ROUTES = ['/v1/flows', '/v1/violations', '/v1/holdings', '/v1/erasures', '/v1/provision-records', '/v1/audit', '/v1/breaches', '/v1/policies', '/v1/policies/jcert', '/v1/policies/jcert/versions', '/v1/stats/overview', '/v1/stats/breaches', `/v1/subjects/${REF}/lineage`];
const PARAMS = ['controller', 'verdict', 'code', 'holder', 'item', 'asOf', 'from', 'to', 'at', 'limit', 'cursor', 'format', 'minPosition', 'subjectRef', 'target', 'actor', 'status', 'required', 'offset'];

function queryValue(r: SeededRandom, s: string): string {
  switch (r.int(0, 5)) {
    case 0: return encodeURIComponent(String(junk(r, s)).replace(/[\ud800-\udfff]/g, '\ufffd')).slice(0, 4000);
    case 1: return r.pick([`%${s}`, `${s}%zz`, `${s}%00`, `${s}%C0%AF`, `${s}%E2%80%AE`, `${s}%FF%FE`, `${s}%ED%A0%80`]);
    case 2: return r.pick(['-1', '0', '99999999999999999999', '1e3', '9999-12-31T00:00:00Z', 'NaN', 'true']);
    case 3: return `${s}${r.pick(['[]', '[0]', '.x', '..'])}`;
    default: return encodeURIComponent(s);
  }
}

function queries(r: SeededRandom, s: string): Omit<FuzzInput, 'family' | 'sentinel'> {
  let path = r.pick(READ_ROUTES);
  if (r.chance(0.15)) path = r.pick([`/v1/subjects/${encodeURIComponent(`${s}@example.com`)}/lineage`, `/v1/subjects/${s}/lineage`, `/v1/policies/${s}`, `/v1/policies/${s}/versions`, `/v1/${s}`]);
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
    case 0: body = encoding.startsWith('gzip') || encoding === 'GZIP' ? gzipSync(raw) : encoding === 'deflate' ? deflateSync(raw) : raw; break;
    case 1: body = gzipSync(raw).subarray(0, r.int(1, 20)); break;
    case 2: body = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.from(s)]); break;
    case 3: body = Buffer.from(`\ufeff${text}`); break;
    default: body = Buffer.concat([raw.subarray(0, 10), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(s), raw.subarray(10)]);
  }
  const type = r.pick(['application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', `application/json; charset=${s}`, 'application/x-ndjson', 'application/x-ndjson; charset=latin1', 'text/plain', 'application/octet-stream', `${s}/${s}`, 'application/merge-patch+json', '']);
  const headers: Record<string, string> = {};
  if (type) headers['content-type'] = type;
  if (encoding) headers['content-encoding'] = encoding;
  const path = r.pick(['/v1/events', '/v1/breaches', '/v1/subjects/lineage:lookup', '/v1/policies/jcert']);
  return { method: path === '/v1/policies/jcert' ? 'PUT' : 'POST', path, headers, body };
}

function headersFamily(r: SeededRandom, s: string): Omit<FuzzInput, 'family' | 'sentinel'> {
  const headers: Record<string, string> = {};
  switch (r.int(0, 5)) {
    case 0: headers.authorization = r.pick([`Bearer ${s}`, `Basic ${s}`, `Bearer  ${s} ${s}`, `bearer ${s}`, `Bearer ${s}${'a'.repeat(6000)}`, s]); break;
    case 1: headers.accept = r.pick([`${s}/${s}`, 'text/html', 'text/event-stream', '*/*;q=0', `application/json;${s}`]); break;
    case 2: headers['x-forwarded-for'] = r.pick([s, `${s}, 127.0.0.1`, '::1', '999.999.999.999']); break;
    case 3: headers['content-type'] = `application/json; boundary=${s}`; break;
    case 4: headers.range = `bytes=${s}`; break;
    default: headers['x-request-id'] = s;
  }
  const body = r.chance(0.3) ? Buffer.from(JSON.stringify({ email: `${s}@example.com` })) : undefined;
  if (body && !headers['content-type']) headers['content-type'] = 'application/json';
  const path = body ? '/v1/subjects/lineage:lookup' : r.pick([...READ_ROUTES, '/health', '/', '/docs', '/v1/stats/live', `/${s}`]);
  return { method: body ? 'POST' : 'GET', path, headers, ...(body ? { body } : {}) };
}

const GENERATORS: Record<Family, (r: SeededRandom, s: string) => Omit<FuzzInput, 'family' | 'sentinel'>> = { events, policies, breaches, queries, encodings, headers: headersFamily };

/** `count` inputs of one family, from `seed`: the same arguments always give the same inputs. */
export function* generate(family: Family, seed: number, count: number): Generator<FuzzInput> {
  const r = new SeededRandom(seed ^ (FAMILIES.indexOf(family) + 1) * 0x9e3779b1);
  for (let i = 0; i < count; i++) {
    const sentinel = `zq${r.hex(2)}`;
    yield { family, sentinel, ...GENERATORS[family](r, sentinel) };
  }
}
