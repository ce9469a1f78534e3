import type { BreachDeclared, SubjectsNotified } from '../events/events';
import type { PolicyItem, Regime } from '../policy/policy';
import { isImproperPurposeCause, type Reportability } from './reportability';

/**
 * A draft of the report to the PPC with the items Rules Art. 8(1) lists, pre-filled from what Ashiato
 * knows. Anything Ashiato cannot know (secondary harm, publication, prevention) is left `toBeFilled`
 * with a hint; the DPO completes it before filing.
 */
export const APPI_REPORT_FIELDS = [
  { key: 'overview', ja: '概要', en: 'Overview' },
  { key: 'items', ja: '漏えい等が発生し、又は発生したおそれがある個人データの項目', en: 'Items of personal data leaked or possibly leaked' },
  { key: 'persons', ja: '漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数', en: 'Number of persons concerned' },
  { key: 'cause', ja: '原因', en: 'Cause' },
  { key: 'secondaryHarm', ja: '二次被害又はそのおそれの有無及びその内容', en: 'Secondary harm or risk of it, and its nature' },
  { key: 'responseToPersons', ja: '本人への対応の実施状況', en: 'Response to the persons concerned' },
  { key: 'publication', ja: '公表の実施状況', en: 'Publication' },
  { key: 'prevention', ja: '再発防止のための措置', en: 'Measures to prevent recurrence' },
  { key: 'other', ja: 'その他参考となる事項', en: 'Other relevant matters' },
] as const;
export type AppiReportFieldKey = (typeof APPI_REPORT_FIELDS)[number]['key'];

export interface AppiReportField {
  key: AppiReportFieldKey;
  heading: { ja: string; en: string };
  /** Pre-filled text (or a hint when `toBeFilled`). */
  value: string | number | null;
  toBeFilled: boolean;
}

export interface AppiReportDraft {
  breachId: string;
  article: string;
  reportable: boolean;
  fields: AppiReportField[];
}

export interface OtherParty {
  party: string;
  name?: string;
  country?: string;
  items: string[];
}

export interface DraftInput {
  breach: Pick<BreachDeclared, 'breachId' | 'holder' | 'items' | 'window' | 'discoveredAt' | 'cause'>;
  holderName?: string;
  /** Affected items as the policies define them; ids without a policy entry are listed bare. */
  items: PolicyItem[];
  affectedPersons: number;
  controllers: { controller: string; name?: string; regime?: Regime }[];
  otherParties: OtherParty[];
  reportability: Reportability;
  notifications: Pick<SubjectsNotified, 'occurredAt' | 'count'>[];
}

type Values = Record<AppiReportFieldKey, { value: string | number | null; toBeFilled: boolean }>;

function itemLabel(id: string, items: PolicyItem[]): string {
  const item = items.find((i) => i.id === id);
  if (!item) return id;
  const flags = [item.sensitive ? '要配慮 sensitive' : '', item.financialRisk ? 'financial risk' : ''].filter(Boolean);
  return `${item.label} (${item.id}, ${item.category}${flags.length ? `, ${flags.join(', ')}` : ''})`;
}

function values(input: DraftInput): Values {
  const b = input.breach;
  const holder = input.holderName ? `${input.holderName} (${b.holder})` : b.holder;
  const controllers = input.controllers.map((c) => c.name ?? c.controller).join(', ') || 'unknown';
  const notified = input.notifications.reduce((n, x) => n + (x.count ?? 0), 0);
  const financial = input.items.filter((i) => i.financialRisk).map((i) => i.id);
  const parties = input.otherParties.map((p) => `${p.name ?? p.party}${p.country ? ` [${p.country}]` : ''}: ${p.items.join(', ')}`);
  return {
    overview: {
      value:
        `Personal data held by ${holder} for ${controllers} was leaked or may have been leaked between ` +
        `${b.window.from} and ${b.window.to}; discovered at ${b.discoveredAt}.`,
      toBeFilled: false,
    },
    items: { value: b.items.map((id) => itemLabel(id, input.items)).join('; '), toBeFilled: false },
    persons: { value: input.affectedPersons, toBeFilled: false },
    cause: b.cause
      ? { value: `${b.cause}${isImproperPurposeCause(b.cause) ? ' (improper purpose / 不正の目的)' : ''}`, toBeFilled: false }
      : { value: 'to be filled: cause under investigation', toBeFilled: true },
    secondaryHarm: {
      value: financial.length
        ? `to be filled: items open to financial misuse were involved (${financial.join(', ')}); state whether misuse occurred`
        : 'to be filled: whether secondary harm occurred or may occur, and its nature',
      toBeFilled: true,
    },
    responseToPersons: input.notifications.length
      ? { value: `${notified} of ${input.affectedPersons} persons notified (last on ${input.notifications.at(-1)?.occurredAt})`, toBeFilled: notified < input.affectedPersons }
      : { value: `to be filled: ${input.affectedPersons} persons to notify, none notified yet`, toBeFilled: true },
    publication: { value: 'to be filled: whether and how the breach was made public', toBeFilled: true },
    prevention: { value: 'to be filled: measures taken or planned to prevent recurrence', toBeFilled: true },
    other: {
      value: [
        `Holder: ${holder}.`,
        parties.length ? `Other parties that received these items from or through the holder: ${parties.join('; ')}.` : 'No other party received these items from or through the holder.',
        `Reportability: ${input.reportability.triggers.map((t) => t.article).join('; ') || 'no trigger of Rules Art. 7 fired'}.`,
      ].join(' '),
      toBeFilled: false,
    },
  };
}

export function draftAppiReport(input: DraftInput): AppiReportDraft {
  const v = values(input);
  return {
    breachId: input.breach.breachId,
    article: 'APPI Art. 26(1); Enforcement Rules Art. 8',
    reportable: input.reportability.reportable,
    fields: APPI_REPORT_FIELDS.map((f) => ({ key: f.key, heading: { ja: f.ja, en: f.en }, ...v[f.key] })),
  };
}
