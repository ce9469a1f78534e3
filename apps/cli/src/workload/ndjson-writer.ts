import { once } from 'node:events';
import type { Writable } from 'node:stream';

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
