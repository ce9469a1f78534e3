import type { BreachReportKind, BreachReported, SubjectsNotified } from '../events/events';
import type { Regime } from '../policy/policy';
import type { Clock } from '../time/clock';
import { isoInRegime, REGIME_TIME_ZONE } from '../time/zoned-time';

/**
 * The legal clocks a breach starts, counted from `discoveredAt` (when the controller became aware,
 * 知った時点). Each regime says which clocks run and when they fall due (regimes/<regime>/breach-*.ts);
 * this file only runs them: open, closed by a filed report or a notification, overdue, closed late.
 * Every instant is written in the regime's offset (+09:00 for APPI, Z for GDPR).
 */
export type ClockKind = BreachReportKind | 'subject-notification';

export interface DeadlineClock {
  kind: ClockKind;
  regime: Regime;
  controller: string;
  legalBasis: string;
  /** `Asia/Tokyo` or `UTC`: the zone of every instant below. */
  timeZone: string;
  startedAt: string;
  /** The aim, earlier than the deadline (APPI preliminary: 3 days). */
  targetAt?: string;
  /** The deadline; absent when the law sets no fixed period ("promptly", "without undue delay"). */
  dueAt?: string;
  /** How the deadline was counted (e.g. Civil Code Arts. 140–141). */
  dueBasis?: string;
  /** Runs although the duty is not established yet (reportability undetermined). */
  provisional: boolean;
  status: 'open' | 'closed';
  /** Still open after `dueAt` at the clock's now. */
  overdue: boolean;
  /** Closed, but after `dueAt`. */
  closedLate: boolean;
  closedAt?: string;
  closedByEventId?: string;
}

/** One clock as a regime defines it; instants as epoch milliseconds. */
export interface ClockSpec {
  kind: ClockKind;
  legalBasis: string;
  targetAt?: number;
  dueAt?: number;
  dueBasis?: string;
}

export interface ClockContext {
  regime: Regime;
  controller: string;
  discoveredAt: string;
  provisional: boolean;
  reports: Pick<BreachReported, 'eventId' | 'occurredAt' | 'report' | 'controller'>[];
  notifications: Pick<SubjectsNotified, 'eventId' | 'occurredAt'>[];
}

function closingEvent(kind: ClockKind, ctx: ClockContext): { eventId: string; occurredAt: string } | undefined {
  const candidates =
    kind === 'subject-notification' ? ctx.notifications : ctx.reports.filter((r) => r.report === kind && (!r.controller || r.controller === ctx.controller));
  return [...candidates].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt))[0];
}

export function runClocks(specs: ClockSpec[], ctx: ClockContext, clock: Clock): DeadlineClock[] {
  const now = clock.now().getTime();
  const at = (ms: number | string) => isoInRegime(ms, ctx.regime);
  return specs.map((s) => {
    const closed = closingEvent(s.kind, ctx);
    return {
      kind: s.kind,
      regime: ctx.regime,
      controller: ctx.controller,
      legalBasis: s.legalBasis,
      timeZone: REGIME_TIME_ZONE[ctx.regime],
      startedAt: at(ctx.discoveredAt),
      ...(s.targetAt !== undefined ? { targetAt: at(s.targetAt) } : {}),
      ...(s.dueAt !== undefined ? { dueAt: at(s.dueAt), ...(s.dueBasis ? { dueBasis: s.dueBasis } : {}) } : {}),
      provisional: ctx.provisional,
      status: closed ? 'closed' : 'open',
      overdue: !closed && s.dueAt !== undefined && now > s.dueAt,
      closedLate: !!closed && s.dueAt !== undefined && Date.parse(closed.occurredAt) > s.dueAt,
      ...(closed ? { closedAt: at(closed.occurredAt), closedByEventId: closed.eventId } : {}),
    };
  });
}
