import { assertNever, type SubjectEvent } from '../events/events';
import { withdrawalReaches } from '../flows/subject-state';
import type { FlowJudgement } from '../flows/violations';
import type { PolicyDocument } from '../policy/policy';
import { openErasureObligations, acknowledge } from './erasure-obligations';
import type { ControllerLineage, HolderTier, HoldingFact, LineageReport, PartyRef } from './lineage-report';

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
  /** holder -> item -> the open holding interval (the shape erasure rules read as `holdings`). */
  open: Record<string, Record<string, HoldingFact>>;
  holdings: HoldingFact[];
  tiers: Map<string, HolderTier>;
}

const NEXT_TIER: Record<HolderTier, HolderTier> = { controller: 'recipient', recipient: 'onward', onward: 'onward' };

function startHolding(f: Fold, holder: string, items: string[], at: string, eventId: string, from: HoldingFact['acquiredFrom']): void {
  const byItem = (f.open[holder] ??= {});
  if (!f.tiers.has(holder)) {
    const provider = from.kind === 'provision' ? f.tiers.get(from.provider) : undefined;
    f.tiers.set(holder, holder === f.lineage.controller ? 'controller' : NEXT_TIER[provider ?? 'controller']);
  }
  for (const item of items) {
    if (byItem[item]) continue; // already held: the interval keeps its first acquisition
    const h: HoldingFact = { item, holder: party(holder, f.policy, f.lineage.controller), tier: f.tiers.get(holder)!, from: at, acquiredFrom: from, eventIds: [eventId] };
    byItem[item] = h;
    f.holdings.push(h);
  }
}

function endHolding(f: Fold, holder: string, items: string[], at: string, eventId: string): void {
  const byItem = f.open[holder];
  for (const item of items) {
    const h = byItem?.[item];
    if (!h) continue;
    h.to = at;
    h.eventIds.push(eventId);
    delete byItem[item];
  }
}

function apply(f: Fold, e: SubjectEvent, j: FlowJudgement | undefined): void {
  const l = f.lineage;
  const verdict = j?.verdict;
  const violations = j?.violations ?? [];
  switch (e.type) {
    case 'DataAcquired': {
      const holder = e.holder ?? e.controller;
      startHolding(f, holder, e.items, e.occurredAt, e.eventId, { kind: 'source', source: e.source });
      l.acquisitions.push({ at: e.occurredAt, holder, items: e.items, source: e.source, purposes: e.purposes ?? [], verdict, violations, eventIds: [e.eventId] });
      return;
    }
    case 'DataUsed':
      l.uses.push({ at: e.occurredAt, holder: e.holder ?? e.controller, items: e.items, purposes: e.purposes, exception: e.exception, verdict, violations, eventIds: [e.eventId] });
      return;
    case 'DataProvided': {
      const from = e.holder ?? e.controller;
      startHolding(f, e.recipient, e.items, e.occurredAt, e.eventId, { kind: 'provision', provider: from });
      l.provisions.push({
        at: e.occurredAt, from, to: party(e.recipient, f.policy, e.controller), items: e.items, purposes: e.purposes,
        basis: e.basis, consentRef: e.consentRef, verdict, violations, eventIds: [e.eventId],
      });
      return;
    }
    case 'DataErased': {
      const holder = e.holder ?? e.controller;
      const obligations = openErasureObligations(e, { holdings: f.open });
      endHolding(f, holder, e.items, e.occurredAt, e.eventId);
      acknowledge(l.erasures, holder, e.items, e.occurredAt, e.eventId, { holdings: f.open });
      l.erasures.push({ at: e.occurredAt, holder, items: e.items, reason: e.reason, obligations, eventIds: [e.eventId] });
      return;
    }
    case 'ConsentGiven':
      l.consents.push({ givenAt: e.occurredAt, purposes: e.purposes, recipients: e.recipients, items: e.items, eventIds: [e.eventId] });
      return;
    case 'ConsentWithdrawn': {
      for (const c of l.consents) {
        if (!c.withdrawnAt && withdrawalReaches(e, c)) {
          c.withdrawnAt = e.occurredAt;
          c.eventIds.push(e.eventId);
        }
      }
      return;
    }
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
      f = { lineage: emptyController(event.controller, policy), policy, open: {}, holdings: [], tiers: new Map() };
      folds.set(event.controller, f);
    }
    apply(f, event, judgement);
  }
  const controllers = [...folds.values()].map((f) => ({ ...f.lineage, items: itemsOf(f) }));
  return { subjectRef: input.subjectRef, asOf: input.asOf, generatedAt: input.generatedAt, controllers, eventIds: facts.map((f) => f.event.eventId) };
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
