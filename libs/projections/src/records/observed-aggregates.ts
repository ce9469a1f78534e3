import { flowFacts, MAX_EVENT_IDS, type DataAcquired, type DataProvided, type DataUsed, type ObservedAggregate } from '@ashiato/domain';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { decodeFlowEvent } from '../projectors/flow-event-codec';
import type { PolicyVersion } from '../projectors/policy-book';

const JUDGED = ['DataAcquired', 'DataUsed', 'DataProvided'];
const BATCH = 2_000;

interface Accumulator extends Omit<ObservedAggregate, 'subjects'> {
  subjectRefs: Set<string>;
}

export interface ObservedFlows {
  aggregates: ObservedAggregate[];
  /** Acquisitions, uses and provisions in the period. */
  flows: number;
  /** Those judged with no policy version in force (POLICY_MISSING): not compared. */
  flowsWithoutPolicy: number;
}

/**
 * The version a flow was judged by: the one its row names (`policy_version`), as published before the
 * flow was recorded — what the projection's PolicyBook had in force then. A version published later and
 * back-dated before the flow does not count, exactly as for the flow's verdict.
 */
function judgedBy(versions: readonly PolicyVersion[], version: string | null, position: number): PolicyVersion | undefined {
  if (version === null) return undefined;
  let best: PolicyVersion | undefined;
  for (const v of versions) if (v.version === version && v.position < position && (!best || v.position > best.position)) best = v;
  return best;
}

/**
 * What a controller's recorded acquisitions, uses and provisions in [from, to] show, per recipient,
 * purpose, item and destination country, each split by whether the policy version the flow was judged
 * by declared it. Streams the flows table in occurredAt order; memory grows with the distinct facts and
 * the subjects behind each, not with the flows.
 */
export async function observedAggregates(
  db: Kysely<ReadModelDatabase>,
  versions: readonly PolicyVersion[],
  controller: string,
  from: string,
  to: string,
): Promise<ObservedFlows> {
  const acc = new Map<string, Accumulator>();
  let flows = 0;
  let flowsWithoutPolicy = 0;
  let after: { at: string; position: number } | undefined;
  for (;;) {
    let q = db
      .selectFrom('flows')
      .selectAll()
      .where('controller', '=', controller)
      .where('type', 'in', JUDGED)
      .where('occurred_at', '>=', from)
      .where('occurred_at', '<=', to);
    if (after) {
      const { at, position } = after;
      q = q.where((eb) => eb.or([eb('occurred_at', '>', at), eb.and([eb('occurred_at', '=', at), eb('position', '>', position)])]));
    }
    const rows = await q.orderBy('occurred_at').orderBy('position').limit(BATCH).execute();
    for (const row of rows) {
      flows++;
      const policy = judgedBy(versions, row.policy_version, Number(row.position))?.document;
      if (!policy) {
        flowsWithoutPolicy++;
        continue;
      }
      const event = decodeFlowEvent(row) as DataAcquired | DataUsed | DataProvided;
      for (const fact of flowFacts(event, policy)) {
        const key = JSON.stringify([fact.kind, fact.id, fact.party ?? null, fact.declared]);
        let a = acc.get(key);
        if (!a) {
          a = {
            kind: fact.kind,
            id: fact.id,
            ...(fact.party ? { party: fact.party } : {}),
            declaredWhenObserved: fact.declared,
            flows: 0,
            subjectRefs: new Set(),
            violations: 0,
            firstSeen: row.occurred_at,
            lastSeen: row.occurred_at,
            eventIds: [],
          };
          acc.set(key, a);
        }
        a.flows++;
        a.subjectRefs.add(row.subject_ref);
        if (row.verdict === 'violation') a.violations++;
        a.lastSeen = row.occurred_at;
        if (a.eventIds.length < MAX_EVENT_IDS) a.eventIds.push(row.event_id);
      }
    }
    if (rows.length < BATCH) break;
    const last = rows[rows.length - 1];
    after = { at: last.occurred_at, position: Number(last.position) };
  }
  const aggregates = [...acc.values()].map(({ subjectRefs, ...a }) => ({ ...a, subjects: subjectRefs.size }));
  return { aggregates, flows, flowsWithoutPolicy };
}
