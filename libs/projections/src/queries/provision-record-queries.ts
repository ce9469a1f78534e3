import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { offsetOf, pageLimit, toOffsetPage, utc, type Page, type PageRequest } from './pagination';

export interface ProvisionRecordFilter {
  controller?: string;
  subjectRef?: string;
  from?: string;
  to?: string;
  /** Only the records APPI Art. 29 requires (default: all provisions). */
  requiredOnly?: boolean;
}

/** An APPI Art. 29 provision record (Rules Art. 20 items) and the end of its retention (Rules Art. 21). */
export interface ProvisionRecordView {
  eventId: string;
  occurredAt: string;
  controller: string;
  provider: string;
  subjectRef: string;
  recipient: { id: string; name: string; address: string | null; country: string | null; relation: string | null };
  items: string[];
  purposes: string[];
  basis: string | null;
  consentRef: string | null;
  /** The consent behind the provision: the reference given and the consent events in force. */
  consent: { consentRef?: string; consentEventIds: string[] } | null;
  recordRequired: boolean;
  retentionUntil: string;
}

type RecordQuery = SelectQueryBuilder<ReadModelDatabase, 'provision_records', object>;

function filtered(db: Kysely<ReadModelDatabase>, f: ProvisionRecordFilter): RecordQuery {
  let q: RecordQuery = db.selectFrom('provision_records');
  if (f.controller) q = q.where('controller', '=', f.controller);
  if (f.subjectRef) q = q.where('subject_ref', '=', f.subjectRef);
  if (f.from) q = q.where('occurred_at', '>=', utc(f.from)!);
  if (f.to) q = q.where('occurred_at', '<=', utc(f.to)!);
  if (f.requiredOnly) q = q.where('record_required', '=', 1);
  return q;
}

export async function listProvisionRecords(
  db: Kysely<ReadModelDatabase>,
  f: ProvisionRecordFilter = {},
  page: PageRequest = {},
): Promise<Page<ProvisionRecordView>> {
  const limit = pageLimit(page);
  const offset = offsetOf(page);
  const rows = await filtered(db, f)
    .selectAll()
    .orderBy('occurred_at')
    .orderBy('position')
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return toOffsetPage(rows, limit, offset, (r) => ({
    eventId: r.event_id,
    occurredAt: r.occurred_at,
    controller: r.controller,
    provider: r.provider,
    subjectRef: r.subject_ref,
    recipient: { id: r.recipient_id, name: r.recipient_name, address: r.recipient_address, country: r.recipient_country, relation: r.recipient_relation },
    items: JSON.parse(r.items) as string[],
    purposes: JSON.parse(r.purposes) as string[],
    basis: r.basis,
    consentRef: r.consent_ref,
    consent: r.consent ? (JSON.parse(r.consent) as ProvisionRecordView['consent']) : null,
    recordRequired: Number(r.record_required) === 1,
    retentionUntil: r.retention_until,
  }));
}

export async function countProvisionRecords(db: Kysely<ReadModelDatabase>, f: ProvisionRecordFilter = {}): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
