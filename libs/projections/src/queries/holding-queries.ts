import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { decodeCursor, offsetOf, pageLimit, toOffsetPage, toPage, utc, type Page, type PageRequest } from './pagination';

export interface HoldingFilter {
  holder?: string;
  item?: string;
  subjectRef?: string;
  controller?: string;
  /** The instant; defaults to now. */
  asOf?: string;
}

export interface HoldingView {
  subjectRef: string;
  controller: string;
  holder: string;
  item: string;
  from: string;
  /** When the holding ended (erasure); null while still held. */
  to: string | null;
  /** The acquisition or provision that started the holding. */
  eventId: string;
  endedEventId: string | null;
  source: { kind: string; name?: string; from?: string };
}

type HoldingQuery = SelectQueryBuilder<ReadModelDatabase, 'holdings', object>;

/**
 * The eventId of the acquisition or provision that opened a holding: the flows row at the holding's
 * position (its key), one lookup per row read, rather than a 36-character copy in each of ≈ 2.3 holdings per event.
 */
export function acquiredEventId(eb: ExpressionBuilder<ReadModelDatabase, 'holdings'>) {
  return eb.selectFrom('flows').select('flows.event_id').whereRef('flows.position', '=', 'holdings.position').$asScalar().$notNull().as('acquired_event_id');
}

function asOfQuery(db: Kysely<ReadModelDatabase>, f: HoldingFilter, now: string): HoldingQuery {
  const at = utc(f.asOf) ?? now;
  let q: HoldingQuery = db
    .selectFrom('holdings')
    .where('from_at', '<=', at)
    .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', at)]));
  if (f.holder) q = q.where('holder', '=', f.holder);
  if (f.item) q = q.where('item', '=', f.item);
  if (f.subjectRef) q = q.where('subject_ref', '=', f.subjectRef);
  if (f.controller) q = q.where('controller', '=', f.controller);
  return q;
}

/** Who held what at one instant: intervals with from ≤ asOf < to (or still open). */
export async function holdingsAsOf(db: Kysely<ReadModelDatabase>, f: HoldingFilter, now: string, page: PageRequest = {}): Promise<Page<HoldingView>> {
  const limit = pageLimit(page);
  const offset = offsetOf(page);
  const rows = await asOfQuery(db, f, now)
    .selectAll()
    .select(acquiredEventId)
    .orderBy('subject_ref')
    .orderBy('controller')
    .orderBy('holder')
    .orderBy('item')
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return toOffsetPage(rows, limit, offset, toHoldingView);
}

export async function countHoldingsAsOf(db: Kysely<ReadModelDatabase>, f: HoldingFilter, now: string): Promise<number> {
  const row = await asOfQuery(db, f, now)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function toHoldingView(r: ReadModelDatabase['holdings'] & { acquired_event_id: string }): HoldingView {
  return {
    subjectRef: r.subject_ref,
    controller: r.controller,
    holder: r.holder,
    item: r.item,
    from: r.from_at,
    to: r.to_at,
    eventId: r.acquired_event_id,
    endedEventId: r.ended_event_id,
    source: JSON.parse(r.source) as HoldingView['source'],
  };
}

export interface HoldingWindow {
  holder: string;
  items: string[];
  /** Inclusive window, e.g. a breach's. */
  from: string;
  to: string;
  controller?: string;
}

function duringQuery(db: Kysely<ReadModelDatabase>, w: HoldingWindow): HoldingQuery {
  let q: HoldingQuery = db
    .selectFrom('holdings')
    .where('holder', '=', w.holder)
    .where('item', 'in', w.items.length ? w.items : [''])
    .where('from_at', '<=', utc(w.to)!)
    .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>=', utc(w.from)!)]));
  if (w.controller) q = q.where('controller', '=', w.controller);
  return q;
}

export interface AffectedSubject {
  subjectRef: string;
  controllers: string[];
  items: string[];
  /** The events that put the items with the holder. */
  eventIds: string[];
}

/** Subjects whose items the holder held at any time inside the window (breach blast radius), by subjectRef. */
export async function subjectsHoldingDuring(db: Kysely<ReadModelDatabase>, w: HoldingWindow, page: PageRequest = {}): Promise<Page<AffectedSubject>> {
  const limit = pageLimit(page);
  const after = decodeCursor<string>(page.cursor, 'string');
  let keys = duringQuery(db, w).select('subject_ref').distinct();
  if (after !== undefined) keys = keys.where('subject_ref', '>', after);
  const subjects = await keys
    .orderBy('subject_ref')
    .limit(limit + 1)
    .execute();
  const refs = subjects.slice(0, limit).map((s) => s.subject_ref);
  const rows = refs.length
    ? await duringQuery(db, w).select(['subject_ref', 'controller', 'item', acquiredEventId]).where('subject_ref', 'in', refs).execute()
    : [];
  const bySubject = groupAffected(refs, rows);
  return toPage(
    subjects,
    limit,
    (s) => bySubject.get(s.subject_ref)!,
    (s) => s.subject_ref,
  );
}

/**
 * One AffectedSubject per ref from its holding rows. Controllers, items and acquiring event ids are
 * sorted: the rows come in whatever order the index SQLite or PostgreSQL chose, and the same breach
 * must read the same way every time (the page is what a notification list and an audit copy show).
 */
export function groupAffected(
  refs: readonly string[],
  rows: readonly { subject_ref: string; controller: string; item: string; acquired_event_id: string }[],
): Map<string, AffectedSubject> {
  const sets = new Map(refs.map((r) => [r, { controllers: new Set<string>(), items: new Set<string>(), eventIds: new Set<string>() }]));
  for (const r of rows) {
    const s = sets.get(r.subject_ref);
    if (!s) continue;
    s.controllers.add(r.controller);
    s.items.add(r.item);
    s.eventIds.add(r.acquired_event_id);
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return new Map(
    [...sets].map(([subjectRef, s]) => [subjectRef, { subjectRef, controllers: sorted(s.controllers), items: sorted(s.items), eventIds: sorted(s.eventIds) }]),
  );
}

export async function countSubjectsHoldingDuring(db: Kysely<ReadModelDatabase>, w: HoldingWindow): Promise<number> {
  const row = await duringQuery(db, w)
    .select((eb) => eb.fn.count<number>('subject_ref').distinct().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Affected subjects per item (a subject counts once per item). */
export async function countSubjectsHoldingDuringByItem(db: Kysely<ReadModelDatabase>, w: HoldingWindow): Promise<{ item: string; subjects: number }[]> {
  const rows = await duringQuery(db, w)
    .select(['item', (eb) => eb.fn.count<number>('subject_ref').distinct().as('n')])
    .groupBy('item')
    .orderBy('item')
    .execute();
  return rows.map((r) => ({ item: r.item, subjects: Number(r.n) }));
}
