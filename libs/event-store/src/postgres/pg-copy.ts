import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Rows sent with one `COPY … FROM STDIN` (text format): the cheapest way to hand PostgreSQL a
 * batch. A `text[]` parameter costs more on both ends: every `"` of the JSON must be escaped into
 * the array literal by the client and unescaped by the server, and a 5,000-event batch holds
 * hundreds of thousands of them. COPY's text format escapes only `\`, newline, carriage return and
 * tab, which JSON text rarely holds.
 */
export class CopyRows {
  private readonly lines: string[] = [];

  constructor(private readonly columns: number) {}

  get size(): number {
    return this.lines.length;
  }

  /** One row, in the order of the COPY's columns; `null` is SQL NULL. */
  add(values: (string | null)[]): void {
    if (values.length !== this.columns) throw new RangeError(`a row needs ${this.columns} values`);
    let line = '';
    for (let i = 0; i < values.length; i++) {
      if (i > 0) line += '\t';
      const value = values[i];
      line += value === null ? '\\N' : escapeCopyText(value);
    }
    this.lines.push(line);
  }

  /** Runs `COPY <target> FROM STDIN` on the client (inside its transaction); returns the rows PostgreSQL counted. */
  async send(client: PoolClient, target: string): Promise<number> {
    const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
    await pipeline(Readable.from([this.lines.join('\n') + '\n'], { objectMode: false }), stream);
    return stream.rowCount;
  }
}

const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value as COPY's text format reads it back unchanged. */
export function escapeCopyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]) : value;
}
