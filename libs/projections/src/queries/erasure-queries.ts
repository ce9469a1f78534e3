import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { offsetOf, pageLimit, toOffsetPage, type Page, type PageRequest } from './pagination';

/** `open`: within its deadline; `overdue`: still open after its deadline (by the query clock); `done`: confirmed. */
export type ErasureStatus = 'open' | 'overdue' | 'done';

export interface ErasureFilter {
  status?: ErasureStatus;
  controller?: string;
  subjectRef?: string;
  holder?: string;
}

export interface ErasureView {
  obligationId: string;
  /** The controller's DataErased that created the obligation. */
  eventId: string;
  controller: string;
  subjectRef: string;
  /** The recipient that must erase. */
  holder: string;
  items: string[];
  erasedAt: string;
  dueAt: string;
  status: ErasureStatus;
  closedAt: string | null;
  /** The recipient's own DataErased that closed it. */
  closedEventId: string | null;
  /** When the projection recorded ERASURE_NOT_PROPAGATED for it (event time), if it did. */
  overdueAt: string | null;
}

type ErasureQuery = SelectQueryBuilder<ReadModelDatabase, 'erasures', object>;

function filtered(db: Kysely<ReadModelDatabase>, f: ErasureFilter, now: string): ErasureQuery {
  let q: ErasureQuery = db.selectFrom('erasures');
  if (f.status === 'done') q = q.where('status', '=', 'done');
  if (f.status === 'open') q = q.where('status', '=', 'open').where('due_at', '>=', now);
  if (f.status === 'overdue') q = q.where('status', '=', 'open').where('due_at', '<', now);
  if (f.controller) q = q.where('controller', '=', f.controller);
  if (f.subjectRef) q = q.where('subject_ref', '=', f.subjectRef);
  if (f.holder) q = q.where('holder', '=', f.holder);
  return q;
}

/** Erasure obligations of recipients, soonest deadline first. */
export async function listErasures(db: Kysely<ReadModelDatabase>, f: ErasureFilter, now: string, page: PageRequest = {}): Promise<Page<ErasureView>> {
  const limit = pageLimit(page);
  const offset = offsetOf(page);
  const rows = await filtered(db, f, now)
    .selectAll()
    .orderBy('due_at')
    .orderBy('obligation_id')
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return toOffsetPage(rows, limit, offset, (r) => ({
    obligationId: r.obligation_id,
    eventId: r.erasure_event_id,
    controller: r.controller,
    subjectRef: r.subject_ref,
    holder: r.holder,
    items: JSON.parse(r.items) as string[],
    erasedAt: r.erased_at,
    dueAt: r.due_at,
    status: r.status === 'done' ? 'done' : r.due_at < now ? 'overdue' : 'open',
    closedAt: r.closed_at,
    closedEventId: r.closed_event_id,
    overdueAt: r.overdue_at,
  }));
}

export async function countErasures(db: Kysely<ReadModelDatabase>, f: ErasureFilter, now: string): Promise<number> {
  const row = await filtered(db, f, now)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
