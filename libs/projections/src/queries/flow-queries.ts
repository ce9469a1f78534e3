import type { FlowJudgement, SubjectEvent, Verdict, ViolationCode } from '@ashiato/domain';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { explainBackdatedPolicies } from './backdated-policies';
import { decodeFlowEvent } from '../projectors/flow-event-codec';
import { decodeCursor, pageLimit, parseJson, toPage, utc, type Page, type PageRequest } from './pagination';

export interface FlowFilter {
  verdict?: Verdict;
  code?: ViolationCode;
  controller?: string;
  subjectRef?: string;
  /** Inclusive bounds on occurredAt. */
  from?: string;
  to?: string;
  /** Event types; by default the judged ones (DataAcquired, DataUsed, DataProvided). */
  types?: SubjectEvent['type'][];
}

export interface FlowView {
  eventId: string;
  position: number;
  type: SubjectEvent['type'];
  occurredAt: string;
  controller: string;
  subjectRef: string;
  holder: string | null;
  recipient: string | null;
  items: string[];
  purposes: string[];
  basis: string | null;
  policyVersion: string | null;
  verdict: Verdict | null;
  codes: ViolationCode[];
}

const JUDGED: SubjectEvent['type'][] = ['DataAcquired', 'DataUsed', 'DataProvided'];
type FlowQuery = SelectQueryBuilder<ReadModelDatabase, 'flows', object>;

function filtered(db: Kysely<ReadModelDatabase>, f: FlowFilter): FlowQuery {
  let q: FlowQuery = db.selectFrom('flows').where('type', 'in', f.types?.length ? f.types : JUDGED);
  if (f.verdict) q = q.where('verdict', '=', f.verdict);
  if (f.controller) q = q.where('controller', '=', f.controller);
  if (f.subjectRef) q = q.where('subject_ref', '=', f.subjectRef);
  if (f.from) q = q.where('occurred_at', '>=', utc(f.from)!);
  if (f.to) q = q.where('occurred_at', '<=', utc(f.to)!);
  if (f.code) {
    const code = f.code;
    q = q.where('event_id', 'in', (eb) => eb.selectFrom('violations').select('event_id').where('code', '=', code));
  }
  return q;
}

/** Flows newest first (by log position), with their verdict against the policy in force when they happened. */
export async function listFlows(db: Kysely<ReadModelDatabase>, f: FlowFilter = {}, page: PageRequest = {}): Promise<Page<FlowView>> {
  const limit = pageLimit(page);
  const after = decodeCursor<number>(page.cursor, 'number');
  let q = filtered(db, f).selectAll();
  if (after !== undefined) q = q.where('position', '<', after);
  const rows = await q
    .orderBy('position', 'desc')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, toFlowView, (r) => Number(r.position));
}

export async function countFlows(db: Kysely<ReadModelDatabase>, f: FlowFilter = {}): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

type FlowRow = ReadModelDatabase['flows'];

export function toFlowView(r: FlowRow): FlowView {
  return {
    eventId: r.event_id,
    position: Number(r.position),
    type: r.type as SubjectEvent['type'],
    occurredAt: r.occurred_at,
    controller: r.controller,
    subjectRef: r.subject_ref,
    holder: r.holder,
    recipient: r.recipient,
    items: parseJson<string[]>(r.items) ?? [],
    purposes: parseJson<string[]>(r.purposes) ?? [],
    basis: r.basis,
    policyVersion: r.policy_version,
    verdict: r.verdict as Verdict | null,
    codes: parseJson<ViolationCode[]>(r.codes) ?? [],
  };
}

/** One subject event with the judgement the projection gave it (the shape lineage reports are built from). */
export interface SubjectFact {
  event: SubjectEvent;
  position: number;
  judgement?: FlowJudgement;
}

/**
 * Every event of one subject (all controllers) in log order, up to `asOf` (occurredAt) if given, with
 * verdicts and violation messages: the input of `buildLineage` in one indexed read.
 */
export async function subjectFacts(db: Kysely<ReadModelDatabase>, subjectRef: string, asOf?: string): Promise<SubjectFact[]> {
  let q = db.selectFrom('flows').selectAll().where('subject_ref', '=', subjectRef);
  if (asOf) q = q.where('occurred_at', '<=', utc(asOf)!);
  const [rows, violations] = await Promise.all([
    q.orderBy('position').execute(),
    db
      .selectFrom('violations')
      .select(['event_id', 'code', 'message', 'items', 'controller', 'occurred_at', 'position'])
      .where('subject_ref', '=', subjectRef)
      .orderBy('position')
      .execute(),
  ]);
  await explainBackdatedPolicies(db, violations);
  const byEvent = new Map<string, FlowJudgement['violations']>();
  for (const v of violations) {
    const list = byEvent.get(v.event_id) ?? [];
    list.push({ code: v.code as ViolationCode, message: v.message, ...(v.items ? { items: JSON.parse(v.items) as string[] } : {}) });
    byEvent.set(v.event_id, list);
  }
  return rows.map((r) => ({
    event: decodeFlowEvent(r),
    position: Number(r.position),
    judgement: r.verdict ? { verdict: r.verdict as Verdict, violations: byEvent.get(r.event_id) ?? [] } : undefined,
  }));
}
