import { assessAppiFamilyBreach } from '../appi/breach-appi';
import { appiReportFields, type AppiBreachArticles } from '../appi/breach-articles';

/**
 * Public bodies (行政機関等: administrative organs, incorporated administrative agencies, local
 * governments): APPI Art. 68 and Enforcement Rules Arts. 43–44. The four situations of Rules Art. 43
 * mirror Art. 7 for 保有個人情報, but the count trigger is more than 100 persons (Art. 43(iv)). The
 * report's items (Rules Art. 44(1)) follow the same nine headings; the periods are the same (速報
 * promptly, 確報 30 days, 60 for an improper purpose: Art. 44(2)).
 */
const RETAINED_PERSONAL_INFORMATION = { ja: '保有個人情報', en: 'retained personal information' };

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
  reportFields: appiReportFields(RETAINED_PERSONAL_INFORMATION),
  dataTerm: RETAINED_PERSONAL_INFORMATION,
};

export const assessAppiPublicBreach = assessAppiFamilyBreach(APPI_PUBLIC_BREACH);
