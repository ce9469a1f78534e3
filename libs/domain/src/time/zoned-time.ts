import type { Regime } from '../policy/policy';

/**
 * The offset a regime's answers are written in, in minutes east of UTC. APPI and APPI-public read in
 * Japan time (+09:00, no daylight saving). GDPR deadlines are written in UTC: the 72 hours run from an
 * instant and the supervisory authority may sit in any EEA time zone, so UTC is the one unambiguous zone.
 */
export const REGIME_OFFSET_MINUTES: Record<Regime, number> = { APPI: 540, 'APPI-public': 540, GDPR: 0 };

/** The zone's name as the answers state it. */
export const REGIME_TIME_ZONE: Record<Regime, string> = { APPI: 'Asia/Tokyo', 'APPI-public': 'Asia/Tokyo', GDPR: 'UTC' };

const MINUTE = 60_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An instant as ISO 8601 with the given offset, to the millisecond: `2026-04-07T23:59:59.999+09:00` (`Z` for UTC). */
export function isoAtOffset(instant: string | number | Date, offsetMinutes: number): string {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError('not an instant');
  const local = new Date(ms + offsetMinutes * MINUTE);
  const body = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}`;
  if (offsetMinutes === 0) return `${body}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${body}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant written in a regime's offset. */
export function isoInRegime(instant: string | number | Date, regime: Regime): string {
  return isoAtOffset(instant, REGIME_OFFSET_MINUTES[regime]);
}

const ZONE_ABBREVIATION: Record<Regime, string> = { APPI: 'JST', 'APPI-public': 'JST', GDPR: 'UTC' };

/** An instant for a person to read: in the regime's zone, to the minute, the zone named (`2026-04-07 23:59 JST`). */
export function humanTimeInRegime(instant: string | number | Date, regime: Regime): string {
  const iso = isoAtOffset(instant, REGIME_OFFSET_MINUTES[regime]);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} ${ZONE_ABBREVIATION[regime]}`;
}
