import { CONSENT_RECORD_CONTEXT, consentRecords, type SubjectEvent } from '@ashiato/domain';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { PolicyBook } from '../projectors/policy-book';
import { decodeFlowEvent } from '../projectors/flow-event-codec';
import { policyHistory } from './policy-queries';

/**
 * One subject's consent records, every controller, as a JSON-LD document (ISO/IEC TS 27560 in W3C
 * DPV: vocabularies/consent-records.ts), each judged with the policy version in force when it was given.
 */
export async function subjectConsentRecords(
  db: Kysely<ReadModelDatabase>,
  subjectRef: string,
): Promise<{ '@context': typeof CONSENT_RECORD_CONTEXT; '@graph': Record<string, unknown>[] }> {
  const rows = await db
    .selectFrom('flows')
    .selectAll()
    .where('subject_ref', '=', subjectRef)
    .where('type', 'in', ['ConsentGiven', 'ConsentWithdrawn'])
    .orderBy('position')
    .execute();
  const byController = new Map<string, SubjectEvent[]>();
  for (const row of rows) {
    const events = byController.get(row.controller) ?? [];
    events.push(decodeFlowEvent(row));
    byController.set(row.controller, events);
  }
  const graph: Record<string, unknown>[] = [];
  for (const [controller, events] of [...byController].sort(([a], [b]) => a.localeCompare(b))) {
    const book = new PolicyBook();
    for (const v of await policyHistory(db, controller)) book.add(v);
    graph.push(...consentRecords({ controller, subjectRef, events, policyAt: (at) => book.inForce(controller, new Date(at).toISOString())?.document }));
  }
  return { '@context': CONSENT_RECORD_CONTEXT, '@graph': graph };
}
