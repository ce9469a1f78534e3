import fc from 'fast-check';
import { emptySubjectState, evolveSubject, isSubjectEvent, type AshiatoEvent, type SubjectState } from '@ashiato/domain';
import { migrateReadModel, ProjectionEngine, ProjectionQueries, rebuildReadModel } from '@ashiato/projections';
import { InMemoryEventStore } from '../../libs/projections/src/testing/in-memory-event-store.testing';
import { dumpReadModel } from '../../libs/projections/src/testing/read-model-dump.testing';
import { batchPlanArbitrary, historyArbitrary } from './history.arbitrary';
import { availableBackends } from './read-model-backends';

/** Who holds what after folding only the events that occurred up to `t`, as `subject|controller|holder|item`. */
function heldUpTo(events: AshiatoEvent[], t: string): string[] {
  const states = new Map<string, SubjectState>();
  for (const e of events) {
    if (!isSubjectEvent(e) || e.occurredAt > t) continue;
    const key = `${e.subjectRef}|${e.controller}`;
    states.set(key, evolveSubject(states.get(key) ?? emptySubjectState(), e));
  }
  const out: string[] = [];
  for (const [key, state] of states) {
    for (const [holder, items] of Object.entries(state.holdings)) for (const item of Object.keys(items)) out.push(`${key}|${holder}|${item}`);
  }
  return out.sort();
}

describe.each(availableBackends())('projection properties on $name', (backend) => {
  const numRuns = backend.name === 'sqlite' ? 60 : 12;

  it('incremental projection in random (even repeated) batches equals a full rebuild, and holdings as of t equal the fold up to t', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, batchPlanArbitrary, async (events, plan) => {
        const store = new InMemoryEventStore();
        await store.add(...events);
        const rm = await backend.open();
        try {
          await migrateReadModel(rm);
          // A tiny snapshot cache forces snapshots through the database between batches.
          const engine = new ProjectionEngine(rm, { snapshotCacheSize: 1 });
          let at = 0;
          for (const { size, rewind } of plan) {
            at = Math.max(0, at - rewind);
            await engine.applyBatch(store.events.slice(at, at + size));
            at += size;
          }
          await engine.applyBatch(store.events.slice(at));
          const incremental = await dumpReadModel(rm.db);

          await rebuildReadModel(rm, store, { batchSize: 5 });
          expect(await dumpReadModel(rm.db)).toEqual(incremental);

          const queries = new ProjectionQueries(rm.db);
          const instants = [...new Set(events.map((e) => e.occurredAt))];
          instants.push(new Date(Date.parse(instants[0]) - 1).toISOString());
          for (const t of instants) {
            const page = await queries.holdingsAsOf({ asOf: t }, { limit: 1000 });
            const actual = page.items.map((h) => `${h.subjectRef}|${h.controller}|${h.holder}|${h.item}`).sort();
            expect(actual).toEqual(heldUpTo(events, t));
          }
        } finally {
          await backend.dispose(rm);
        }
      }),
      { numRuns },
    );
  }, 180_000);
});
