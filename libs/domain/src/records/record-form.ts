import type { Regime } from '../policy/policy';

/** What the log can show about a line of the record: a recipient, purpose, item or destination country. */
export const OBSERVABLE_KINDS = ['recipient', 'purpose', 'item', 'country'] as const;
export type ObservableKind = (typeof OBSERVABLE_KINDS)[number];

export interface Observable {
  kind: ObservableKind;
  /** The recipient, purpose or item id, or the ISO 3166 country code; `''` for "no purpose named". */
  id: string;
  /** A purpose used by a party (recipient or other holder) for which the policy does not declare it. */
  party?: string;
}

/** One line of a record of processing, as the regime's form asks for it. */
export interface RecordLine {
  /** The provision the line answers, e.g. `GDPR Art. 30(1)(d)`. */
  article: string;
  /** The field of the form, e.g. `recipients` (stable, for machines). */
  field: string;
  /** What the policy declares, in words; "not recorded in the policy" where it cannot say. */
  value: string;
  /** The part of the policy this line declares, when the log can show whether it happened. */
  observable?: Observable;
}

export interface RecordForm {
  regime: Regime;
  /** The name of the record, e.g. `Record of processing activities (GDPR Art. 30(1))`. */
  title: string;
  /** Whether the law prescribes this record's form (APPI businesses have no statutory register). */
  statutory: boolean;
  lines: RecordLine[];
}

/** Said wherever the policy document has no field for what the form asks. */
export const NOT_IN_POLICY = 'not recorded in the policy';
