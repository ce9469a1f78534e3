import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiHarness } from './api-harness';

/**
 * Publishes the JCERT seed policy and records one subject (by e-mail) whose item JCERT acquired and then
 * entrusted to Starfield Technologies; waits until the flows are projected. The CLI tests read it back.
 */
export async function jcertSubjectAtStarfield(api: ApiHarness, email: string): Promise<void> {
  await api
    .put('/v1/policies/jcert')
    .set('Content-Type', 'application/yaml')
    .send(readFileSync(join(__dirname, '..', '..', 'policies', 'jcert.yaml'), 'utf8'));
  const res = await api.post('/v1/events').send(jcertAtStarfieldEvents({ subject: { email } }));
  await api.get(`/v1/flows?minPosition=${res.body.lastPosition}`);
}

/** JCERT acquires a subject's e-mail address (2026-02-01) and entrusts it to Starfield Technologies the next day. */
export function jcertAtStarfieldEvents(who: { subject: { email: string } } | { subjectRef: string }): Record<string, unknown>[] {
  const base = { controller: 'jcert', ...who, items: ['email'] };
  return [
    { eventId: randomUUID(), type: 'DataAcquired', occurredAt: '2026-02-01T10:00:00+09:00', ...base, source: { kind: 'subject' } },
    {
      eventId: randomUUID(),
      type: 'DataProvided',
      occurredAt: '2026-02-02T10:00:00+09:00',
      ...base,
      recipient: 'starfield-technologies',
      purposes: ['certificate-service'],
      basis: 'entrustment',
    },
  ];
}

/** `ashiato breach declare` options for a malware breach of the e-mail addresses Starfield held in February 2026. */
export const STARFIELD_BREACH_OPTIONS = [
  '--holder',
  'starfield-technologies',
  '--items',
  'email',
  '--from',
  '2026-02-01T00:00:00Z',
  '--to',
  '2026-02-28T00:00:00Z',
  '--discovered-at',
  '2026-03-01T00:00:00Z',
  '--cause',
  'malware',
];
