import type { BreachDeclared, BreachReported, SubjectsNotified } from '@ashiato/domain';
import type { BreachState } from '@ashiato/domain/breach';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { offsetOf, pageLimit, toOffsetPage, type Page, type PageRequest } from './pagination';

/** One breach as declared, with the reports and notifications recorded since (the domain's BreachState). */
export async function breachState(db: Kysely<ReadModelDatabase>, breachId: string): Promise<BreachState | undefined> {
  const declared = await db.selectFrom('breaches').select('event').where('breach_id', '=', breachId).executeTakeFirst();
  if (!declared) return undefined;
  const facts = await db.selectFrom('breach_facts').select(['type', 'event']).where('breach_id', '=', breachId).orderBy('position').execute();
  return {
    declared: JSON.parse(declared.event) as BreachDeclared,
    reports: facts.filter((f) => f.type === 'BreachReported').map((f) => JSON.parse(f.event) as BreachReported),
    notifications: facts.filter((f) => f.type === 'SubjectsNotified').map((f) => JSON.parse(f.event) as SubjectsNotified),
  };
}

export interface BreachSummary {
  breachId: string;
  eventId: string;
  holder: string;
  controller: string | null;
  items: string[];
  window: { from: string; to: string };
  discoveredAt: string;
  cause: string | null;
}

/** Declared breaches, most recently discovered first. */
export async function listBreaches(db: Kysely<ReadModelDatabase>, page: PageRequest = {}): Promise<Page<BreachSummary>> {
  const limit = pageLimit(page);
  const offset = offsetOf(page);
  const rows = await db
    .selectFrom('breaches')
    .selectAll()
    .orderBy('discovered_at', 'desc')
    .orderBy('breach_id')
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return toOffsetPage(rows, limit, offset, (r) => ({
    breachId: r.breach_id,
    eventId: r.event_id,
    holder: r.holder,
    controller: r.controller,
    items: JSON.parse(r.items) as string[],
    window: { from: r.window_from, to: r.window_to },
    discoveredAt: r.discovered_at,
    cause: r.cause,
  }));
}
