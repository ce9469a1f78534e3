import type { PolicyDocument } from '../policy/policy';
import { isRestrictedTransfer } from '../flows/transfer-regions';
import type { Observable, ObservableKind, RecordForm, RecordLine } from './record-form';

/** What the log shows about one recipient, purpose, item or country in a period, as the projection aggregates it. */
export interface ObservedAggregate extends Observable {
  /** Whether the policy in force at each of these flows declared it (aggregates never mix both). */
  declaredWhenObserved: boolean;
  flows: number;
  subjects: number;
  /** Flows among them recorded with a violation (of any code). */
  violations: number;
  firstSeen: string;
  lastSeen: string;
  /** The first event ids, oldest first (at most MAX_EVENT_IDS). */
  eventIds: string[];
}

export const MAX_EVENT_IDS = 20;

export const LINE_STATUSES = ['declared+observed', 'declared-not-observed', 'observed-not-declared', 'not-observable'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

export const DRIFT_REASONS = ['undeclared-when-observed', 'not-in-this-record'] as const;
export type DriftReason = (typeof DRIFT_REASONS)[number];

export type Observed = Omit<ObservedAggregate, keyof Observable | 'declaredWhenObserved'>;

export interface AnnotatedLine extends RecordLine {
  status: LineStatus;
  observed?: Observed;
  /**
   * For an observed-not-declared line: `undeclared-when-observed` (the policy in force at each flow did
   * not declare it, as the flows' verdicts say) or `not-in-this-record` (declared then, dropped since).
   */
  reason?: DriftReason;
}

export interface CountryTransfers {
  country: string;
  flows: number;
  subjects: number;
  /** A transfer the regime restricts (APPI Art. 28 / 71, GDPR Chapter V), unless to the public at large. */
  restricted: boolean;
  /** A recipient in this country is declared in the record's policy. */
  declared: boolean;
}

export interface DriftedRecord {
  lines: AnnotatedLine[];
  transfers: CountryTransfers[];
}

const FIELD_OF: Record<ObservableKind, string> = {
  recipient: 'recipients',
  purpose: 'purposes',
  item: 'personalDataCategories',
  country: 'thirdCountryTransfers',
};
const KIND_ORDER: ObservableKind[] = ['purpose', 'item', 'recipient', 'country'];

/**
 * Each line of the record annotated with what the log shows in the period: declared and observed,
 * declared but never observed, and — appended per kind — what was observed but not declared, either
 * under the policy in force when it happened or in this record. Countries declared in the record
 * without a line of their own (domestic, or inside the EEA for the GDPR) are not drift. Transfers by
 * country count every provision to a declared recipient, by its country then.
 */
export function compareDeclaredObserved(form: RecordForm, policy: PolicyDocument, observed: readonly ObservedAggregate[]): DriftedRecord {
  const byKey = new Map<string, ObservedAggregate>();
  for (const a of observed) if (a.declaredWhenObserved && !a.party) byKey.set(`${a.kind}\u0000${a.id}`, a);
  const used = new Set<ObservedAggregate>();
  const lines: AnnotatedLine[] = form.lines.map((line) => {
    if (!line.observable) return { ...line, status: 'not-observable' };
    const a = byKey.get(`${line.observable.kind}\u0000${line.observable.id}`);
    if (!a) return { ...line, status: 'declared-not-observed' };
    used.add(a);
    return { ...line, status: 'declared+observed', observed: counts(a) };
  });
  const declaredCountries = new Set(policy.recipients.map((r) => r.country));
  const drift = observed
    .filter((a) => !used.has(a) && !(a.kind === 'country' && declaredCountries.has(a.id)))
    .sort(
      (a, b) =>
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        Number(a.declaredWhenObserved) - Number(b.declaredWhenObserved) ||
        a.id.localeCompare(b.id) ||
        (a.party ?? '').localeCompare(b.party ?? ''),
    );
  for (const a of drift) {
    lines.push({
      article: form.lines.find((l) => l.observable?.kind === a.kind)?.article ?? '',
      field: form.lines.find((l) => l.observable?.kind === a.kind)?.field ?? FIELD_OF[a.kind],
      value: describe(a),
      observable: { kind: a.kind, id: a.id, ...(a.party ? { party: a.party } : {}) },
      status: 'observed-not-declared',
      reason: a.declaredWhenObserved ? 'not-in-this-record' : 'undeclared-when-observed',
      observed: counts(a),
    });
  }
  const transfers = observed
    .filter((a) => a.kind === 'country')
    .map((a) => ({
      country: a.id,
      flows: a.flows,
      subjects: a.subjects,
      restricted: isRestrictedTransfer(policy.regime, a.id),
      declared: declaredCountries.has(a.id),
    }))
    .sort((a, b) => b.flows - a.flows || a.country.localeCompare(b.country));
  return { lines, transfers };
}

function counts(a: ObservedAggregate): Observed {
  return {
    flows: a.flows,
    subjects: a.subjects,
    violations: a.violations,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    eventIds: a.eventIds.slice(0, MAX_EVENT_IDS),
  };
}

function describe(a: ObservedAggregate): string {
  if (a.kind === 'purpose' && !a.id) return 'flows naming no purpose';
  if (a.kind === 'purpose' && a.party) return `${a.id}, used by or provided to ${a.party}, which is not declared for it`;
  return a.id;
}
