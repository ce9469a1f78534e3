import type { Changeset } from '../projectors/changeset';

type Rows = Pick<Changeset, 'policies' | 'holdings' | 'flows' | 'violations' | 'provisionRecords' | 'erasures' | 'breaches' | 'breachFacts'>;
type RowOf<K extends keyof Rows> = Rows[K][number];

/** Each table's name and the columns its rows are inserted with, in statement order. */
const TABLES = {
  policies: { name: 'policies', columns: ['event_id', 'controller', 'version', 'effective_from', 'published_at', 'position', 'document'] },
  holdings: {
    name: 'holdings',
    columns: ['subject_ref', 'controller', 'holder', 'item', 'from_at', 'to_at', 'ended_event_id', 'source', 'provider', 'position'],
  },
  flows: {
    name: 'flows',
    columns: [
      'event_id',
      'position',
      'type',
      'occurred_at',
      'controller',
      'subject_ref',
      'holder',
      'recipient',
      'items',
      'purposes',
      'basis',
      'policy_version',
      'verdict',
      'codes',
      'event',
    ],
  },
  violations: { name: 'violations', columns: ['event_id', 'code', 'holder', 'controller', 'subject_ref', 'occurred_at', 'message', 'items', 'position'] },
  provisionRecords: {
    name: 'provision_records',
    columns: [
      'event_id',
      'position',
      'occurred_at',
      'controller',
      'provider',
      'subject_ref',
      'recipient_id',
      'recipient_name',
      'recipient_address',
      'recipient_country',
      'recipient_relation',
      'items',
      'purposes',
      'basis',
      'consent_ref',
      'consent',
      'record_required',
      'retention_until',
    ],
  },
  erasures: {
    name: 'erasures',
    columns: [
      'obligation_id',
      'erasure_event_id',
      'controller',
      'subject_ref',
      'holder',
      'items',
      'erased_at',
      'due_at',
      'status',
      'closed_at',
      'closed_event_id',
      'overdue_at',
    ],
  },
  breaches: {
    name: 'breaches',
    columns: [
      'breach_id',
      'event_id',
      'position',
      'occurred_at',
      'holder',
      'controller',
      'items',
      'window_from',
      'window_to',
      'discovered_at',
      'cause',
      'event',
    ],
  },
  breachFacts: { name: 'breach_facts', columns: ['event_id', 'breach_id', 'position', 'type', 'occurred_at', 'report', 'authority', 'count', 'event'] },
} satisfies { [K in keyof Rows]: { name: string; columns: (keyof RowOf<K> & string)[] } };

/**
 * The columns a table's rows are inserted with, and a function copying a row's values into a
 * statement's parameters at `at`, in the same order (sqlite-columns.spec.ts checks they agree).
 */
interface Table<K extends keyof Rows> {
  name: string;
  columns: readonly string[];
  fill(r: RowOf<K>, p: unknown[], at: number): void;
}

/**
 * One straight-line function per table, `p[at + i] = r.column` for each column, made once from the
 * column list: `row[column]` in a loop is a keyed load megamorphic across tables, ≈ 9× slower per row
 * (0.14 against 0.015 µs), which was more than a tenth of the SQLite write path. Column names are
 * the identifiers above, never input.
 */
function filler<K extends keyof Rows>(columns: readonly string[]): Table<K>['fill'] {
  const body = columns.map((c, i) => `p[at + ${i}] = r.${c};`).join('\n');
  return new Function('r', 'p', 'at', body) as Table<K>['fill'];
}

function tables(): { [K in keyof Rows]: Table<K> } {
  const out: Partial<Record<keyof Rows, Table<never>>> = {};
  for (const [key, { name, columns }] of Object.entries(TABLES)) out[key as keyof Rows] = { name, columns, fill: filler<never>(columns) };
  return out as { [K in keyof Rows]: Table<K> };
}

export const SQLITE_TABLES = tables();
