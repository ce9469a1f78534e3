import { stringify } from 'csv-stringify/sync';

/** A cell a spreadsheet would run as a formula (labels and recipient names are free text). */
const FORMULA = /^[=+\-@\t\r]/;

/**
 * Rows as CSV, the one writer of every CSV answer: RFC 4180 quoting, `\n` after each row (nothing
 * for no rows), absent cells empty, booleans `true`/`false`, and a cell that would start a formula
 * prefixed with an apostrophe. With `columns`, their names come first as the header row.
 */
export function toCsv(rows: readonly (readonly unknown[])[], columns?: readonly string[]): string {
  return stringify(
    rows.map((r) => [...r]),
    { header: Boolean(columns), columns: columns && [...columns], cast: { string: (s) => (FORMULA.test(s) ? `'${s}` : s), boolean: (b) => String(b) } },
  );
}
