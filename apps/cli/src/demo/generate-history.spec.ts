import { fixedClock, VIOLATION_CODES } from '@ashiato/domain';
import { SqliteEventStore } from '@ashiato/event-store';
import { createProjections, ProjectionEngine } from '@ashiato/projections';
import { appendEvents, publishPolicy } from '@ashiato/application';
import { generateDemoBreaches } from './demo-breaches';
import { generateDemoHistory } from './generate-history';
import { loadSeedPolicies } from './load-seed-policies';

jest.setTimeout(60_000);

describe('demo history', () => {
  const policies = loadSeedPolicies();
  const until = new Date('2026-10-01T00:00:00Z');

  it('is the same on every run', () => {
    const a = [...generateDemoHistory(policies, { subjects: 50, until })];
    const b = [...generateDemoHistory(policies, { subjects: 50, until })];
    expect(a).toEqual(b);
  });

  it('judged by the projections: mostly allowed flows, and a sprinkling of most violation codes', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const projections = await createProjections(store, { url: 'sqlite::memory:' });
    try {
      for (const p of policies) await publishPolicy(store, p, fixedClock('2020-01-01T00:00:00Z'));
      await appendEvents(store, [...generateDemoHistory(policies, { subjects: 1500, until })]);
      await new ProjectionEngine(projections.readModel).catchUp(store);
      const allowed = await projections.queries.countFlows({ verdict: 'allowed' });
      const violating = await projections.queries.countFlows({ verdict: 'violation' });
      expect(allowed).toBeGreaterThan(violating * 5);
      const codes = new Set((await projections.queries.countViolationsByCode()).map((c) => c.code));
      // No seed policy declares a sensitive item, so an opt-out of one cannot occur.
      const expected = VIOLATION_CODES.filter((c) => c !== 'SENSITIVE_OPT_OUT');
      expect([...expected].filter((c) => !codes.has(c))).toEqual([]);
    } finally {
      await projections.close();
      await store.close();
    }
  });

  it('declares a breach at Starfield that affects JCERT subjects held there during its window', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const projections = await createProjections(store, { url: 'sqlite::memory:' });
    try {
      for (const p of policies) await publishPolicy(store, p, fixedClock('2020-01-01T00:00:00Z'));
      await appendEvents(store, [...generateDemoHistory(policies, { subjects: 500, until }), ...generateDemoBreaches(until)]);
      await new ProjectionEngine(projections.readModel).catchUp(store);
      const starfield = (await projections.queries.listBreaches()).items.find((b) => b.holder === 'starfield-technologies');
      expect(starfield).toBeDefined();
      const affected = await projections.queries.countSubjectsHoldingDuring({
        holder: 'starfield-technologies',
        items: starfield!.items,
        from: starfield!.window.from,
        to: starfield!.window.to,
        controller: 'jcert',
      });
      expect(affected).toBeGreaterThan(0);
    } finally {
      await projections.close();
      await store.close();
    }
  });
});
