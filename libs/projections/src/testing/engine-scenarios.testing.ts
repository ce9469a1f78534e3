import type { ReadModel } from '../db/connect';
import { migrateReadModel } from '../db/migrations';
import { ProjectionEngine } from '../runtime/projection-engine';
import { ProjectionQueries } from '../queries/projection-queries';
import { acquire, consent, erase, provide, publish, testPolicy, use } from './fixtures.testing';
import { InMemoryEventStore } from './in-memory-event-store.testing';
import { dumpReadModel } from './read-model-dump.testing';
import { engineReadScenarios } from './engine-read-scenarios.testing';

/**
 * Test support: the projection engine's given-events / when-projected / then-rows scenarios, run by
 * the unit spec on in-memory SQLite and by test/projections on SQLite and PostgreSQL.
 */
export function engineScenarios(open: () => Promise<ReadModel>, dispose: (rm: ReadModel) => Promise<void>): void {
  let rm: ReadModel;
  let store: InMemoryEventStore;
  let queries: ProjectionQueries;

  beforeEach(async () => {
    rm = await open();
    await migrateReadModel(rm);
    store = new InMemoryEventStore();
    queries = new ProjectionQueries(rm.db);
  });
  afterEach(() => dispose(rm));

  async function project(options: ConstructorParameters<typeof ProjectionEngine>[1] = {}): Promise<ProjectionEngine> {
    const engine = new ProjectionEngine(rm, { batchSize: 3, ...options });
    await engine.catchUp(store);
    return engine;
  }

  function history() {
    return [
      publish(testPolicy('1'), '2024-01-01T00:00:00Z'),
      acquire('s1', ['email', 'name'], '2024-02-01T00:00:00Z'),
      provide('s1', 'courier', ['email', 'name'], '2024-02-02T00:00:00Z', 'entrustment'),
      use('s1', ['email'], ['marketing'], '2024-02-03T00:00:00Z'),
      acquire('s2', ['email'], '2024-02-04T00:00:00Z'),
      erase('s1', ['email'], '2024-02-05T00:00:00Z'),
      erase('s1', ['email'], '2024-02-06T00:00:00Z', 'courier'),
    ];
  }

  it('judges each flow and records who holds what', async () => {
    await store.add(...history());
    await project();

    const flows = await queries.listFlows({ subjectRef: 's1' });
    expect(flows.items.map((f) => [f.type, f.verdict])).toEqual([
      ['DataUsed', 'violation'],
      ['DataProvided', 'allowed'],
      ['DataAcquired', 'allowed'],
    ]);
    expect(flows.items[0].codes).toContain('PURPOSE_UNDECLARED');
    const held = await queries.holdingsAsOf({ subjectRef: 's1', asOf: '2024-02-07T00:00:00Z' });
    expect(held.items.map((h) => `${h.holder}:${h.item}`).sort()).toEqual(['courier:name', 'shop:name']);
  });

  it('writes rows and checkpoint together: a batch that fails leaves nothing, and resuming matches an uninterrupted run', async () => {
    await store.add(...history());
    let calls = 0;
    const crashing = new ProjectionEngine(rm, {
      batchSize: 3,
      beforeCheckpoint: () => {
        if (++calls === 2) throw new Error('power cut');
      },
    });
    await expect(crashing.catchUp(store)).rejects.toThrow('power cut');
    expect(crashing.position()).toBe(3);
    expect(await queries.countFlows({ types: ['DataAcquired', 'DataUsed', 'DataProvided', 'DataErased'] })).toBe(2);

    await new ProjectionEngine(rm, { batchSize: 3 }).catchUp(store);
    const resumed = await dumpReadModel(rm.db);

    const clean = await open();
    await migrateReadModel(clean);
    await new ProjectionEngine(clean, { batchSize: 100 }).catchUp(store);
    expect(resumed).toEqual(await dumpReadModel(clean.db));
    await dispose(clean);
  });

  it('skips events at or below the checkpoint when a batch is delivered twice', async () => {
    await store.add(...history());
    const engine = await project();
    await engine.applyBatch(store.events);
    expect(await queries.countFlows()).toBe(4);
    expect((await queries.overviewStats()).eventsByType.DataAcquired).toBe(2);
  });

  it('judges a flow by the policy version in force when it happened; later versions leave it alone', async () => {
    await store.add(
      publish(testPolicy('1', '2024-01-01T00:00:00Z'), '2024-01-01T00:00:00Z'),
      publish(testPolicy('2', '2024-06-01T00:00:00Z', 'marketing'), '2024-05-01T00:00:00Z'),
      acquire('s1', ['email'], '2024-02-01T00:00:00Z'),
      use('s1', ['email'], ['marketing'], '2024-03-01T00:00:00Z'),
      use('s1', ['email'], ['marketing'], '2024-07-01T00:00:00Z'),
    );
    await project();
    // A back-dated version published afterwards: effective before the March use, but it does not rewrite it.
    await store.add(publish(testPolicy('3', '2024-02-15T00:00:00Z', 'marketing'), '2024-08-01T00:00:00Z'));
    await project();

    const uses = await queries.listFlows({ types: ['DataUsed'] });
    expect(uses.items.map((f) => [f.occurredAt, f.policyVersion, f.verdict])).toEqual([
      ['2024-07-01T00:00:00.000Z', '2', 'allowed'],
      ['2024-03-01T00:00:00.000Z', '1', 'violation'],
    ]);
    expect((await queries.policyInForce('shop', '2024-03-01T00:00:00Z'))?.version).toBe('3');
    expect((await queries.policyHistory('shop')).map((p) => p.version)).toEqual(['1', '3', '2']);
  });

  it('keeps POLICY_MISSING for a flow recorded before any version, and says plainly when a later version is back-dated before it', async () => {
    const early = acquire('s1', ['email'], '2024-02-01T00:00:00Z');
    await store.add(early, acquire('s2', ['email'], '2024-02-01T00:00:00Z'));
    await project();
    const before = await queries.listViolations({ code: 'POLICY_MISSING' });
    expect(before.items.map((v) => v.message)).toEqual([
      'no policy of shop in force at 2024-02-01T00:00:00Z',
      'no policy of shop in force at 2024-02-01T00:00:00Z',
    ]);

    await store.add(publish(testPolicy('3', '2024-01-01T00:00:00Z'), '2024-08-01T00:00:00Z'));
    await project();
    expect((await queries.policyInForce('shop', '2024-02-01T00:00:00Z'))?.version).toBe('3');
    const flows = await queries.listFlows({ subjectRef: 's1' });
    expect(flows.items.map((f) => [f.verdict, f.codes, f.policyVersion])).toEqual([['violation', ['POLICY_MISSING'], null]]);
    const said =
      "no version of shop's policy published before this flow was recorded was in force at 2024-02-01T09:00:00.000+09:00; " +
      'v3, published later (2024-08-01T09:00:00.000+09:00), is back-dated to 2024-01-01T09:00:00.000+09:00 and does not change this verdict';
    expect((await queries.listViolations({ code: 'POLICY_MISSING', subjectRef: 's1' })).items.map((v) => v.message)).toEqual([said]);
    const lineage = (await queries.subjectFacts('s1')).find((f) => f.event.eventId === early.eventId);
    expect(lineage?.judgement?.violations).toEqual([{ code: 'POLICY_MISSING', message: said }]);
  });

  it('fans an erasure out to every recipient still holding the items and closes each on its own erasure', async () => {
    await store.add(
      publish(testPolicy(), '2024-01-01T00:00:00Z'),
      acquire('s1', ['email', 'name'], '2024-02-01T00:00:00Z'),
      consent('s1', '2024-02-01T00:00:00Z', ['partner']),
      provide('s1', 'courier', ['email', 'name'], '2024-02-02T00:00:00Z', 'entrustment'),
      provide('s1', 'partner', ['email'], '2024-02-02T00:00:00Z', 'consent'),
      erase('s1', ['email', 'name'], '2024-03-01T00:00:00Z'),
      erase('s1', ['email', 'name'], '2024-03-10T00:00:00Z', 'courier'),
      acquire('s9', ['email'], '2024-05-01T00:00:00Z'),
    );
    await project({ erasureDeadlineDays: 30 });

    const all = await queries.listErasures({});
    expect(all.items.map((e) => [e.holder, e.items, e.status, e.closedEventId !== null])).toEqual([
      ['courier', ['email', 'name'], 'done', true],
      ['partner', ['email'], 'overdue', false],
    ]);
    const late = await queries.listViolations({ code: 'ERASURE_NOT_PROPAGATED' });
    expect(late.items).toEqual([
      expect.objectContaining({ holder: 'partner', subjectRef: 's1', occurredAt: '2024-03-31T00:00:00.000Z', eventId: all.items[0].eventId }),
    ]);
    expect(await queries.countHoldingsAsOf({ subjectRef: 's1', asOf: '2024-04-01T00:00:00Z' })).toBe(1);
    // The overview's open erasures include the overdue one; overdue is the part of them past the deadline.
    expect((await queries.overviewStats()).erasures).toEqual({ open: 1, overdue: 1, done: 1 });
  });

  engineReadScenarios({
    get rm() {
      return rm;
    },
    get store() {
      return store;
    },
    get queries() {
      return queries;
    },
    project,
    history,
  });
}
