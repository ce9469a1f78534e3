import { fixedClock, VIOLATION_CODES, type AshiatoEvent, type PolicyDocument } from '@ashiato/domain';
import { SqliteEventStore } from '@ashiato/event-store';
import { createProjections, ProjectionEngine, type Projections } from '@ashiato/projections';
import { appendEvents, publishPolicy } from '@ashiato/application';

/** Publishes the policies, appends the events and projects them, all in memory; `look` reads the projections before they close. */
export async function projectedHistory(policies: PolicyDocument[], events: AshiatoEvent[], look: (p: Projections) => Promise<void>): Promise<void> {
  const store = new SqliteEventStore({ path: ':memory:' });
  const projections = await createProjections(store, { url: 'sqlite::memory:' });
  try {
    for (const p of policies) await publishPolicy(store, p, fixedClock('2020-01-01T00:00:00Z'));
    await appendEvents(store, events);
    await new ProjectionEngine(projections.readModel).catchUp(store);
    await look(projections);
  } finally {
    await projections.close();
    await store.close();
  }
}

/** Mostly allowed flows, and every violation code the seed policies give an occasion for (none declares a sensitive item, so no opt-out of one). */
export async function expectDemoVerdicts(projections: Projections): Promise<void> {
  const allowed = await projections.queries.countFlows({ verdict: 'allowed' });
  const violating = await projections.queries.countFlows({ verdict: 'violation' });
  expect(allowed).toBeGreaterThan(violating * 5);
  const codes = new Set((await projections.queries.countViolationsByCode()).map((c) => c.code));
  expect(VIOLATION_CODES.filter((c) => c !== 'SENSITIVE_OPT_OUT' && !codes.has(c))).toEqual([]);
}
