import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SeededRandom } from '@ashiato/workload';

/** The valid inputs the fuzz families start from, and the read routes and parameters they vary. */
const ROOT = join(__dirname, '..', '..');
export const JCERT = parseYaml(readFileSync(join(ROOT, 'policies', 'jcert.yaml'), 'utf8')) as Record<string, unknown>;
export const REF = `hmac:${'5e'.repeat(32)}`;

const uuid = (r: SeededRandom) => r.uuid();
export const EVENT_TEMPLATES = (r: SeededRandom): Record<string, unknown>[] => [
  {
    eventId: uuid(r),
    type: 'DataAcquired',
    occurredAt: '2026-04-01T09:30:00+09:00',
    controller: 'jcert',
    subjectRef: REF,
    items: ['email'],
    source: { kind: 'subject' },
    purposes: ['certificate-service'],
  },
  {
    eventId: uuid(r),
    type: 'ConsentGiven',
    occurredAt: '2026-04-01T09:31:00+09:00',
    controller: 'jcert',
    subject: { email: 'fuzz@example.jp' },
    purposes: ['certificate-service'],
    recipients: ['starfield-technologies'],
  },
  {
    eventId: uuid(r),
    type: 'DataProvided',
    occurredAt: '2026-04-02T09:30:00+09:00',
    controller: 'jcert',
    subjectRef: REF,
    items: ['email'],
    recipient: 'starfield-technologies',
    purposes: ['certificate-service'],
    basis: 'entrustment',
  },
  {
    eventId: uuid(r),
    type: 'DataErased',
    occurredAt: '2026-04-03T09:30:00+09:00',
    controller: 'jcert',
    subject: { phone: '+81 90-1234-5678' },
    items: ['email'],
    reason: 'request',
  },
  {
    eventId: uuid(r),
    type: 'DataUsed',
    occurredAt: '2026-04-02T10:00:00+09:00',
    controller: 'jcert',
    subjectRef: REF,
    items: ['email'],
    purposes: ['certificate-service'],
  },
];
export const BREACH = {
  holder: 'starfield-technologies',
  items: ['email'],
  window: { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' },
  discoveredAt: '2026-04-02T00:00:00Z',
  cause: 'loss',
};

export const READ_ROUTES = [
  '/v1/flows',
  '/v1/violations',
  '/v1/holdings',
  '/v1/erasures',
  '/v1/provision-records',
  '/v1/audit',
  '/v1/breaches',
  '/v1/policies',
  '/v1/policies/jcert',
  '/v1/policies/jcert/versions',
  '/v1/stats/overview',
  '/v1/stats/breaches',
  `/v1/subjects/${REF}/lineage`,
];
export const PARAMS = [
  'controller',
  'verdict',
  'code',
  'holder',
  'item',
  'asOf',
  'from',
  'to',
  'at',
  'limit',
  'cursor',
  'format',
  'minPosition',
  'subjectRef',
  'target',
  'actor',
  'status',
  'required',
  'offset',
];
