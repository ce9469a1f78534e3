/**
 * One clock for people: every instant a person reads is shown in the time zone of the controller's
 * regime, to the minute, with the zone named ("2026-08-09 22:37 JST"). Pure Intl, no Node APIs, so
 * the dashboard, the HTML reports and the CLI share this one function.
 */
import type { Regime } from '../policy/policy';

/** An IANA zone and the name shown after the time. */
export interface DisplayZone {
  timeZone: string;
  name: string;
}

export const JST: DisplayZone = { timeZone: 'Asia/Tokyo', name: 'JST' };
export const UTC: DisplayZone = { timeZone: 'UTC', name: 'UTC' };

/**
 * The zone a controller's times are shown in: Japan Standard Time for APPI (private and public
 * sector), UTC for a GDPR controller, unless the policy names its own zone.
 */
export function zoneForRegime(regime: Regime | string | undefined, timeZone?: string): DisplayZone {
  if (timeZone) return zoneNamed(timeZone);
  return regime === 'APPI' || regime === 'APPI-public' ? JST : UTC;
}

/** A zone by IANA name, shown by its usual abbreviation (JST, UTC, CET…) or its offset. */
export function zoneNamed(timeZone: string): DisplayZone {
  if (timeZone === 'Asia/Tokyo') return JST;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return UTC;
  return { timeZone, name: '' };
}

/**
 * The zone to use when no controller is at hand (the audit trail, a breach of every controller):
 * the one zone every known regime shares, else UTC.
 */
export function commonZone(regimes: readonly (Regime | string | undefined)[]): DisplayZone {
  const zones = new Set(regimes.map((r) => zoneForRegime(r).timeZone));
  return zones.size === 1 ? zoneForRegime(regimes[0]) : UTC;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * `2026-08-09 22:37 JST`: the instant in `zone`, to the minute (seconds are cut, not rounded), the
 * zone named. `—` for a missing or unreadable instant.
 */
export function formatInstant(iso: string | Date | null | undefined, zone: DisplayZone = UTC): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const d = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const parts: Record<string, string> = {};
  for (const p of formatter(zone.timeZone).formatToParts(d)) parts[p.type] = p.value;
  const name = zone.name || parts.timeZoneName || zone.timeZone;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${name}`;
}

/** `2026-08-09 JST`: the calendar day of the instant in `zone`. */
export function formatDay(iso: string | Date | null | undefined, zone: DisplayZone = UTC): string {
  const full = formatInstant(iso, zone);
  return full === '—' ? full : `${full.slice(0, 10)} ${full.slice(17)}`;
}
