import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { IngestWarning } from '@ashiato/domain';
import {
  IngestEventsCommand,
  parseNdjsonLines,
  prepareEvents,
  type FieldError,
  type IngestEventsResult,
  type PreparedBatch,
  type SubjectHasher,
} from '@ashiato/application';
import type { OfflineApplication } from '../application-context';

/**
 * - `all-or-nothing` (default): the whole file is validated first; if any line is bad, nothing is
 *   stored and every bad line is reported. Then it is stored in atomic batches.
 * - `skip-invalid`: bad lines are reported and skipped, the valid lines of each batch are stored.
 * - `dry-run`: validate and report only; nothing is stored.
 */
export type IngestMode = 'all-or-nothing' | 'skip-invalid' | 'dry-run';

export interface IngestFileOptions {
  batchSize?: number;
  mode?: IngestMode;
  /** Called with the bytes read so far (for a progress bar) and the pass (`validate` or `store`). */
  onProgress?: (bytesRead: number, totalBytes: number, pass: 'validate' | 'store') => void;
  /** How many rejected-field details to keep for the summary (all are counted). */
  keepErrors?: number;
}

export interface IngestFileSummary {
  mode: IngestMode;
  lines: number;
  accepted: number;
  duplicates: number;
  /** Events (non-blank lines) rejected by validation or as malformed JSON. */
  rejected: number;
  /** True when nothing was stored because of rejected lines (all-or-nothing) or by request (dry-run). */
  storedNothing: boolean;
  /** The first `keepErrors` problems, each with the event index, its 1-based line and the field path. */
  errors: (FieldError & { line: number })[];
  /** Stored events someone should look at (first `keepErrors`), each with its 1-based line. */
  warnings: (IngestWarning & { line: number })[];
  warningCount: number;
  lastPosition: number;
  elapsedMs: number;
  /** Where the event store gives less than atomic batches and global idempotency (EventStoreDB): what it gives. */
  guarantees?: IngestEventsResult['guarantees'];
}

interface Line {
  line: number;
  text: string;
}

/**
 * Streams an NDJSON file of any size into the store in batches, with the API's validation, HMAC
 * pseudonymisation and idempotency: each batch is one IngestEventsCommand, appended atomically (on SQLite and
 * PostgreSQL; on EventStoreDB stream by stream, and the summary names that); re-running the same file stores nothing
 * twice (eventIds), so a run interrupted between batches is finished by running it again.
 */
export async function ingestFile(
  path: string,
  { commands, store }: OfflineApplication,
  hasher: SubjectHasher,
  options: IngestFileOptions = {},
): Promise<IngestFileSummary> {
  const started = Date.now();
  const mode = options.mode ?? 'all-or-nothing';
  const batchSize = options.batchSize ?? 5_000;
  const keep = options.keepErrors ?? 1_000;
  const summary: IngestFileSummary = {
    mode,
    lines: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    storedNothing: false,
    errors: [],
    warnings: [],
    warningCount: 0,
    lastPosition: await store.headPosition(),
    elapsedMs: 0,
  };

  const record = (problems: FieldError[], lineOf: Map<number, number>) => {
    summary.rejected += new Set(problems.map((p) => p.index)).size;
    for (const p of problems) if (summary.errors.length < keep) summary.errors.push({ ...p, line: lineOf.get(p.index!) ?? 0 });
    summary.errors.sort((a, b) => a.line - b.line);
  };

  if (mode !== 'skip-invalid') {
    await eachBatch(
      path,
      batchSize,
      (b) => options.onProgress?.(b.bytes, b.total, 'validate'),
      (batch, first) => {
        const { problems, lineOf } = validateBatch(batch, first, hasher);
        record(problems, lineOf);
      },
      (lines) => (summary.lines = lines),
    );
    if (mode === 'dry-run' || summary.rejected > 0) {
      summary.storedNothing = true;
      summary.elapsedMs = Date.now() - started;
      return summary;
    }
  }

  await eachBatch(
    path,
    batchSize,
    (b) => options.onProgress?.(b.bytes, b.total, 'store'),
    async (batch, first) => {
      const { prepared, problems, lineOf } = validateBatch(batch, first, hasher);
      if (mode === 'skip-invalid') record(problems, lineOf);
      const result = await commands.execute(new IngestEventsCommand(prepared.events, prepared.json));
      summary.warningCount += result.warningCount;
      // A warning's index counts the events of the command; the summary names the file's event index and line.
      for (const w of result.warnings ?? []) {
        const index = prepared.indexes[w.index];
        if (summary.warnings.length < keep) summary.warnings.push({ ...w, index, line: lineOf.get(index) ?? 0 });
      }
      summary.accepted += result.accepted;
      summary.duplicates += result.duplicates;
      summary.lastPosition = Math.max(summary.lastPosition, result.lastPosition);
      if (result.guarantees) summary.guarantees = result.guarantees;
    },
    (lines) => (summary.lines = lines),
  );
  summary.elapsedMs = Date.now() - started;
  return summary;
}

function validateBatch(
  batch: Line[],
  firstIndex: number,
  hasher: SubjectHasher,
): { prepared: PreparedBatch; problems: FieldError[]; lineOf: Map<number, number> } {
  const lineOf = new Map<number, number>();
  const items: unknown[] = [];
  const texts: string[] = [];
  const indexes: number[] = [];
  const problems: FieldError[] = [];
  batch.forEach(({ line, text }, i) => {
    const index = firstIndex + i;
    const parsed = parseNdjsonLines([text], index, line);
    lineOf.set(index, line);
    if (parsed.malformed.length) problems.push(...parsed.malformed);
    else {
      items.push(parsed.items[0]);
      texts.push(text);
      indexes.push(index);
    }
  });
  // An event that passes validation unchanged is stored as the line it came in (no second stringify).
  const prepared = prepareEvents(items, hasher, { indexes, texts });
  problems.push(...prepared.errors);
  return { prepared, problems, lineOf };
}

/** Reads the file once, handing over batches of non-blank lines with the event index of their first. */
async function eachBatch(
  path: string,
  batchSize: number,
  progress: (b: { bytes: number; total: number }) => void,
  onBatch: (batch: Line[], firstIndex: number) => void | Promise<void>,
  onLines: (lines: number) => void,
): Promise<void> {
  const total = statSync(path).size;
  let bytes = 0;
  let lines = 0;
  let index = 0;
  let batch: Line[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await onBatch(batch, index);
    index += batch.length;
    batch = [];
    progress({ bytes: Math.min(bytes, total), total });
  };
  for await (const text of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    lines++;
    bytes += Buffer.byteLength(text, 'utf8') + 1;
    if (text.trim()) batch.push({ line: lines, text });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  progress({ bytes: total, total });
  onLines(lines);
}
