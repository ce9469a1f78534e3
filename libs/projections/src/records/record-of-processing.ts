import { compareDeclaredObserved, recordFormOf, type AnnotatedLine, type CountryTransfers, type Regime } from '@ashiato/domain';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { PolicyBook } from '../projectors/policy-book';
import { policyHistory } from '../queries/policy-queries';
import { observedAggregates } from './observed-aggregates';

/** Without a `from`, the annotations cover the whole recorded history. */
export const RECORD_FROM_DEFAULT = '1970-01-01T00:00:00.000Z';

export interface RecordOfProcessing {
  controller: string;
  regime: Regime;
  title: string;
  /** Whether the law prescribes the record's form (not for APPI businesses). */
  statutory: boolean;
  /** The policy version the record is built from: the one in force at `period.to`. */
  policyVersion: string;
  policyEffectiveFrom: string;
  /** The period the annotations cover, UTC. */
  period: { from: string; to: string };
  flows: number;
  flowsWithoutPolicy: number;
  lines: AnnotatedLine[];
  transfers: CountryTransfers[];
}

/**
 * The controller's record of processing in the form its regime asks for, from the policy in force at
 * `to`, each line annotated with what the recorded flows in [from, to] show (domain: records/).
 * Undefined when no policy of the controller is in force at `to`.
 */
export async function recordOfProcessing(db: Kysely<ReadModelDatabase>, controller: string, from: string, to: string): Promise<RecordOfProcessing | undefined> {
  const versions = await policyHistory(db, controller);
  const book = new PolicyBook();
  for (const v of versions) book.add(v);
  const inForce = book.inForce(controller, to);
  if (!inForce) return undefined;
  const policy = inForce.document;
  const observed = await observedAggregates(db, versions, controller, from, to);
  const form = recordFormOf(policy);
  const { lines, transfers } = compareDeclaredObserved(form, policy, observed.aggregates);
  return {
    controller,
    regime: form.regime,
    title: form.title,
    statutory: form.statutory,
    policyVersion: inForce.version,
    policyEffectiveFrom: inForce.effectiveFrom,
    period: { from, to },
    flows: observed.flows,
    flowsWithoutPolicy: observed.flowsWithoutPolicy,
    lines,
    transfers,
  };
}
