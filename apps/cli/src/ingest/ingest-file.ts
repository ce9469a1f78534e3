import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { EventStore } from '@ashiato/event-store';
import type { FieldError } from '../../../api/src/errors/api-error';
import type { SubjectHasher } from '../../../api/src/identity/subject-hasher';
import { appendEvents } from '../../../api/src/ingest/append-events';
import { parseNdjsonLines } from '../../../api/src/ingest/parse-ndjson';
import { prepareEvents } from '../../../api/src/ingest/validate-events';

export interface IngestFileOptions {
  batchSize?: number;
  /** Called with the bytes read so far (for a progress bar). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** How many rejected-field details to keep for the summary (all are counted). */
  keepErrors?: number;
}

export interface IngestFileSummary {
  lines: number;
  accepted: number;
  duplicates: number;
  /** Events (non-blank lines) rejected by validation or as malformed JSON. */
  rejected: number;
  /** The first `keepErrors` problems, each with the event index, its 1-based line and the field path. */
  errors: (FieldError & { line: number })[];
  lastPosition: number;
  elapsedMs: number;
}

/**
 * Streams an NDJSON file of any size into the store in batches, with the API's validation, HMAC
 * pseudonymisation and idempotency. Each batch is appended atomically; a bad line is rejected and
 * reported (event index, line and field path) while the valid lines of its batch are stored.
 * Re-running the same file stores nothing twice (eventIds).
 */
export async function ingestFile(path: string, store: EventStore, hasher: SubjectHasher, options: IngestFileOptions = {}): Promise<IngestFileSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 5_000;
  const keep = options.keepErrors ?? 1_000;
  const total = statSync(path).size;
  const summary: IngestFileSummary = { lines: 0, accepted: 0, duplicates: 0, rejected: 0, errors: [], lastPosition: await store.headPosition(), elapsedMs: 0 };
  let bytes = 0;
  let index = 0;
  let batch: { line: number; text: string }[] = [];

  const flush = async () => {
    if (!batch.length) return;
    const lineOf = new Map<number, number>();
    const items: unknown[] = [];
    const texts: string[] = [];
    const indexes: number[] = [];
    const problems: FieldError[] = [];
    for (const { line, text } of batch) {
      const parsed = parseNdjsonLines([text], index, line);
      lineOf.set(index, line);
      if (parsed.malformed.length) problems.push(...parsed.malformed);
      else {
        items.push(parsed.items[0]);
        texts.push(text);
        indexes.push(index);
      }
      index++;
    }
    // An event that passes validation unchanged is stored as the line it came in (no second stringify).
    const prepared = prepareEvents(items, hasher, { indexes, texts });
    problems.push(...prepared.errors);
    summary.rejected += new Set(problems.map((p) => p.index)).size;
    for (const p of problems) if (summary.errors.length < keep) summary.errors.push({ ...p, line: lineOf.get(p.index!) ?? 0 });
    const result = await appendEvents(store, prepared.events, prepared.json);
    summary.accepted += result.accepted;
    summary.duplicates += result.duplicates;
    summary.lastPosition = Math.max(summary.lastPosition, result.lastPosition);
    batch = [];
  };

  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of lines) {
    summary.lines++;
    bytes += Buffer.byteLength(text, 'utf8') + 1;
    if (text.trim()) batch.push({ line: summary.lines, text });
    if (batch.length >= batchSize) {
      await flush();
      options.onProgress?.(Math.min(bytes, total), total);
    }
  }
  await flush();
  options.onProgress?.(total, total);
  summary.elapsedMs = Date.now() - started;
  return summary;
}
