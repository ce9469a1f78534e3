import type { ExpectedVersion } from './event-store.port';

/** -1 means "no stream": the version of a stream's last event before it has any. */
export const NO_STREAM_VERSION = -1;

/** Whether a stream whose last event has version `actual` meets the writer's expectation. */
export function satisfiesExpectedVersion(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === NO_STREAM_VERSION;
  return expected === actual;
}
