import type { ViolationCode } from '@ashiato/domain';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { explainBackdatedPolicies } from './backdated-policies';
import { offsetOf, pageLimit, parseJson, toOffsetPage, utc, type Page, type PageRequest } from './pagination';

export interface ViolationFilter {
  code?: ViolationCode;
  controller?: string;
  subjectRef?: string;
  from?: string;
  to?: string;
}

export interface ViolationView {
  eventId: string;
  position: number;
  code: ViolationCode;
  /** The party at fault: the acting holder of the flow, or the recipient that did not erase. */
  holder: string;
  controller: string;
  subjectRef: string;
  occurredAt: string;
  message: string;
  items: string[];
}

type ViolationQuery = SelectQueryBuilder<ReadModelDatabase, 'violations', object>;

function filtered(db: Kysely<ReadModelDatabase>, f: ViolationFilter): ViolationQuery {
  let q: ViolationQuery = db.selectFrom('violations');
  if (f.code) q = q.where('code', '=', f.code);
  if (f.controller) q = q.where('controller', '=', f.controller);
  if (f.subjectRef) q = q.where('subject_ref', '=', f.subjectRef);
  if (f.from) q = q.where('occurred_at', '>=', utc(f.from)!);
  if (f.to) q = q.where('occurred_at', '<=', utc(f.to)!);
  return q;
}

/**
 * Violations by when the flow happened, latest first (not by when it was ingested: a late batch of old
 * events must not push today's violations down); ERASURE_NOT_PROPAGATED rows carry the controller's
 * erasure eventId.
 */
export async function listViolations(db: Kysely<ReadModelDatabase>, f: ViolationFilter = {}, page: PageRequest = {}): Promise<Page<ViolationView>> {
  const limit = pageLimit(page);
  const offset = offsetOf(page);
  const rows = await filtered(db, f)
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('position', 'desc')
    .orderBy('event_id')
    .orderBy('code')
    .orderBy('holder')
    .limit(limit + 1)
    .offset(offset)
    .execute();
  await explainBackdatedPolicies(db, rows);
  return toOffsetPage(rows, limit, offset, (r) => ({
    eventId: r.event_id,
    position: Number(r.position),
    code: r.code as ViolationCode,
    holder: r.holder,
    controller: r.controller,
    subjectRef: r.subject_ref,
    occurredAt: r.occurred_at,
    message: r.message,
    items: parseJson<string[]>(r.items) ?? [],
  }));
}

export async function countViolations(db: Kysely<ReadModelDatabase>, f: ViolationFilter = {}): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Violations counted per code and controller (dashboards). */
export async function countViolationsByCode(
  db: Kysely<ReadModelDatabase>,
  f: ViolationFilter = {},
): Promise<{ code: ViolationCode; controller: string; count: number }[]> {
  const rows = await filtered(db, f)
    .select(['code', 'controller', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['code', 'controller'])
    .orderBy('code')
    .orderBy('controller')
    .execute();
  return rows.map((r) => ({ code: r.code as ViolationCode, controller: r.controller, count: Number(r.n) }));
}
