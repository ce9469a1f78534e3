import fc from 'fast-check';
import { emptySubjectState, evolveSubject, isSubjectEvent, type AshiatoEvent, type BreachDeclared, type SubjectState } from '@ashiato/domain';
import { migrateReadModel, ProjectionEngine, ProjectionQueries, rebuildReadModel, type HoldingWindow, type ReadModel } from '@ashiato/projections';
import { affectedSubjects, breachCounts, receivingParties } from '@ashiato/projections/dpo/breach-impact.query';
import { partyAggregates, partyAggregatesFromProvisions, receivingPartiesFromHoldings } from './breach-parties.reference';
import { alignPartitions } from '../../libs/projections/src/runtime/partition-layout';
import { InMemoryEventStore } from '../../libs/projections/src/testing/in-memory-event-store.testing';
import { dumpReadModel } from '../../libs/projections/src/testing/read-model-dump.testing';
import { batchPlanArbitrary, historyArbitrary, recordingLagsArbitrary } from './history.arbitrary';
import { dumpWithoutPartitionRows } from './partition-history';
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

type Plan = { size: number; rewind: number }[];

/** Applies the store's events in the plan's batches (with rewinds), then the rest in one. */
async function applyPlan(engine: ProjectionEngine, store: InMemoryEventStore, plan: Plan): Promise<void> {
  let at = 0;
  for (const { size, rewind } of plan) {
    at = Math.max(0, at - rewind);
    await engine.applyBatch(store.events.slice(at, at + size));
    at += size;
  }
  await engine.applyBatch(store.events.slice(at));
}

/** The live projection in `count` partitions side by side, each in batches of its own (the plan turned by its index). */
async function applyInPartitions(rm: ReadModel, store: InMemoryEventStore, plan: Plan, count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const engine = new ProjectionEngine(rm, { snapshotCacheSize: 1, logId: store.logId, partition: { index, count } });
      return applyPlan(engine, store, [...plan.slice(index), ...plan.slice(0, index)]);
    }),
  );
}

describe.each(availableBackends())('projection properties on $name', (backend) => {
  const numRuns = backend.name === 'sqlite' ? 60 : 12;

  it('incremental projection in random (even repeated) batches, in 1, 2 or 4 partitions, equals a full rebuild in 1, 2 or 4 partitions, and holdings as of t equal the fold up to t', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, batchPlanArbitrary, recordingLagsArbitrary, async (events, plan, lags) => {
        // Recorded at, after or (an event dated ahead) before its occurredAt: the clock reads the stored time.
        const store = new InMemoryEventStore({
          recordedAt: (position) => new Date(Date.parse(events[position - 1].occurredAt) + lags[position - 1] * 3_600_000).toISOString(),
        });
        await store.add(...events);
        const rm = await backend.open();
        try {
          await migrateReadModel(rm);
          // A tiny snapshot cache forces snapshots through the database between batches.
          await applyPlan(new ProjectionEngine(rm, { snapshotCacheSize: 1, logId: store.logId }), store, plan);
          const incremental = await dumpReadModel(rm.db);
          // breach_parties and the `party` counts, kept by the late per-subject updates, equal the aggregates
          // folded from breach_provisions (and the rebuild's fill gives the very same rows: the dumps below).
          for (const b of events.filter((e): e is BreachDeclared => e.type === 'BreachDeclared')) {
            expect(await partyAggregates(rm.db, b.breachId)).toEqual(await partyAggregatesFromProvisions(rm.db, b.breachId));
          }

          // The live projection in 2 or 4 partitions gives the same rows, also when it resumes after a
          // rebuild (in as many partitions) of the first half of the log.
          for (const count of [2, 4]) {
            const half = new InMemoryEventStore({ recordedAt: (position) => store.events[position - 1].recordedAt });
            half.logId = store.logId;
            await half.add(...events.slice(0, Math.floor(events.length / 2)));
            const partitioned = await backend.open();
            try {
              await migrateReadModel(partitioned);
              await alignPartitions(partitioned, half, {}, count);
              await applyInPartitions(partitioned, half, plan, count);
              await rebuildReadModel(partitioned, half, { batchSize: 5, partitions: count });
              await half.add(...events.slice(Math.floor(events.length / 2)));
              await applyInPartitions(partitioned, half, plan, count);
              expect(await dumpWithoutPartitionRows(partitioned.db)).toEqual(incremental);
            } finally {
              await backend.dispose(partitioned);
            }
          }

          // The rebuild equals it whether its load runs in 1, 2 or 4 partitions of the subjects.
          for (const partitions of [2, 4, 1]) {
            await rebuildReadModel(rm, store, { batchSize: 5, partitions });
            expect(await dumpReadModel(rm.db)).toEqual(incremental);
          }

          const queries = new ProjectionQueries(rm.db);
          // The breach_affected projection answers what deriving the affected set from the holdings does.
          for (const b of events.filter((e): e is BreachDeclared => e.type === 'BreachDeclared')) {
            const w: HoldingWindow = {
              holder: b.holder,
              items: b.items,
              from: b.window.from,
              to: b.window.to,
              ...(b.controller ? { controller: b.controller } : {}),
            };
            const counts = await breachCounts(rm.db, b);
            expect(counts.subjects).toBe(await queries.countSubjectsHoldingDuring(w));
            const byItem = await queries.countSubjectsHoldingDuringByItem(w);
            for (const item of b.items) expect(counts.withAnyOf([item])).toBe(byItem.find((x) => x.item === item)?.subjects ?? 0);
            expect(await affectedSubjects(rm.db, b, { limit: 1000 })).toEqual(await queries.subjectsHoldingDuring(w, { limit: 1000 }));
            expect(await receivingParties(rm.db, b)).toEqual(await receivingPartiesFromHoldings(rm.db, b));
          }
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
      { numRuns, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  }, 180_000);
});
