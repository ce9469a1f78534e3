import type { Changeset } from '../projectors/changeset';

type Rows = Pick<Changeset, 'policies' | 'holdings' | 'flows' | 'violations' | 'provisionRecords' | 'erasures' | 'breaches' | 'breachFacts'>;
type RowOf<K extends keyof Rows> = Rows[K][number];

/**
 * The columns a table's rows are inserted with, and a function copying a row's values into a
 * statement's parameters at `at`, in the same order (sqlite-columns.spec.ts checks they agree).
 * Written out rather than `row[column]` in a loop: that keyed load, megamorphic across tables, was
 * more than a tenth of the SQLite write path.
 */
interface Table<K extends keyof Rows> {
  name: string;
  columns: readonly string[];
  fill(r: RowOf<K>, p: unknown[], at: number): void;
}

export const SQLITE_TABLES: { [K in keyof Rows]: Table<K> } = {
  policies: {
    name: 'policies',
    columns: ['event_id', 'controller', 'version', 'effective_from', 'published_at', 'position', 'document'],
    fill: (r, p, at) => {
      p[at] = r.event_id;
      p[at + 1] = r.controller;
      p[at + 2] = r.version;
      p[at + 3] = r.effective_from;
      p[at + 4] = r.published_at;
      p[at + 5] = r.position;
      p[at + 6] = r.document;
    },
  },
  holdings: {
    name: 'holdings',
    columns: ['subject_ref', 'controller', 'holder', 'item', 'from_at', 'to_at', 'acquired_event_id', 'ended_event_id', 'source', 'provider', 'position'],
    fill: (r, p, at) => {
      p[at] = r.subject_ref;
      p[at + 1] = r.controller;
      p[at + 2] = r.holder;
      p[at + 3] = r.item;
      p[at + 4] = r.from_at;
      p[at + 5] = r.to_at;
      p[at + 6] = r.acquired_event_id;
      p[at + 7] = r.ended_event_id;
      p[at + 8] = r.source;
      p[at + 9] = r.provider;
      p[at + 10] = r.position;
    },
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
    fill: (r, p, at) => {
      p[at] = r.event_id;
      p[at + 1] = r.position;
      p[at + 2] = r.type;
      p[at + 3] = r.occurred_at;
      p[at + 4] = r.controller;
      p[at + 5] = r.subject_ref;
      p[at + 6] = r.holder;
      p[at + 7] = r.recipient;
      p[at + 8] = r.items;
      p[at + 9] = r.purposes;
      p[at + 10] = r.basis;
      p[at + 11] = r.policy_version;
      p[at + 12] = r.verdict;
      p[at + 13] = r.codes;
      p[at + 14] = r.event;
    },
  },
  violations: {
    name: 'violations',
    columns: ['event_id', 'code', 'holder', 'controller', 'subject_ref', 'occurred_at', 'message', 'items', 'position'],
    fill: (r, p, at) => {
      p[at] = r.event_id;
      p[at + 1] = r.code;
      p[at + 2] = r.holder;
      p[at + 3] = r.controller;
      p[at + 4] = r.subject_ref;
      p[at + 5] = r.occurred_at;
      p[at + 6] = r.message;
      p[at + 7] = r.items;
      p[at + 8] = r.position;
    },
  },
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
    fill: (r, p, at) => {
      p[at] = r.event_id;
      p[at + 1] = r.position;
      p[at + 2] = r.occurred_at;
      p[at + 3] = r.controller;
      p[at + 4] = r.provider;
      p[at + 5] = r.subject_ref;
      p[at + 6] = r.recipient_id;
      p[at + 7] = r.recipient_name;
      p[at + 8] = r.recipient_address;
      p[at + 9] = r.recipient_country;
      p[at + 10] = r.recipient_relation;
      p[at + 11] = r.items;
      p[at + 12] = r.purposes;
      p[at + 13] = r.basis;
      p[at + 14] = r.consent_ref;
      p[at + 15] = r.consent;
      p[at + 16] = r.record_required;
      p[at + 17] = r.retention_until;
    },
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
    fill: (r, p, at) => {
      p[at] = r.obligation_id;
      p[at + 1] = r.erasure_event_id;
      p[at + 2] = r.controller;
      p[at + 3] = r.subject_ref;
      p[at + 4] = r.holder;
      p[at + 5] = r.items;
      p[at + 6] = r.erased_at;
      p[at + 7] = r.due_at;
      p[at + 8] = r.status;
      p[at + 9] = r.closed_at;
      p[at + 10] = r.closed_event_id;
      p[at + 11] = r.overdue_at;
    },
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
    fill: (r, p, at) => {
      p[at] = r.breach_id;
      p[at + 1] = r.event_id;
      p[at + 2] = r.position;
      p[at + 3] = r.occurred_at;
      p[at + 4] = r.holder;
      p[at + 5] = r.controller;
      p[at + 6] = r.items;
      p[at + 7] = r.window_from;
      p[at + 8] = r.window_to;
      p[at + 9] = r.discovered_at;
      p[at + 10] = r.cause;
      p[at + 11] = r.event;
    },
  },
  breachFacts: {
    name: 'breach_facts',
    columns: ['event_id', 'breach_id', 'position', 'type', 'occurred_at', 'report', 'authority', 'count', 'event'],
    fill: (r, p, at) => {
      p[at] = r.event_id;
      p[at + 1] = r.breach_id;
      p[at + 2] = r.position;
      p[at + 3] = r.type;
      p[at + 4] = r.occurred_at;
      p[at + 5] = r.report;
      p[at + 6] = r.authority;
      p[at + 7] = r.count;
      p[at + 8] = r.event;
    },
  },
};
