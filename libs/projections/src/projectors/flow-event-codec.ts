import type { SubjectEvent } from '@ashiato/domain';
import type { FlowsTable } from '../db/read-model.types';

/** Fields an acquisition, use, provision or erasure keeps in flows columns rather than in `detail`. */
const IN_COLUMNS = new Set(['type', 'eventId', 'occurredAt', 'controller', 'subjectRef', 'items', 'purposes', 'recipient', 'basis']);

/**
 * The part of a subject event its flows columns do not already hold, as JSON: a row stays about half
 * as wide as with the whole event, which is what a rebuild spends most of its time writing.
 * `decodeFlowEvent` gives back an equal event. A consent's `items` are optional and the items column
 * cannot tell an absent list from an empty one, so a consent keeps its items (when it has them) in
 * the detail.
 */
export function encodeFlowDetail(e: SubjectEvent, occurredAtUtc: string): string {
  const rest: Record<string, unknown> = {};
  const fields = e as unknown as Record<string, unknown>;
  const consent = e.type === 'ConsentGiven' || e.type === 'ConsentWithdrawn';
  // for…in rather than Object.entries: no [key, value] array per field, once per event of the log.
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined && (!IN_COLUMNS.has(key) || (consent && key === 'items')) && Object.prototype.hasOwnProperty.call(fields, key)) rest[key] = value;
  }
  if (e.occurredAt !== occurredAtUtc) rest.occurredAt = e.occurredAt;
  return JSON.stringify(rest);
}

type FlowColumns = Pick<
  FlowsTable,
  'event_id' | 'type' | 'occurred_at' | 'controller' | 'subject_ref' | 'items' | 'purposes' | 'recipient' | 'basis' | 'event'
>;

export function decodeFlowEvent(row: FlowColumns): SubjectEvent {
  const detail = JSON.parse(row.event) as Record<string, unknown>;
  const event: Record<string, unknown> = {
    eventId: row.event_id,
    type: row.type,
    occurredAt: row.occurred_at,
    controller: row.controller,
    subjectRef: row.subject_ref,
  };
  // A consent's items are in its detail, if it has any (see encodeFlowDetail).
  if (row.type !== 'ConsentGiven' && row.type !== 'ConsentWithdrawn') event.items = JSON.parse(row.items);
  if (row.purposes !== null) event.purposes = JSON.parse(row.purposes);
  if (row.recipient !== null) event.recipient = row.recipient;
  if (row.basis !== null) event.basis = row.basis;
  return Object.assign(event, detail) as unknown as SubjectEvent;
}
