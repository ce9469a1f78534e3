import { createHash, randomUUID } from 'node:crypto';

/**
 * A subject ref of the shape the API produces (`hmac:` + 64 hex digits): the same label always
 * gives the same ref, no label a fresh one. Tests use it wherever a client sends a ready ref.
 */
export function testRef(label: string = randomUUID()): string {
  return `hmac:${createHash('sha256').update(label).digest('hex')}`;
}

/** A valid acquisition under the JCERT seed policy; override any field. */
export function acquisition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: randomUUID(),
    type: 'DataAcquired',
    occurredAt: '2026-04-01T09:30:00+09:00',
    controller: 'jcert',
    subjectRef: testRef(),
    items: ['email'],
    source: { kind: 'subject' },
    ...overrides,
  };
}

export const toNdjson = (events: unknown[]) => `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
