import { createHash, randomUUID } from 'node:crypto';
import type { EventStore } from '@ashiato/event-store';

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

/** An event of JCERT about the subject with this e-mail address; `rest` gives the type's own fields. */
export const jcertEvent = (email: string, type: string, occurredAt: string, rest: Record<string, unknown>) => ({
  eventId: randomUUID(),
  type,
  occurredAt,
  controller: 'jcert',
  subject: { email },
  ...rest,
});

/** Appends `count` valid acquisitions straight to a log (no server), each in its subject's stream, then closes the store. */
export async function writeAcquisitions(store: EventStore, count: number): Promise<void> {
  try {
    for (let i = 0; i < count; i++) {
      const event = acquisition();
      await store.append(`subject-${String(event.subjectRef)}`, [{ eventId: String(event.eventId), type: 'DataAcquired', data: event }], 'any');
    }
  } finally {
    await store.close();
  }
}
