import { assertNever, type SubjectEvent } from '../events/events';
import { emptySubjectState, evolveSubject, heldAmong, holdingMoves, type SubjectState } from '../flows/subject-state';
import type { FlowJudgement } from '../flows/violations';
import type { PolicyDocument } from '../policy/policy';
import { openErasureObligations, acknowledge } from './erasure-obligations';
import type { ConsentFact, ControllerLineage, ErasureObligation, HolderTier, HoldingFact, LineageReport, PartyRef } from './lineage-report';

/** One subject event as read models hold it, with the judgement the flows projection gave it. */
export interface LineageFact {
  event: SubjectEvent;
  /** Global log position; orders facts that occurred at the same instant. */
  position?: number;
  judgement?: FlowJudgement;
}

export interface LineageInput {
  subjectRef: string;
  asOf: string;
  generatedAt: string;
  facts: LineageFact[];
  /** The policy version in force at asOf, per controller. */
  policies: Record<string, PolicyDocument | undefined>;
}

export function party(id: string, policy: PolicyDocument | undefined, controller: string): PartyRef {
  if (id === controller) return { id, name: policy?.name, relation: 'controller', address: policy?.address, declared: true };
  const r = policy?.recipients.find((x) => x.id === id);
  if (!r) return { id, declared: false };
  return { id, name: r.name, country: r.country, relation: r.relation, address: r.address, declared: true };
}

function emptyController(controller: string, policy: PolicyDocument | undefined): ControllerLineage {
  return {
    controller,
    name: policy?.name,
    regime: policy?.regime,
    address: policy?.address,
    policyVersion: policy?.version,
    items: [],
    acquisitions: [],
    uses: [],
    provisions: [],
    erasures: [],
    consents: [],
    terms: policy && {
      purposes: policy.purposes.map((p) => ({ id: p.id, label: p.label, items: p.items })),
      recipients: policy.recipients.map((r) => party(r.id, policy, controller)),
      retention: policy.retention.map((r) => ({ items: r.items, rule: r.rule, label: r.label })),
    },
  };
}

interface Fold {
  lineage: ControllerLineage;
  policy?: PolicyDocument;
  /** The controller's subject state, folded by evolveSubject as the projections fold it: who holds what, consents. */
  state: SubjectState;
  /** holder -> item -> the open holding interval. */
  open: Record<string, Record<string, HoldingFact>>;
  holdings: HoldingFact[];
  tiers: Map<string, HolderTier>;
}

const NEXT_TIER: Record<HolderTier, HolderTier> = { controller: 'recipient', recipient: 'onward', onward: 'onward' };

/** What an event does to holdings: whose, which items, and (when it can start a holding) from where. */
interface HoldingMove {
  holder: string;
  items: string[];
  from?: HoldingFact['acquiredFrom'];
}

function holdingMove(e: SubjectEvent): HoldingMove | undefined {
  switch (e.type) {
    case 'DataAcquired':
      return { holder: e.holder ?? e.controller, items: e.items, from: { kind: 'source', source: e.source } };
    case 'DataProvided':
      return { holder: e.recipient, items: e.items, from: { kind: 'provision', provider: e.holder ?? e.controller } };
    case 'DataErased':
      return { holder: e.holder ?? e.controller, items: e.items };
    default:
      return undefined;
  }
}

/** Opens and closes the holder's intervals as the subject state moved (holdingMoves). */
function moveHoldings(f: Fold, e: SubjectEvent, move: HoldingMove, before: string[]): void {
  const { holder, from } = move;
  const { opened, closed } = holdingMoves(move.items, before, f.state.holdings[holder]);
  const byItem = (f.open[holder] ??= {});
  if (from && !f.tiers.has(holder)) {
    const provider = from.kind === 'provision' ? f.tiers.get(from.provider) : undefined;
    f.tiers.set(holder, holder === f.lineage.controller ? 'controller' : NEXT_TIER[provider ?? 'controller']);
  }
  for (const item of from ? opened : []) {
    const h: HoldingFact = {
      item,
      holder: party(holder, f.policy, f.lineage.controller),
      tier: f.tiers.get(holder)!,
      from: e.occurredAt,
      acquiredFrom: from!,
      eventIds: [e.eventId],
    };
    byItem[item] = h;
    f.holdings.push(h);
  }
  for (const item of closed) {
    const h = byItem[item];
    if (!h) continue;
    h.to = e.occurredAt;
    h.eventIds.push(e.eventId);
    delete byItem[item];
  }
}

/** Applies one event: the subject state moves first, the report's facts follow from it. */
function apply(f: Fold, e: SubjectEvent, j: FlowJudgement | undefined): void {
  const move = holdingMove(e);
  const obligations = e.type === 'DataErased' ? openErasureObligations(e, f.state) : [];
  const before = move ? heldAmong(f.state, move.holder, move.items) : [];
  evolveSubject(f.state, e);
  if (move) moveHoldings(f, e, move, before);
  record(f, e, j, obligations);
}

function record(f: Fold, e: SubjectEvent, j: FlowJudgement | undefined, obligations: ErasureObligation[]): void {
  const l = f.lineage;
  const verdict = j?.verdict;
  const violations = j?.violations ?? [];
  switch (e.type) {
    case 'DataAcquired': {
      const holder = e.holder ?? e.controller;
      l.acquisitions.push({
        at: e.occurredAt,
        holder,
        items: e.items,
        source: e.source,
        purposes: e.purposes ?? [],
        verdict,
        violations,
        eventIds: [e.eventId],
      });
      return;
    }
    case 'DataUsed':
      l.uses.push({
        at: e.occurredAt,
        holder: e.holder ?? e.controller,
        items: e.items,
        purposes: e.purposes,
        exception: e.exception,
        verdict,
        violations,
        eventIds: [e.eventId],
      });
      return;
    case 'DataProvided': {
      const from = e.holder ?? e.controller;
      l.provisions.push({
        at: e.occurredAt,
        from,
        to: party(e.recipient, f.policy, e.controller),
        items: e.items,
        purposes: e.purposes,
        basis: e.basis,
        consentRef: e.consentRef,
        verdict,
        violations,
        eventIds: [e.eventId],
      });
      return;
    }
    case 'DataErased': {
      const holder = e.holder ?? e.controller;
      acknowledge(l.erasures, holder, e.items, e.occurredAt, e.eventId, f.state);
      l.erasures.push({ at: e.occurredAt, holder, items: e.items, reason: e.reason, obligations, eventIds: [e.eventId] });
      return;
    }
    case 'ConsentGiven':
    case 'ConsentWithdrawn':
      // Consents are read from the subject state once the fold is done (consentsOf).
      return;
    default:
      assertNever(e);
  }
}

function order(a: LineageFact, b: LineageFact): number {
  const t = Date.parse(a.event.occurredAt) - Date.parse(b.event.occurredAt);
  return t !== 0 ? t : (a.position ?? 0) - (b.position ?? 0);
}

/** Folds a subject's facts up to `asOf` into the report. Facts after `asOf` are ignored. */
export function buildLineage(input: LineageInput): LineageReport {
  const cutoff = Date.parse(input.asOf);
  const facts = input.facts.filter((f) => f.event.subjectRef === input.subjectRef && Date.parse(f.event.occurredAt) <= cutoff).sort(order);
  const folds = new Map<string, Fold>();
  for (const { event, judgement } of facts) {
    let f = folds.get(event.controller);
    if (!f) {
      const policy = input.policies[event.controller];
      f = { lineage: emptyController(event.controller, policy), policy, state: emptySubjectState(), open: {}, holdings: [], tiers: new Map() };
      folds.set(event.controller, f);
    }
    apply(f, event, judgement);
  }
  const controllers = [...folds.values()].map((f) => ({ ...f.lineage, items: itemsOf(f), consents: consentsOf(f.state) }));
  return { subjectRef: input.subjectRef, asOf: input.asOf, generatedAt: input.generatedAt, controllers, eventIds: facts.map((f) => f.event.eventId) };
}

/** The consents as evolveSubject kept them: each with the withdrawal that reached it first. */
function consentsOf(state: SubjectState): ConsentFact[] {
  return state.consents.map((c) => ({
    givenAt: c.givenAt,
    purposes: c.purposes,
    recipients: c.recipients,
    items: c.items,
    ...(c.withdrawnAt ? { withdrawnAt: c.withdrawnAt } : {}),
    eventIds: c.withdrawnBy ? [c.eventId, c.withdrawnBy] : [c.eventId],
  }));
}

function itemsOf(f: Fold): ControllerLineage['items'] {
  const ids = [...new Set(f.holdings.map((h) => h.item))];
  return ids.map((id) => {
    const def = f.policy?.items.find((i) => i.id === id);
    const holdings = f.holdings.filter((h) => h.item === id);
    return {
      item: id,
      label: def?.label,
      category: def?.category,
      sensitive: def?.sensitive,
      heldBy: holdings.filter((h) => !h.to).map((h) => h.holder.id),
      holdings,
    };
  });
}
