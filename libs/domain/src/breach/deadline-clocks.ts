import type { BreachReportKind, BreachReported, SubjectsNotified } from '../events/events';
import type { Regime } from '../policy/policy';
import type { Clock } from '../time/clock';
import type { Reportability } from './reportability';

/**
 * The legal clocks a breach starts, all counted from `discoveredAt` (when the business became aware,
 * 知った時点):
 * - APPI preliminary report (Rules Art. 8(1), 速報): "promptly". The PPC guidelines read that as about
 *   3–5 days; we aim at 3 days (`targetAt`) and treat 5 days as the deadline (`dueAt`), because only
 *   missing the outer bound of the guidance is plainly late.
 * - APPI final report (Rules Art. 8(2), 確報): 30 days, 60 days when an improper purpose (Art. 7(iii))
 *   is involved, since attacks take longer to investigate.
 * - GDPR Art. 33: 72 hours to the supervisory authority, for GDPR-regime controllers.
 * - Notifying the persons (APPI Art. 26(2), GDPR Art. 34): "promptly" with no fixed period, so that
 *   clock is tracked open/closed but never overdue.
 * APPI-public (administrative organs, Art. 68) follows the same Rules-based periods.
 */
export type ClockKind = BreachReportKind | 'subject-notification';

export interface DeadlineClock {
  kind: ClockKind;
  regime: 'APPI' | 'GDPR';
  legalBasis: string;
  startedAt: string;
  /** The aim, earlier than the deadline (APPI preliminary: 3 days). */
  targetAt?: string;
  /** The deadline; absent when the law sets no fixed period. */
  dueAt?: string;
  status: 'open' | 'closed';
  /** Still open after `dueAt` at the clock's now. */
  overdue: boolean;
  /** Closed, but after `dueAt`. */
  closedLate: boolean;
  closedAt?: string;
  closedByEventId?: string;
}

export interface DeadlineInput {
  discoveredAt: string;
  regimes: Regime[];
  reportability: Reportability;
  reports: Pick<BreachReported, 'eventId' | 'occurredAt' | 'report'>[];
  notifications: Pick<SubjectsNotified, 'eventId' | 'occurredAt'>[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function plus(iso: string, ms: number): string {
  return new Date(new Date(iso).getTime() + ms).toISOString();
}

interface ClockSpec {
  kind: ClockKind;
  regime: 'APPI' | 'GDPR';
  legalBasis: string;
  targetMs?: number;
  dueMs?: number;
}

function specs(input: DeadlineInput): ClockSpec[] {
  const appi = input.regimes.some((r) => r === 'APPI' || r === 'APPI-public');
  const gdpr = input.regimes.includes('GDPR');
  const improper = input.reportability.triggers.some((t) => t.trigger === 'improperPurpose');
  const out: ClockSpec[] = [];
  if (appi && input.reportability.reportable) {
    // Businesses report under Art. 26 and Rules Arts. 7-8; administrative organs under Art. 68 and Rules Arts. 43-44, same periods.
    const article = [input.regimes.includes('APPI') ? 'APPI Art. 26(1)' : '', input.regimes.includes('APPI-public') ? 'APPI Art. 68(1)' : ''].filter(Boolean).join(' / ');
    out.push({ kind: 'appi-preliminary', regime: 'APPI', legalBasis: `${article}; Rules Art. 8(1) (速報, promptly: 3–5 days)`, targetMs: 3 * DAY, dueMs: 5 * DAY });
    out.push({
      kind: 'appi-final',
      regime: 'APPI',
      legalBasis: `${article}; Rules Art. 8(2) (確報, ${improper ? '60 days: improper purpose' : '30 days'})`,
      dueMs: (improper ? 60 : 30) * DAY,
    });
  }
  if (gdpr) out.push({ kind: 'gdpr-authority', regime: 'GDPR', legalBasis: 'GDPR Art. 33(1) (72 hours)', dueMs: 72 * HOUR });
  if ((appi && input.reportability.reportable) || gdpr) {
    out.push({ kind: 'subject-notification', regime: appi && input.reportability.reportable ? 'APPI' : 'GDPR', legalBasis: 'APPI Art. 26(2); GDPR Art. 34 (promptly)' });
  }
  return out;
}

function closingEvent(kind: ClockKind, input: DeadlineInput): { eventId: string; occurredAt: string } | undefined {
  const candidates = kind === 'subject-notification' ? input.notifications : input.reports.filter((r) => r.report === kind);
  return [...candidates].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt))[0];
}

export function computeDeadlineClocks(input: DeadlineInput, clock: Clock): DeadlineClock[] {
  const now = clock.now().getTime();
  return specs(input).map((s) => {
    const dueAt = s.dueMs !== undefined ? plus(input.discoveredAt, s.dueMs) : undefined;
    const closed = closingEvent(s.kind, input);
    const due = dueAt ? Date.parse(dueAt) : undefined;
    return {
      kind: s.kind,
      regime: s.regime,
      legalBasis: s.legalBasis,
      startedAt: new Date(input.discoveredAt).toISOString(),
      ...(s.targetMs !== undefined ? { targetAt: plus(input.discoveredAt, s.targetMs) } : {}),
      ...(dueAt ? { dueAt } : {}),
      status: closed ? 'closed' : 'open',
      overdue: !closed && due !== undefined && now > due,
      closedLate: !!closed && due !== undefined && Date.parse(closed.occurredAt) > due,
      ...(closed ? { closedAt: closed.occurredAt, closedByEventId: closed.eventId } : {}),
    };
  });
}
