import { randomUUID } from 'node:crypto';

/** A valid acquisition under the JCERT seed policy; override any field. */
export function acquisition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: randomUUID(),
    type: 'DataAcquired',
    occurredAt: '2026-04-01T09:30:00+09:00',
    controller: 'jcert',
    subjectRef: `s-${randomUUID()}`,
    items: ['email'],
    source: { kind: 'subject' },
    ...overrides,
  };
}

export const toNdjson = (events: unknown[]) => `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
