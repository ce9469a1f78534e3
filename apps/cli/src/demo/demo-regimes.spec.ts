import {
  emptySubjectState,
  evaluateFlow,
  evolveSubject,
  fixedClock,
  isSubjectEvent,
  type PolicyDocument,
  type Regime,
  type SubjectState,
} from '@ashiato/domain';
import { SqliteEventStore } from '@ashiato/event-store';
import { createProjections, ProjectionEngine } from '@ashiato/projections';
import { appendEvents, BreachReader, publishPolicy } from '@ashiato/application';
import { generateDemoBreaches } from './demo-breaches';
import { generateDemoHistory } from './generate-history';
import { loadDemoPolicies, loadSeedPolicies } from './load-seed-policies';

jest.setTimeout(120_000);

/** The demo as `ashiato demo` builds it: the five seed policies, the demo's GDPR controller, a history and the breaches. */
describe('the demo, under every regime', () => {
  const until = new Date('2026-10-01T00:00:00Z');
  const policies: PolicyDocument[] = [...loadSeedPolicies(), ...loadDemoPolicies()];
  const regimeOf = new Map(policies.map((p) => [p.controller, p.regime]));
  let store: SqliteEventStore;
  let projections: Awaited<ReturnType<typeof createProjections>>;

  beforeAll(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    projections = await createProjections(store, { url: 'sqlite::memory:' });
    for (const p of policies) await publishPolicy(store, p, fixedClock('2020-01-01T00:00:00Z'));
    await appendEvents(store, [...generateDemoHistory(policies, { subjects: 1800, until }), ...generateDemoBreaches(until)]);
    await new ProjectionEngine(projections.readModel).catchUp(store);
  });
  afterAll(async () => {
    await projections.close();
    await store.close();
  });

  it('loads a GDPR controller written for the demo and marked as not from a seed, beside the APPI and APPI-public seeds', () => {
    const demo = loadDemoPolicies();
    expect(demo.map((p) => [p.controller, p.regime])).toEqual([['demo-eu-travel', 'GDPR']]);
    expect(demo[0].name).toContain('not from a seed');
    expect(new Set(policies.map((p) => p.regime))).toEqual(new Set<Regime>(['APPI', 'APPI-public', 'GDPR']));
    // Processors in the US with and without safeguards, in the UK and in Japan.
    const processors = demo[0].recipients.filter((r) => r.relation === 'entrustee').map((r) => [r.country, Boolean(r.equivalentSystem)]);
    expect(processors).toEqual(
      expect.arrayContaining([
        ['US', true],
        ['US', false],
        ['GB', false],
        ['JP', false],
      ]),
    );
  });

  it('judges the GDPR controller in GDPR terms: a few violations, none citing APPI or an opt-out', async () => {
    const db = projections.readModel.db;
    const flows = await db.selectFrom('flows').select(['verdict']).where('controller', '=', 'demo-eu-travel').where('verdict', 'is not', null).execute();
    const violating = flows.filter((f) => f.verdict === 'violation').length;
    expect(flows.length - violating).toBeGreaterThan(violating * 5);
    const violations = await db.selectFrom('violations').select(['code', 'message']).where('controller', '=', 'demo-eu-travel').execute();
    const codes = new Set(violations.map((v) => v.code));
    for (const code of ['CROSS_BORDER_NO_BASIS', 'RETENTION_EXCEEDED', 'PURPOSE_UNDECLARED']) expect([code, codes.has(code)]).toEqual([code, true]);
    const abroad = violations.filter((v) => v.code === 'CROSS_BORDER_NO_BASIS');
    expect(abroad.every((v) => v.message.includes('example-analytics-us in US') && v.message.includes('Art. 49'))).toBe(true);
    expect(violations.filter((v) => /APPI|opt-out/.test(v.message))).toEqual([]);
  });

  it('answers the GDPR breach at the UK processor with the Art. 33 72-hour clock and a GDPR draft, never an APPI trigger', async () => {
    const breaches = new BreachReader(projections.queries, projections.readModel, fixedClock(until));
    const answer = await breaches.answer('demo-eu-support-mailbox', { limit: 10 });
    expect(answer.regimes).toEqual(['GDPR']);
    expect(answer.affected.subjects).toBeGreaterThan(0);
    expect(answer.reportability.reportable).toBe(true);
    expect(answer.reportability.triggers.map((t) => t.article).join(' ')).not.toContain('APPI');
    const clock = answer.clocks.find((c) => c.kind === 'gdpr-authority');
    expect(clock).toMatchObject({ regime: 'GDPR', timeZone: 'UTC' });
    expect(Date.parse(clock!.dueAt!) - Date.parse(answer.declared.discoveredAt)).toBe(72 * 3_600_000);
    expect(answer.draftReport?.regime).toBe('GDPR');
    // Every regime has a breach in the demo.
    const regimes = await Promise.all((await projections.queries.listBreaches()).items.map(async (b) => (await breaches.summary(b.breachId)).regimes));
    expect(new Set(regimes.flat())).toEqual(new Set(['APPI', 'APPI-public', 'GDPR']));
  });

  it('keeps, for every provision, the APPI Art. 29 record the verdict was decided with', async () => {
    const db = projections.readModel.db;
    const provisions = await db
      .selectFrom('flows')
      .select(['event_id', 'subject_ref', 'controller', 'verdict', 'codes'])
      .where('type', '=', 'DataProvided')
      .execute();
    const records = new Map((await db.selectFrom('provision_records').select(['event_id', 'basis', 'record_required']).execute()).map((r) => [r.event_id, r]));
    expect(provisions.length).toBeGreaterThan(500);
    expect(records.size).toBe(provisions.length);

    // Judge each provision again from its subject's history, as the domain decides it once.
    const judged = new Map<string, { verdict: string; codes: string[]; required: boolean; basis: string | null }>();
    for (const subject of new Set(provisions.map((p) => p.subject_ref))) {
      const states = new Map<string, SubjectState>();
      for (const fact of await projections.queries.subjectFacts(subject)) {
        const e = fact.event;
        if (!isSubjectEvent(e)) continue;
        const state = states.get(e.controller) ?? emptySubjectState();
        if (e.type === 'DataProvided') {
          const policy = (await projections.queries.policyInForce(e.controller, e.occurredAt))?.document;
          const j = evaluateFlow(e, policy, state);
          judged.set(e.eventId, { verdict: j.verdict, codes: j.violations.map((v) => v.code), required: j.record!.required, basis: j.record!.basis });
        }
        states.set(e.controller, evolveSubject(state, e));
      }
    }

    const disagreements: string[] = [];
    for (const p of provisions) {
      const record = records.get(p.event_id)!;
      const again = judged.get(p.event_id)!;
      const required = record.record_required === 1;
      const regime = regimeOf.get(p.controller);
      const codes = JSON.parse(p.codes ?? '[]') as string[];
      // The stored verdict and record are the one decision the domain makes.
      if (again.verdict !== p.verdict || again.codes.join() !== codes.join() || again.required !== required || again.basis !== record.basis)
        disagreements.push(`${p.event_id}: stored and judged differ`);
      // An allowed provision names the basis that made it lawful.
      if (p.verdict === 'allowed' && record.basis === null) disagreements.push(`${p.event_id}: allowed without a basis`);
      // Art. 29 binds APPI businesses only; for them an exempt record means a provision lawful without consent (Art. 27(1), 27(5)).
      if (regime && regime !== 'APPI' && required) disagreements.push(`${p.event_id}: ${regime} provision with an Art. 29 record`);
      if (regime === 'APPI' && !required) {
        if (!['statutory', 'entrustment', 'jointUse', 'businessSuccession'].includes(record.basis ?? ''))
          disagreements.push(`${p.event_id}: exempt with basis ${record.basis}`);
        if (codes.includes('CONSENT_MISSING') || codes.includes('CROSS_BORDER_NO_BASIS'))
          disagreements.push(`${p.event_id}: exempt but judged without a basis`);
      }
    }
    expect(disagreements).toEqual([]);
    // The demo exercises both sides of Art. 29: records kept and records exempt.
    const appi = provisions.filter((p) => regimeOf.get(p.controller) === 'APPI').map((p) => records.get(p.event_id)!.record_required);
    expect(new Set(appi)).toEqual(new Set([0, 1]));
  });
});
