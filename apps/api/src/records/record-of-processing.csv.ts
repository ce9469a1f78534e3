import type { RecordOfProcessing } from '@ashiato/projections';
import { toCsv } from '../http/csv';

const COLUMNS = [
  'article',
  'field',
  'value',
  'status',
  'reason',
  'kind',
  'id',
  'party',
  'flows',
  'subjects',
  'violations',
  'first_seen',
  'last_seen',
  'event_ids',
];

/**
 * One row per line of the record, with its status (declared+observed, declared-not-observed,
 * observed-not-declared, not-observable). A cell a spreadsheet would read as a formula (policy labels
 * and recipient names are free text) is prefixed with an apostrophe.
 */
export function recordOfProcessingCsv(record: RecordOfProcessing): string {
  const rows = record.lines.map((l) => [
    l.article,
    l.field,
    l.value,
    l.status,
    l.reason ?? '',
    l.observable?.kind ?? '',
    l.observable?.id ?? '',
    l.observable?.party ?? '',
    l.observed?.flows ?? '',
    l.observed?.subjects ?? '',
    l.observed?.violations ?? '',
    l.observed?.firstSeen ?? '',
    l.observed?.lastSeen ?? '',
    l.observed?.eventIds.join(' ') ?? '',
  ]);
  return toCsv(rows, COLUMNS);
}
