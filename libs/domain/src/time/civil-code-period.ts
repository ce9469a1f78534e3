/**
 * Periods in days under the Japanese Civil Code (民法), which APPI periods follow:
 * - Art. 140: a period in days starting from a moment does not count its first day (初日不算入), unless
 *   the period begins at the very start of that day (00:00).
 * - Art. 141: the period ends when its last day ends (末日の終了).
 * - Art. 142: the extension to the next day when the last day is a holiday applies only where it is
 *   customary not to transact on such days; Ashiato does not extend (the earlier, safer deadline).
 * - Art. 143: weeks, months and years follow the calendar; no APPI breach period uses them.
 * Days are Japan days (UTC+09:00, no daylight saving).
 */
export const JAPAN_OFFSET_MINUTES = 540;

const DAY = 86_400_000;
const OFFSET_MS = JAPAN_OFFSET_MINUTES * 60_000;

export interface DayPeriod {
  /** First counted day, as a Japan calendar date `YYYY-MM-DD`. */
  firstDay: string;
  /** Last counted day, as a Japan calendar date. */
  lastDay: string;
  /** The last instant of the period (the end of the last day, Japan time), as epoch milliseconds. */
  endsAt: number;
  basis: string;
}

const dateOf = (localMidnightMs: number) => new Date(localMidnightMs).toISOString().slice(0, 10);

/** The period of `days` days counted from the moment `from` (an ISO 8601 instant). */
export function periodInDays(from: string, days: number): DayPeriod {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be a positive integer');
  const local = new Date(from).getTime() + OFFSET_MS;
  if (Number.isNaN(local)) throw new RangeError('not an instant');
  const startOfDay = Math.floor(local / DAY) * DAY;
  const atMidnight = local === startOfDay;
  const first = atMidnight ? startOfDay : startOfDay + DAY;
  const last = first + (days - 1) * DAY;
  return {
    firstDay: dateOf(first),
    lastDay: dateOf(last),
    endsAt: last + DAY - 1 - OFFSET_MS,
    basis: atMidnight
      ? `${days} days from the start of the day, first day counted (Civil Code Arts. 140 proviso, 141)`
      : `${days} days, first day not counted, ending at the end of the last day, Japan time (Civil Code Arts. 140, 141)`,
  };
}
