import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

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
