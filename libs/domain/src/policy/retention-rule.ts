/**
 * Retention rules (PolicyDocument.retention[].rule), machine-readable:
 * - `until-erasure`: kept until an erasure event, no fixed limit;
 * - `P3Y` (ISO-8601 duration): counted from the holder's acquisition of the item;
 * - `P3Y-inactivity`: counted from the last event touching the subject.
 */
export type ParsedRetentionRule =
  { kind: 'until-erasure' } | { kind: 'fromAcquisition'; duration: RetentionDuration } | { kind: 'fromLastActivity'; duration: RetentionDuration };

export interface RetentionDuration {
  years: number;
  months: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function parseDuration(text: string): RetentionDuration | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const n = (i: number): number => (m[i] ? Number(m[i]) : 0);
  return { years: n(1), months: n(2), days: n(3) * 7 + n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

export function parseRetentionRule(rule: string): ParsedRetentionRule | undefined {
  if (rule === 'until-erasure') return { kind: 'until-erasure' };
  const inactivity = rule.endsWith('-inactivity');
  const duration = parseDuration(inactivity ? rule.slice(0, -'-inactivity'.length) : rule);
  if (!duration) return undefined;
  return inactivity ? { kind: 'fromLastActivity', duration } : { kind: 'fromAcquisition', duration };
}

export function isRetentionRule(rule: string): boolean {
  return parseRetentionRule(rule) !== undefined;
}

/** Adds a calendar duration to an instant (UTC calendar arithmetic; months clamp like Date does). */
export function addDuration(fromIso: string, d: RetentionDuration): Date {
  const t = new Date(fromIso);
  t.setUTCFullYear(t.getUTCFullYear() + d.years, t.getUTCMonth() + d.months, t.getUTCDate() + d.days);
  t.setUTCHours(t.getUTCHours() + d.hours, t.getUTCMinutes() + d.minutes, t.getUTCSeconds() + d.seconds);
  return t;
}
