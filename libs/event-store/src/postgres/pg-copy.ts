import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Rows per chunk sent to the server: big enough to keep the socket busy, small enough to overlap work. */
const CHUNK_ROWS = 500;

/**
 * Runs `COPY <target> FROM STDIN` (text format) on the client, inside its transaction, with the rows
 * as `rows` yields them (in the COPY's column order; `null` is SQL NULL); returns the rows PostgreSQL
 * counted.
 *
 * COPY is the cheapest way to hand PostgreSQL a batch. A `text[]` parameter costs more on both ends:
 * every `"` of the JSON must be escaped into the array literal by the client and unescaped by the
 * server, and a 5,000-event batch holds hundreds of thousands of them; COPY's text format escapes
 * only `\`, newline, carriage return and tab, which JSON text rarely holds.
 *
 * The rows are pulled lazily, CHUNK_ROWS at a time, and the event loop is let through between chunks:
 * while the server stores one chunk, the caller computes the next (the appender hashes as it goes).
 */
export async function copyRows(client: PoolClient, target: string, rows: Iterable<(string | null)[]>): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  await pipeline(Readable.from(chunks(rows), { objectMode: false }), stream);
  return stream.rowCount;
}

async function* chunks(rows: Iterable<(string | null)[]>): AsyncGenerator<string> {
  let text = '';
  let count = 0;
  for (const values of rows) {
    text += copyLine(values);
    if (++count % CHUNK_ROWS === 0) {
      yield text;
      text = '';
      // Lets the socket's events (the server's CopyInResponse, write callbacks) run between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (text) yield text;
}

/** One row of COPY's text format, newline included. */
export function copyLine(values: (string | null)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += '\t';
    const value = values[i];
    line += value === null ? '\\N' : escapeCopyText(value);
  }
  return line + '\n';
}

const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value as COPY's text format reads it back unchanged. */
export function escapeCopyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]) : value;
}
