import type { AshiatoEvent, BreachDeclared } from '@ashiato/domain';
import { migrateReadModel, ProjectionEngine, rebuildReadModel, type ReadModel } from '@ashiato/projections';
import { affectedSubjects, allAffectedSubjects, breachCounts, receivingParties } from '@ashiato/projections/dpo/breach-impact.query';
import { acquire, erase, eventId, provide, publish, testPolicy } from '../../libs/projections/src/testing/fixtures.testing';
import { InMemoryEventStore } from '../../libs/projections/src/testing/in-memory-event-store.testing';
import { dumpReadModel } from '../../libs/projections/src/testing/read-model-dump.testing';
import { partyAggregates, partyAggregatesFromProvisions, receivingPartiesFromHoldings } from './breach-parties.reference';
import { availableBackends } from './read-model-backends';

/** A breach at the courier (Test Shop's entrustee) over March 2024, email and name. */
const breach = (breachId: string, window = { from: '2024-03-01T00:00:00Z', to: '2024-03-31T23:59:59Z' }): BreachDeclared => ({
  type: 'BreachDeclared',
  eventId: eventId(),
  occurredAt: '2024-04-02T00:00:00Z',
  breachId,
  holder: 'courier',
  items: ['email', 'name'],
  window,
  discoveredAt: '2024-04-02T00:00:00Z',
  cause: 'unauthorizedAccess',
  controller: 'shop',
});

async function everyRef(rm: ReadModel, b: BreachDeclared): Promise<string[]> {
  const out: string[] = [];
  for await (const page of allAffectedSubjects(rm.db, b, 2)) out.push(...page);
  return out;
}

describe.each(availableBackends())('breach blast radius on $name', (backend) => {
  let rm: ReadModel;
  let store: InMemoryEventStore;
  let engine: ProjectionEngine;

  beforeEach(async () => {
    rm = await backend.open();
    await migrateReadModel(rm);
    store = new InMemoryEventStore();
    engine = new ProjectionEngine(rm, { batchSize: 4 });
  });
  afterEach(() => backend.dispose(rm));

  async function ingest(...events: AshiatoEvent[]): Promise<void> {
    await store.add(...events);
    await engine.catchUp(store);
  }

  it('follows events that arrive after the breach was declared: a late provision inside the window adds its subject, a late erasure before it removes one', async () => {
    const b = breach('b-late');
    await ingest(
      publish(testPolicy('1'), '2024-01-01T00:00:00Z'),
      acquire('s-held', ['email', 'name'], '2024-01-10T00:00:00Z'),
      provide('s-held', 'courier', ['email', 'name'], '2024-02-01T00:00:00Z', 'entrustment'),
      acquire('s-late', ['email', 'name'], '2024-01-10T00:00:00Z'),
      acquire('s-erased-late', ['email'], '2024-01-10T00:00:00Z'),
      provide('s-erased-late', 'courier', ['email'], '2024-01-20T00:00:00Z', 'entrustment'),
      acquire('s-after', ['email'], '2024-01-10T00:00:00Z'),
      b,
    );
    expect(await everyRef(rm, b)).toEqual(['s-erased-late', 's-held']);

    await ingest(
      // Reported late: the courier got s-late's email on 15 March, and s-erased-late's was erased in February.
      provide('s-late', 'courier', ['email'], '2024-03-15T00:00:00Z', 'entrustment'),
      erase('s-erased-late', ['email'], '2024-02-10T00:00:00Z', 'courier'),
      provide('s-after', 'courier', ['email'], '2024-04-10T00:00:00Z', 'entrustment'),
      // After the breach, the courier passes s-held's email on: the partner is another party to notify.
      { ...provide('s-held', 'partner', ['email'], '2024-04-20T00:00:00Z'), holder: 'courier' } as AshiatoEvent,
    );
    expect(await everyRef(rm, b)).toEqual(['s-held', 's-late']);
    const counts = await breachCounts(rm.db, b);
    expect([counts.subjects, counts.withAnyOf(['email']), counts.withAnyOf(['name']), counts.withAnyOf(['email', 'name'])]).toEqual([2, 2, 1, 2]);
    expect(counts.byController).toEqual([{ controller: 'shop', subjects: 2 }]);
    const page = await affectedSubjects(rm.db, b, { limit: 1 });
    expect(page.items).toEqual([expect.objectContaining({ subjectRef: 's-held', items: expect.arrayContaining(['email', 'name']) })]);
    expect((await affectedSubjects(rm.db, b, { limit: 1, cursor: page.nextCursor! })).items.map((s) => s.subjectRef)).toEqual(['s-late']);

    const parties = [
      { party: 'partner', via: 'courier', items: ['email'], subjects: 1, firstAt: '2024-04-20T00:00:00.000Z', lastAt: '2024-04-20T00:00:00.000Z' },
    ];
    expect(await receivingParties(rm.db, b)).toEqual(parties);
    expect(await receivingPartiesFromHoldings(rm.db, b)).toEqual(parties);

    // A rebuild of the same log gives the very same rows.
    const incremental = await dumpReadModel(rm.db);
    await rebuildReadModel(rm, store, { batchSize: 3 });
    expect(await dumpReadModel(rm.db)).toEqual(incremental);
  });

  it('counts a party reached from several parties of one hop once per subject, and keeps the per-party figures exact when a late erasure takes out the subject that held them', async () => {
    const b: BreachDeclared = { ...breach('b-hops'), holder: 'shop' };
    const onward = (s: string, from: string, to: string, at: string, items = ['email']): AshiatoEvent =>
      ({ ...provide(s, to, items, at), holder: from }) as AshiatoEvent;
    await ingest(
      publish(testPolicy('1'), '2024-01-01T00:00:00Z'),
      ...['s1', 's2', 's3', 's4'].map((s) => acquire(s, ['email', 'name'], '2024-01-10T00:00:00Z')),
      ...['s1', 's2', 's3'].map((s) => provide(s, 'courier', ['email', 'name'], '2024-02-01T00:00:00Z', 'entrustment')),
      provide('s1', 'partner', ['email', 'name'], '2024-02-02T00:00:00Z', 'consent'),
      provide('s2', 'partner', ['email'], '2024-02-02T00:00:00Z', 'consent'),
      // Hop 1: the agent gets s1 from the courier and s1, s2 from the partner (both providers in the hop).
      onward('s1', 'courier', 'agent', '2024-02-10T00:00:00Z'),
      onward('s1', 'partner', 'agent', '2024-02-12T00:00:00Z', ['email', 'name']),
      onward('s2', 'partner', 'agent', '2024-02-14T00:00:00Z'),
      // The broker gets s3 from the courier, s2 from the partner, and s4 from a vendor the breach does not reach.
      onward('s3', 'courier', 'broker', '2024-02-16T00:00:00Z'),
      onward('s2', 'partner', 'broker', '2024-02-17T00:00:00Z'),
      acquire('s4', ['email'], '2024-01-12T00:00:00Z', 'vendor'),
      onward('s4', 'vendor', 'broker', '2024-02-18T00:00:00Z'),
      b,
    );
    const parties = await receivingParties(rm.db, b);
    expect(parties).toEqual(await receivingPartiesFromHoldings(rm.db, b));
    expect(parties.filter((p) => p.party === 'agent' || p.party === 'broker').map((p) => [p.party, p.via, p.subjects, p.firstAt])).toEqual([
      ['agent', 'courier', 2, '2024-02-10T00:00:00.000Z'],
      ['broker', 'courier', 2, '2024-02-16T00:00:00.000Z'],
    ]);
    expect(await partyAggregates(rm.db, b.breachId)).toEqual(await partyAggregatesFromProvisions(rm.db, b.breachId));

    // Reported late: s1 was erased at the shop before the window (it leaves the breach, with the agent's
    // earliest dates and the only name the partner passed on); the courier passes s3's name on to the agent after the breach.
    await ingest(erase('s1', ['email', 'name'], '2024-02-20T00:00:00Z'), onward('s3', 'courier', 'agent', '2024-04-05T00:00:00Z', ['name']));
    const later = await receivingParties(rm.db, b);
    expect(later).toEqual(await receivingPartiesFromHoldings(rm.db, b));
    expect(later.filter((p) => p.party === 'agent').map((p) => [p.via, p.items, p.subjects, p.firstAt, p.lastAt])).toEqual([
      ['courier', ['email', 'name'], 2, '2024-02-14T00:00:00.000Z', '2024-04-05T00:00:00.000Z'],
    ]);
    expect(await partyAggregates(rm.db, b.breachId)).toEqual(await partyAggregatesFromProvisions(rm.db, b.breachId));

    const incremental = await dumpReadModel(rm.db);
    await rebuildReadModel(rm, store, { batchSize: 3 });
    expect(await dumpReadModel(rm.db)).toEqual(incremental);
  });

  it('lists a subject held for several controllers with its controllers, items and acquiring events in a fixed order, whatever order they were acquired in', async () => {
    const acquired = (id: string, controller: string, item: string): AshiatoEvent => ({
      type: 'DataAcquired',
      eventId: id,
      occurredAt: '2024-01-01T00:00:00.000Z',
      controller,
      subjectRef: 's-two',
      items: [item],
      source: { kind: 'subject' },
      holder: 'courier',
    });
    // Every controller's data at the courier: no controller named on the breach.
    const b: BreachDeclared = { ...breach('b-two'), items: ['name', 'phone'] };
    delete b.controller;
    await ingest(acquired('00000000-0000-4000-8000-00000000000b', 'shop', 'name'), b, acquired('00000000-0000-4000-8000-00000000000a', 'club', 'phone'));
    const expected = {
      subjectRef: 's-two',
      controllers: ['club', 'shop'],
      items: ['name', 'phone'],
      eventIds: ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'],
    };
    expect((await affectedSubjects(rm.db, b)).items).toEqual([expected]);
    await rebuildReadModel(rm, store, { batchSize: 1 });
    expect((await affectedSubjects(rm.db, b)).items).toEqual([expected]);
  });

  it('counts 1,200 subjects once each, whatever their items, and names the party the courier passed them on to', async () => {
    const events: AshiatoEvent[] = [publish(testPolicy('1'), '2024-01-01T00:00:00Z')];
    for (let i = 0; i < 1_200; i++) {
      const s = `s-${String(i).padStart(4, '0')}`;
      const items = i % 3 === 0 ? ['email'] : ['email', 'name'];
      events.push(acquire(s, items, '2024-01-10T00:00:00Z'), provide(s, 'courier', items, '2024-02-01T00:00:00Z', 'entrustment'));
      if (i < 10) events.push({ ...provide(s, 'partner', ['email'], '2024-02-05T00:00:00Z'), holder: 'courier' } as AshiatoEvent);
    }
    const b = breach('b-1200');
    await ingest(...events, b);
    const counts = await breachCounts(rm.db, b);
    expect([counts.subjects, counts.withAnyOf(['email']), counts.withAnyOf(['name'])]).toEqual([1_200, 1_200, 800]);
    expect(await receivingParties(rm.db, b)).toEqual([
      { party: 'partner', via: 'courier', items: ['email'], subjects: 10, firstAt: '2024-02-05T00:00:00.000Z', lastAt: '2024-02-05T00:00:00.000Z' },
    ]);
    expect((await everyRef(rm, b)).length).toBe(1_200);
  }, 60_000);
});
