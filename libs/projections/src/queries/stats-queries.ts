import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { countErasures } from './erasure-queries';

export interface OverviewStats {
  /** Position of the last projected event. */
  projectedPosition: number;
  eventsByType: Record<string, number>;
  /** Judged flows per UTC day of occurrence. */
  flowsByDay: { day: string; allowed: number; violation: number }[];
  violationsByCode: { code: string; controller: string; count: number }[];
  /** `open` counts every obligation not yet confirmed, overdue ones included; `overdue` is the part of them past their deadline. */
  erasures: { open: number; overdue: number; done: number };
  breaches: number;
}

/** Dashboard aggregates, read from counters the projection keeps (no scan of flows or violations). */
export async function overviewStats(db: Kysely<ReadModelDatabase>, now: string, projection = 'read-model'): Promise<OverviewStats> {
  const [stats, checkpoint, erasures, breaches] = await Promise.all([
    db.selectFrom('stats').selectAll().execute(),
    db.selectFrom('checkpoints').select('position').where('projection', '=', projection).executeTakeFirst(),
    Promise.all((['open', 'overdue', 'done'] as const).map((status) => countErasures(db, { status }, now))),
    db
      .selectFrom('breaches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  ]);
  const out: OverviewStats = {
    projectedPosition: Number(checkpoint?.position ?? 0),
    eventsByType: {},
    flowsByDay: [],
    violationsByCode: [],
    erasures: { open: 0, overdue: 0, done: 0 },
    breaches: Number(breaches?.n ?? 0),
  };
  const days = new Map<string, { day: string; allowed: number; violation: number }>();
  for (const s of stats) {
    const count = Number(s.count);
    if (s.metric === 'events') out.eventsByType[s.dim1] = count;
    else if (s.metric === 'violations') out.violationsByCode.push({ code: s.dim1, controller: s.dim2, count });
    else if (s.metric === 'flows') {
      const day = days.get(s.dim1) ?? { day: s.dim1, allowed: 0, violation: 0 };
      if (s.dim2 === 'allowed' || s.dim2 === 'violation') day[s.dim2] += count;
      days.set(s.dim1, day);
    }
  }
  out.flowsByDay = [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  out.violationsByCode.sort((a, b) => a.code.localeCompare(b.code) || a.controller.localeCompare(b.controller));
  const [open, overdue, done] = erasures;
  out.erasures = { open: open + overdue, overdue, done };
  return out;
}
