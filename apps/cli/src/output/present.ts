import type { Env } from '@ashiato/config';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { formatInstant, type DisplayZone, type Lang } from '@ashiato/domain';

/**
 * How the CLI shows what it read: tables and sentences for people by default, in the CLI's language
 * (`--lang ja|en`, else from LANG), times in the controller's regime's zone to the minute with the
 * zone named; `--json` prints the API's answer unchanged, for machines.
 */
export interface OutputOptions {
  json?: boolean;
  lang?: string;
}

/** Adds `--json` and `--lang` to a command that prints data. */
export function withOutput(cmd: Command): Command {
  return cmd
    .option('--json', 'print the answer as JSON (for machines) instead of tables')
    .option('--lang <lang>', 'language of labels and headings: ja or en (default from LANG)');
}

/** `--lang`, else `ja` when LANG (or LC_ALL, LC_MESSAGES) starts with `ja`, else `en`. */
export function langOf(opt: string | undefined, env: Pick<Env, 'LC_ALL' | 'LC_MESSAGES' | 'LANG'>): Lang {
  if (opt !== undefined) {
    const lang = opt.trim().toLowerCase();
    if (lang === 'ja' || lang === 'en') return lang;
    throw Object.assign(new Error(`--lang must be ja or en, not ${JSON.stringify(opt.slice(0, 20))}`), { code: 'VALIDATION_FAILED' });
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ja\b|^ja_/i.test(locale) ? 'ja' : 'en';
}

/** The text of a heading or sentence in `lang`. */
export const say = (lang: Lang, ja: string, en: string): string => (lang === 'ja' ? ja : en);

export type Cell = string | number | boolean | null | undefined;

const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;

/** Columns a string takes in a terminal: a CJK or full-width character takes two. */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

/** Words of a line, each with the spaces after it; a shown instant (`2026-08-09 22:37 JST`) is one word. */
const words = (line: string): string[] => line.match(/\d{4}-\d\d-\d\d \d\d:\d\d [A-Z][A-Za-z0-9+:-]{1,8}\s*|\S+\s*|\s+/g) ?? [];

/** Breaks one line into lines of at most `width` columns: at spaces where it can, inside a word (or a run of CJK) where it must. */
export function wrapLine(line: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const out: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) out.push(current.trimEnd());
    current = '';
  };
  for (const token of words(line)) {
    if (displayWidth(current + token.trimEnd()) <= width) {
      current += token;
      continue;
    }
    push();
    let rest = token;
    while (displayWidth(rest.trimEnd()) > width) {
      let piece = '';
      for (const ch of rest) {
        if (displayWidth(piece + ch) > width) break;
        piece += ch;
      }
      out.push(piece);
      rest = rest.slice(piece.length);
    }
    current = rest;
  }
  push();
  return out.length ? out : [''];
}

let columnsSetting: number | undefined;

/** COLUMNS of the parsed environment, given once by main.ts: the width tables fit when the output is no terminal. */
export function useColumns(columns: number | undefined): void {
  columnsSetting = columns;
}

/** The width tables are fitted to: the terminal's, else COLUMNS, else 160 (output to a file or a pipe). */
function tableBudget(): number {
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  return columnsSetting !== undefined && columnsSetting >= 40 ? columnsSetting : 160;
}

/**
 * Column widths that fit the budget: each column at least its longest word (up to 40 columns, so dates
 * and ids stay whole), the rest shared out to the columns that want more. When even the minimums do not
 * fit, the table is wider than the terminal rather than cutting words into pieces.
 */
function fitWidths(natural: number[], minimum: number[], available: number): number[] {
  if (natural.reduce((a, b) => a + b, 0) <= available) return natural;
  const widths = [...minimum];
  let remaining = available - widths.reduce((a, b) => a + b, 0);
  while (remaining > 0) {
    const wanting = widths.map((w, i) => i).filter((i) => widths[i] < natural[i]);
    if (!wanting.length) break;
    const share = Math.max(1, Math.floor(remaining / wanting.length));
    for (const i of wanting) {
      const add = Math.min(share, natural[i] - widths[i], remaining);
      widths[i] += add;
      remaining -= add;
      if (remaining <= 0) break;
    }
  }
  return widths;
}

/** A bordered table fitted to the terminal by wrapping cells (nothing is cut off); no colours when the output is not a terminal. */
export function table(head: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map((c) => (c === null || c === undefined || c === '' ? '—' : String(c))));
  const column = (i: number) => [head[i], ...text.map((r) => r[i] ?? '')].flatMap((c) => c.split('\n'));
  const natural = head.map((_, i) => Math.max(...column(i).map(displayWidth)));
  const longestWord = (i: number) =>
    Math.max(
      0,
      ...column(i)
        .flatMap(words)
        .map((w) => displayWidth(w.trimEnd())),
    );
  const minimum = head.map((_, i) => Math.min(natural[i], Math.max(8, Math.min(40, longestWord(i)))));
  const widths = fitWidths(natural, minimum, tableBudget() - (3 * head.length + 1));
  const wrap = (c: string, i: number) =>
    c
      .split('\n')
      .flatMap((l) => wrapLine(l, widths[i]))
      .join('\n');
  const t = new Table({ head: head.map(wrap), style: process.stdout.isTTY ? { head: ['bold'], border: [] } : { head: [], border: [] } });
  for (const r of text) t.push(r.map(wrap));
  return t.toString();
}

/** A heading or column name in both languages: `[ja, en]`. */
export type Words = readonly [ja: string, en: string];

/**
 * A heading (if any) and a table of `rows` under `columns`, in `lang`; nothing at all when there is
 * nothing to show (by default, no rows), so that an empty section is left out rather than printed bare.
 */
export function section(lang: Lang, heading: Words | undefined, columns: Words[], rows: Cell[][], shown = rows.length > 0): string[] {
  if (!shown) return [];
  const t = table(
    columns.map(([ja, en]) => say(lang, ja, en)),
    rows,
  );
  return heading ? [say(lang, ...heading), t] : [t];
}

/** `label: value` lines, the labels padded to one width. */
export function fields(pairs: [string, Cell][]): string {
  const shown = pairs.filter(([, v]) => v !== undefined);
  const w = Math.max(0, ...shown.map(([k]) => displayWidth(k)));
  return shown.map(([k, v]) => `${k}${' '.repeat(w - displayWidth(k))}  ${v === null || v === '' ? '—' : String(v)}`).join('\n');
}

/** `2026-08-09 22:37 JST`. */
export const at = (iso: string | null | undefined, zone: DisplayZone): string => formatInstant(iso, zone);

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printText(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
