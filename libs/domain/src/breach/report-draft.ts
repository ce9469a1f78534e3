import type { Regime } from '../policy/policy';
import type { Label, Reportable } from './breach-vocabulary';

/**
 * A draft of the report a regime asks for, pre-filled from what Ashiato knows. Anything Ashiato cannot
 * know is left `toBeFilled` with a hint; the DPO completes it before filing. Which fields, their
 * headings and their order belong to the regime (regimes/<regime>/breach-*.ts).
 */
export interface BreachReportField {
  key: string;
  heading: Label;
  /** Pre-filled text (or a hint when `toBeFilled`). */
  value: string | number | null;
  toBeFilled: boolean;
}

export interface BreachReportDraft {
  breachId: string;
  controller: string;
  regime: Regime;
  /** What the draft is: e.g. "APPI Art. 26(1); Enforcement Rules Art. 8". */
  article: string;
  /** Who receives it. */
  authority: Label;
  title: Label;
  reportable: Reportable;
  fields: BreachReportField[];
}

export interface FieldValue {
  value: string | number | null;
  toBeFilled: boolean;
}

export function toFields<K extends string>(headings: readonly { key: K; ja: string; en: string }[], values: Record<K, FieldValue>): BreachReportField[] {
  return headings.map((f) => ({ key: f.key, heading: { ja: f.ja, en: f.en }, ...values[f.key] }));
}

export const filled = (value: string | number): FieldValue => ({ value, toBeFilled: false });
export const toFill = (hint: string): FieldValue => ({ value: `to be filled: ${hint}`, toBeFilled: true });
