import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const LINES_PER_WRITE = 1_000;

/**
 * Writes events as NDJSON (one JSON object per line) to a file or stdout, honouring backpressure:
 * at most LINES_PER_WRITE lines are buffered, never the whole history. Does not end the stream
 * (stdout must stay open); returns the number of events and bytes written.
 */
export async function writeNdjson(events: Iterable<unknown>, out: Writable): Promise<{ events: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  let chunk: string[] = [];
  const flush = async () => {
    const text = chunk.join('');
    chunk = [];
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  for (const event of events) {
    chunk.push(`${JSON.stringify(event)}\n`);
    count++;
    if (chunk.length >= LINES_PER_WRITE) await flush();
  }
  if (chunk.length) await flush();
  return { events: count, bytes };
}

/** The lines of an NDJSON file in batches of `size`, read as a stream (one batch in memory at a time). */
export async function* lineBatches(file: string, size: number): AsyncGenerator<string[]> {
  const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let batch: string[] = [];
  for await (const line of lines) {
    if (!line) continue;
    batch.push(line);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Seconds elapsed since `t0` (a process.hrtime.bigint() reading). */
export function secondsSince(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
