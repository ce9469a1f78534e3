import { documentProblem } from '@ashiato/domain';
import type { FieldError } from '../errors/api-error';

export interface ParsedLines {
  items: unknown[];
  /** The JSON text of each item ('' for a malformed line), so valid events can be stored without serialising them again. */
  texts: string[];
  /** One entry per malformed line; the message names the line, never its content. */
  malformed: FieldError[];
}

/**
 * Parses NDJSON text one line at a time. Blank lines are skipped; `index` counts events (non-blank
 * lines) from `firstIndex`, `line` numbers are 1-based from `firstLine`.
 */
export function parseNdjsonLines(lines: Iterable<string>, firstIndex = 0, firstLine = 1): ParsedLines {
  const items: unknown[] = [];
  const texts: string[] = [];
  const malformed: FieldError[] = [];
  let index = firstIndex;
  let line = firstLine - 1;
  for (const raw of lines) {
    line++;
    const text = raw.trim();
    if (!text) continue;
    let value: unknown;
    let problem: string | undefined;
    try {
      value = JSON.parse(text);
      const why = documentProblem(value);
      if (why) problem = `line ${line} ${why}`;
    } catch {
      problem = `line ${line} is not valid JSON`;
    }
    if (problem === undefined) {
      items.push(value);
      texts.push(text);
    } else {
      malformed.push({ index, path: '$', message: problem });
      items.push(undefined);
      texts.push('');
    }
    index++;
  }
  return { items, texts, malformed };
}

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}
