import type { AshiatoEvent } from '@ashiato/domain';
import type { ReadModel } from '../db/connect';
import { migrateReadModel, SCHEMA_MARKER } from '../db/migrations';
import type { ProjectionEngine } from '../runtime/projection-engine';
import type { ProjectionQueries } from '../queries/projection-queries';
import { acquire, consent, erase, provide, publish, testPolicy, use } from './fixtures.testing';
import type { InMemoryEventStore } from './in-memory-event-store.testing';

/** What a scenario of engine-scenarios.testing.ts works on, fresh for each test. */
export interface EngineScenarioContext {
  readonly rm: ReadModel;
  readonly store: InMemoryEventStore;
  readonly queries: ProjectionQueries;
  project(options?: ConstructorParameters<typeof ProjectionEngine>[1]): Promise<ProjectionEngine>;
  history(): AshiatoEvent[];
}

/** The engine's scenarios on retention, ordering, provision records, lineage input, schema versions and paging. */
export function engineReadScenarios(ctx: EngineScenarioContext): void {
  it('flags an item still held when its retention ends, once, at that instant, without it being used again', async () => {
    const policy = {
      ...testPolicy(),
      retention: [
        { items: ['email'], rule: 'P1Y' },
        { items: ['name'], rule: 'until-erasure' },
      ],
    };
    const kept = acquire('s1', ['email', 'name'], '2024-02-01T00:00:00Z');
    await ctx.store.add(
      publish(policy, '2024-01-01T00:00:00Z'),
      kept,
      acquire('s2', ['email'], '2024-03-01T00:00:00Z'),
      erase('s2', ['email'], '2024-12-01T00:00:00Z'),
      // Other subjects' events move the clock past s1's end; s1 itself is never touched again.
      acquire('s3', ['name'], '2025-02-01T00:00:00Z'),
      acquire('s4', ['name'], '2025-06-01T00:00:00Z'),
    );
    await ctx.project({ batchSize: 2, snapshotCacheSize: 1 });
    const found = await ctx.queries.listViolations({ code: 'RETENTION_EXCEEDED' });
    expect(found.items).toEqual([
      expect.objectContaining({ subjectRef: 's1', holder: 'shop', items: ['email'], occurredAt: '2025-02-01T00:00:00.000Z', eventId: kept.eventId }),
    ]);
    expect(found.items[0].message).toContain('APPI Art. 22');
    expect(found.items[0].message).toContain('2025-02-01T09:00:00.000+09:00');
  });

  it('lists violations by when the flow happened, not by when it was ingested', async () => {
    await ctx.store.add(
      publish(testPolicy(), '2024-01-01T00:00:00Z'),
      acquire('s1', ['email'], '2024-02-01T00:00:00Z'),
      provide('s1', 'stranger', ['email'], '2024-06-01T00:00:00Z', 'consent'),
    );
    await ctx.project();
    await ctx.store.add(
      provide('s1', 'stranger', ['email'], '2024-02-05T00:00:00Z', 'consent'),
      provide('s1', 'stranger', ['email'], '2024-09-01T00:00:00Z', 'consent'),
    );
    await ctx.project();
    const listed = await ctx.queries.listViolations({ code: 'RECIPIENT_UNDECLARED' });
    expect(listed.items.map((v) => v.occurredAt)).toEqual(['2024-09-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z', '2024-02-05T00:00:00.000Z']);
  });

  it('keeps an APPI Art. 29 record of each provision for three years', async () => {
    await ctx.store.add(...ctx.history());
    await ctx.project();
    const records = await ctx.queries.listProvisionRecords({ controller: 'shop' });
    expect(records.items).toEqual([
      expect.objectContaining({
        recipient: expect.objectContaining({ id: 'courier', name: 'Courier KK', address: 'Tokyo', country: 'JP' }),
        items: ['email', 'name'],
        recordRequired: false,
        retentionUntil: '2027-02-02T00:00:00.000Z',
      }),
    ]);
  });

  it('gives back every event of a subject, as ingested, with its judgement (lineage input)', async () => {
    const events = [
      publish(testPolicy(), '2024-01-01T00:00:00Z'),
      { ...acquire('s1', ['email'], '2024-02-01T09:00:00+09:00'), purposes: undefined, source: { kind: 'thirdParty', name: 'broker' } },
      consent('s1', '2024-02-01T01:00:00.000Z', ['partner']),
      { ...provide('s1', 'partner', ['email'], '2024-02-02T00:00:00.000Z', 'consent'), consentRef: 'form-7' },
      use('s1', ['email'], ['marketing'], '2024-02-03T00:00:00.000Z'),
      erase('s1', ['email'], '2024-02-04T00:00:00.000Z', 'partner'),
      acquire('s2', ['email'], '2024-02-05T00:00:00.000Z'),
    ] as AshiatoEvent[];
    await ctx.store.add(...events);
    await ctx.project();

    const facts = await ctx.queries.subjectFacts('s1');
    expect(facts.map((f) => f.event)).toEqual(events.slice(1, 6));
    // Acquisitions, uses and provisions carry the projection's judgement; consents and erasures none.
    expect(facts.map((f) => f.judgement !== undefined)).toEqual([true, false, true, true, false]);
    expect(facts[3].judgement?.violations.map((v) => v.code)).toContain('PURPOSE_UNDECLARED');
    expect((await ctx.queries.subjectFacts('s1', '2024-02-02T00:00:00Z')).length).toBe(3);
  });

  it('drops a read model of another schema version, and the engine projects the log into it again', async () => {
    await ctx.store.add(...ctx.history());
    await ctx.project();
    await ctx.rm.db
      .updateTable('checkpoints')
      // 9: a version with no in-place step to the current one.
      .set({ position: 9 })
      .where('projection', '=', SCHEMA_MARKER)
      .execute();

    await migrateReadModel(ctx.rm);
    expect(await ctx.queries.countFlows()).toBe(0);
    const engine = await ctx.project();
    expect(engine.position()).toBe(ctx.store.events.length);
    expect(await ctx.queries.countFlows()).toBe(4);
  });

  it('pages through flows, violations and holdings without losing or repeating a row', async () => {
    for (let i = 0; i < 7; i++)
      await ctx.store.add(
        acquire(`p${i}`, ['email', 'name'], `2024-02-0${i + 1}T00:00:00Z`),
        use(`p${i}`, ['email'], ['marketing'], `2024-02-0${i + 1}T01:00:00Z`),
      );
    await ctx.project();

    const seen = { flows: [] as string[], violations: [] as string[], holdings: [] as string[] };
    let cursor: string | null = null;
    do {
      const page = await ctx.queries.listFlows({}, { limit: 3, cursor });
      seen.flows.push(...page.items.map((f) => f.eventId));
      cursor = page.nextCursor;
    } while (cursor);
    do {
      const page = await ctx.queries.listViolations({}, { limit: 2, cursor });
      seen.violations.push(...page.items.map((v) => `${v.eventId}:${v.code}`));
      cursor = page.nextCursor;
    } while (cursor);
    do {
      const page = await ctx.queries.holdingsAsOf({ holder: 'shop' }, { limit: 4, cursor });
      seen.holdings.push(...page.items.map((h) => `${h.subjectRef}:${h.item}`));
      cursor = page.nextCursor;
    } while (cursor);

    expect(new Set(seen.flows).size).toBe(14);
    expect(seen.flows.length).toBe(14);
    expect(seen.violations.length).toBe(await ctx.queries.countViolations());
    expect(seen.violations.length).toBeGreaterThanOrEqual(7);
    expect(new Set(seen.violations).size).toBe(seen.violations.length);
    expect(seen.holdings.sort()).toEqual(
      Array.from({ length: 7 }, (_, i) => [`p${i}:email`, `p${i}:name`])
        .flat()
        .sort(),
    );
    await expect(ctx.queries.listFlows({}, { cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });
}
