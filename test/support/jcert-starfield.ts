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
  const res = await api.post('/v1/events').send([
    {
      eventId: randomUUID(),
      type: 'DataAcquired',
      occurredAt: '2026-02-01T10:00:00+09:00',
      controller: 'jcert',
      subject: { email },
      items: ['email'],
      source: { kind: 'subject' },
    },
    {
      eventId: randomUUID(),
      type: 'DataProvided',
      occurredAt: '2026-02-02T10:00:00+09:00',
      controller: 'jcert',
      subject: { email },
      items: ['email'],
      recipient: 'starfield-technologies',
      purposes: ['certificate-service'],
      basis: 'entrustment',
    },
  ]);
  await api.get(`/v1/flows?minPosition=${res.body.lastPosition}`);
}
