import type { ControllerBreachInput } from '../../breach/breach-model';
import type { Clock } from '../../time/clock';
import { appiFamilyClocks, assessAppiFamilyReportability, draftAppiFamilyReport, type AppiBreachArticles } from '../appi/breach-appi';

/**
 * Public bodies (行政機関等: administrative organs, incorporated administrative agencies, local
 * governments): APPI Art. 68 and Enforcement Rules Arts. 43–44. The four situations of Rules Art. 43
 * mirror Art. 7 for 保有個人情報, but the count trigger is more than 100 persons (Art. 43(iv)). The
 * report's items (Rules Art. 44(1)) follow the same nine headings; the periods are the same (速報
 * promptly, 確報 30 days, 60 for an improper purpose: Art. 44(2)).
 */
export const APPI_PUBLIC_REPORT_FIELDS = [
  { key: 'overview', ja: '概要', en: 'Overview' },
  { key: 'items', ja: '漏えい等が発生し、又は発生したおそれがある保有個人情報の項目', en: 'Items of retained personal information leaked or possibly leaked' },
  { key: 'persons', ja: '漏えい等が発生し、又は発生したおそれがある保有個人情報に係る本人の数', en: 'Number of persons concerned' },
  { key: 'cause', ja: '原因', en: 'Cause' },
  { key: 'secondaryHarm', ja: '二次被害又はそのおそれの有無及びその内容', en: 'Secondary harm or risk of it, and its nature' },
  { key: 'responseToPersons', ja: '本人への対応の実施状況', en: 'Response to the persons concerned' },
  { key: 'publication', ja: '公表の実施状況', en: 'Publication' },
  { key: 'prevention', ja: '再発防止のための措置', en: 'Measures to prevent recurrence' },
  { key: 'other', ja: 'その他参考となる事項', en: 'Other relevant matters' },
] as const;

export const APPI_PUBLIC_BREACH: AppiBreachArticles = {
  regime: 'APPI-public',
  duty: 'APPI Art. 68(1)',
  situations: 'APPI Enforcement Rules Art. 43',
  personsThreshold: 100,
  personsTrigger: 'overHundredPersons',
  preliminary: 'APPI Art. 68(1); Rules Art. 44(1) (速報, promptly: 3–5 days)',
  final: 'APPI Art. 68(1); Rules Art. 44(2) (確報)',
  notifySubjects: 'APPI Art. 68(2) (promptly)',
  reportArticle: 'APPI Art. 68(1); Enforcement Rules Art. 44',
  reportFields: APPI_PUBLIC_REPORT_FIELDS,
  dataTerm: { ja: '保有個人情報', en: 'retained personal information' },
};

export function assessAppiPublicBreach(input: ControllerBreachInput, clock: Clock) {
  const reportability = assessAppiFamilyReportability(input, APPI_PUBLIC_BREACH);
  return {
    reportability,
    clocks: appiFamilyClocks(input, reportability, APPI_PUBLIC_BREACH, clock),
    draft: draftAppiFamilyReport(input, reportability, APPI_PUBLIC_BREACH),
  };
}
