import type { EventType } from '../events/events';

/** ASHIATO_FUTURE_SKEW's default: how far past the time it was recorded an event may be dated. */
export const DEFAULT_FUTURE_SKEW_MS = 300_000;

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `300s`, `5m`, `2h`, `1d`, `1500ms` → milliseconds (the form of ASHIATO_FUTURE_SKEW); undefined when unreadable. */
export function parseDurationMs(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/i.exec(text);
  return m ? Math.floor(Number(m[1]) * DURATION_UNITS[m[2].toLowerCase()]) : undefined;
}

/** What the projection clock reads of a stored event. */
export interface ClockReading {
  type: EventType;
  /** The event's occurredAt, as UTC ISO-8601. */
  occurredAt: string;
  /** When the log recorded it (from the stored event, never the wall clock: a rebuild reads the same). */
  recordedAt: string;
}

/**
 * The instant a stored event moves the projection's clock to, or null when it does not move it.
 *
 * The clock decides when an erasure deadline has passed (APPI Art. 35, GDPR Arts. 17 and 19:
 * ERASURE_NOT_PROPAGATED). It follows event time, so that a rebuild equals the incremental result, but
 * one event may not move it beyond the time it was recorded plus `futureSkewMs` (the sender's clock
 * skew, ASHIATO_FUTURE_SKEW): an event dated 9999-12-31 would otherwise make every open obligation
 * overdue for good. Audit events (AccessRecorded: someone read the record) say nothing about when
 * personal data moved, so they never move it. The event itself keeps its occurredAt; only the clock
 * is capped.
 */
export function projectionClockReading(event: ClockReading, futureSkewMs: number = DEFAULT_FUTURE_SKEW_MS): string | null {
  if (event.type === 'AccessRecorded') return null;
  // Fast path, nearly every event: recorded after it occurred (both UTC ISO of the same shape).
  if (event.occurredAt.length === 24 && event.recordedAt.length === 24 && event.occurredAt <= event.recordedAt) return event.occurredAt;
  const occurred = Date.parse(event.occurredAt);
  if (Number.isNaN(occurred)) return null;
  const latest = Date.parse(event.recordedAt) + futureSkewMs;
  if (Number.isNaN(latest) || occurred <= latest) return event.occurredAt;
  return new Date(latest).toISOString();
}
