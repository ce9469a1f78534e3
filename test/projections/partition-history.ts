import { streamOf, type AshiatoEvent } from '@ashiato/domain';
import type { ReadModelDatabase } from '@ashiato/projections';
import type { Kysely } from 'kysely';
import { dumpReadModel } from '../../libs/projections/src/testing/read-model-dump.testing';
import { acquire, consent, erase, provide, publish, testPolicy, use } from '../../libs/projections/src/testing/fixtures.testing';

/** Each event to its own stream, as append requests. */
export function appendRequests(events: AshiatoEvent[]) {
  return events.map((e) => ({
    stream: streamOf(e),
    events: [{ eventId: e.eventId, type: e.type, data: e as unknown as Record<string, unknown> }],
    expectedVersion: 'any' as const,
  }));
}

/** 30 subjects: acquisitions, provisions with and without consent, uses, erasures (some never followed), a breach. */
export function partitionHistory(): AshiatoEvent[] {
  const out: AshiatoEvent[] = [publish(testPolicy(), '2024-01-01T00:00:00Z')];
  for (let i = 0; i < 30; i++) {
    const s = `hmac:subject-${i}`;
    const day = `2024-02-${String(1 + (i % 20)).padStart(2, '0')}T00:00:00Z`;
    out.push(acquire(s, ['email', 'name'], day));
    if (i % 3 === 0) out.push(consent(s, day, ['partner']));
    if (i % 2 === 0) out.push(provide(s, i % 3 === 0 ? 'partner' : 'courier', ['email'], day, i % 3 === 0 ? 'consent' : 'entrustment'));
    if (i % 5 === 0) out.push(use(s, ['email'], ['marketing'], day));
    if (i % 4 === 0) out.push(erase(s, ['email'], '2024-03-01T00:00:00Z'));
  }
  out.push({
    type: 'BreachDeclared',
    eventId: 'breach-1',
    occurredAt: '2024-04-02T00:00:00Z',
    breachId: 'b1',
    holder: 'courier',
    items: ['email'],
    window: { from: '2024-01-01T00:00:00Z', to: '2024-03-31T00:00:00Z' },
    discoveredAt: '2024-04-02T00:00:00Z',
    controller: 'shop',
  });
  // Past the erasure deadlines: obligations not followed become violations in every partition's clock.
  out.push(acquire('hmac:late', ['email'], '2024-06-01T00:00:00Z'));
  return out;
}

/** More subjects given to the breached courier in its window, and erasures of earlier ones: the breach's rows change. */
export function laterHistory(from: number, to: number): AshiatoEvent[] {
  const out: AshiatoEvent[] = [];
  for (let i = from; i < to; i++) {
    const s = `hmac:subject-${i}`;
    const day = `2024-03-${String(1 + (i % 20)).padStart(2, '0')}T00:00:00Z`;
    out.push(acquire(s, ['email', 'name'], day));
    out.push(provide(s, 'courier', ['email'], day, 'entrustment'));
    out.push(erase(`hmac:subject-${i - from}`, ['email'], '2024-04-10T00:00:00Z'));
  }
  return out;
}

/** A dump without the checkpoint rows of live partitions other than 0 (`read-model#i/n`). */
export async function dumpWithoutPartitionRows(db: Kysely<ReadModelDatabase>): Promise<Record<string, unknown[]>> {
  const dump = await dumpReadModel(db);
  return { ...dump, checkpoints: dump.checkpoints.filter((row) => !/read-model#\d+\/\d+/.test(String(row))) };
}
