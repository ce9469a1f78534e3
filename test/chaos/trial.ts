/** What one SIGKILL trial found. Every count but `ackedEvents` must be 0. */
export interface TrialResult {
  mode: 'ingest' | 'rebuild';
  seed: number;
  /** Where the kill landed: `ingest` (batches in flight), `projecting` (all answered, projection behind), `idle` (nothing running); rebuild mode: `rebuild`, or `finished` when the rebuild was done first. */
  killedDuring: string;
  ackedEvents: number;
  lost: number;
  partialBatches: number;
  /** Read model after restart and catch-up (or after the re-run rebuild) unlike a fresh rebuild of the log. */
  readModelDiff?: string;
  /** Anything else that must not happen: a chain broken by the crash, a failed restart or rebuild. */
  error?: string;
  /** Rebuild mode: what the killed rebuild left in place of the read model (`old` or `new`: never a mix). */
  leftBehind?: 'old' | 'new' | 'mix' | 'n/a';
  millis: number;
}

export const failed = (t: TrialResult) =>
  t.lost > 0 || t.partialBatches > 0 || t.readModelDiff !== undefined || t.error !== undefined || t.leftBehind === 'mix';
