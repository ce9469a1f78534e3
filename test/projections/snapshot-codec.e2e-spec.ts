import fc from 'fast-check';
import { emptySubjectState, evolveSubject, isSubjectEvent, type SubjectState } from '@ashiato/domain';
import { migrateReadModel, ProjectionEngine, ProjectionQueries } from '@ashiato/projections';
import { decodeSnapshot, encodeSnapshot } from '@ashiato/projections/projectors/snapshot-codec';
import type { SubjectSnapshot } from '@ashiato/projections/projectors/subject-snapshots';
import { InMemoryEventStore } from '../../libs/projections/src/testing/in-memory-event-store.testing';
import { historyArbitrary } from './history.arbitrary';
import { availableBackends } from './read-model-backends';

/** The same snapshot, down to the order its maps iterate in (what JSON.stringify shows). */
function expectSame(decoded: SubjectSnapshot, original: SubjectSnapshot): void {
  expect(decoded).toEqual(original);
  expect(JSON.stringify(decoded)).toBe(JSON.stringify(original));
}

describe('subject snapshot text', () => {
  it('gives back every folded state exactly, map order included', () => {
    fc.assert(
      fc.property(historyArbitrary, (events) => {
        const states = new Map<string, SubjectState>();
        for (const e of events) {
          if (!isSubjectEvent(e)) continue;
          const key = `${e.controller}|${e.subjectRef}`;
          const state = evolveSubject(states.get(key) ?? emptySubjectState(), e);
          states.set(key, state);
          const snap: SubjectSnapshot = { state, pending: [{ id: `${e.eventId}:courier`, holder: 'courier', items: ['email'] }] };
          // Some of them also wait for a retention end and have found one before.
          if (e.eventId.endsWith('1') || e.eventId.endsWith('4'))
            Object.assign(snap, { retentionDue: e.occurredAt, retentionFlags: { courier: { email: e.occurredAt } } });
          expectSame(decodeSnapshot(encodeSnapshot(snap)), snap);
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('writes each item, instant and event id once: a typical snapshot is under half its plain JSON', () => {
    const state = emptySubjectState();
    const at = '2026-06-16T01:06:19.008Z';
    const items = ['name', 'address', 'date-of-birth', 'sex', 'identification-certificate-serial', 'signing-certificate-serial'];
    evolveSubject(state, {
      type: 'DataAcquired',
      eventId: 'fa718291-daf9-4b47-a9b0-52857cf6b704',
      occurredAt: at,
      controller: 'c',
      subjectRef: 's',
      items,
      source: { kind: 'subject' },
    });
    evolveSubject(state, {
      type: 'DataProvided',
      eventId: 'c1be14b6-7561-4093-98f2-66d783631b72',
      occurredAt: at,
      controller: 'c',
      subjectRef: 's',
      items,
      recipient: 'r',
      purposes: ['p'],
    });
    const snap = { state, pending: [] };
    expect(encodeSnapshot(snap).length).toBeLessThan(JSON.stringify(snap).length / 2);
    expectSame(decodeSnapshot(encodeSnapshot(snap)), snap);
  });

  it('keeps a `__proto__` item as an own entry, as JSON.parse does', () => {
    const snap = { state: { ...emptySubjectState(), holdings: JSON.parse('{"c":{"__proto__":{"since":"t","eventId":"e"}}}') }, pending: [] };
    const decoded = decodeSnapshot(encodeSnapshot(snap));
    expect(Object.keys(decoded.state.holdings.c)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(decoded.state.holdings.c)).toBe(Object.prototype);
    expectSame(decoded, snap);
  });
});

describe.each(availableBackends())('subject state as read back on $name', (backend) => {
  it('equals the fold of the subject history, through the snapshot cache and the table', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, fc.integer({ min: 1, max: 9 }), async (events, batch) => {
        const store = new InMemoryEventStore();
        await store.add(...events);
        const rm = await backend.open();
        try {
          await migrateReadModel(rm);
          // A one-entry cache: snapshots are read back from subject_state between batches.
          const engine = new ProjectionEngine(rm, { snapshotCacheSize: 1, batchSize: batch });
          await engine.catchUp(store);
          const folded = new Map<string, { controller: string; subject: string; state: SubjectState }>();
          for (const e of events) {
            if (!isSubjectEvent(e)) continue;
            const key = `${e.controller}|${e.subjectRef}`;
            const prev = folded.get(key);
            folded.set(key, { controller: e.controller, subject: e.subjectRef, state: evolveSubject(prev?.state ?? emptySubjectState(), e) });
          }
          const queries = new ProjectionQueries(rm.db);
          for (const { controller, subject, state } of folded.values()) {
            expect(await queries.subjectState(controller, subject)).toEqual(JSON.parse(JSON.stringify(state)));
          }
        } finally {
          await backend.dispose(rm);
        }
      }),
      { numRuns: backend.name === 'sqlite' ? 40 : 8 },
    );
  }, 120_000);
});
