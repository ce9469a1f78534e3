import type { BreachTrigger } from '../../breach/breach-vocabulary';
import type { Regime } from '../../policy/policy';

/**
 * The APPI family of breach rules: the same four situations and the same two reports for businesses
 * (Art. 26, Enforcement Rules Arts. 7–8) and for public bodies (Art. 68, Rules Arts. 43–44); only the
 * count threshold, the articles and the report's wording differ (`AppiBreachArticles`).
 */
export interface AppiBreachArticles {
  regime: Extract<Regime, 'APPI' | 'APPI-public'>;
  /** Art. 26(1) / Art. 68(1). */
  duty: string;
  /** Rules Art. 7 / Art. 43, with a `(n)` appended per situation. */
  situations: string;
  personsThreshold: number;
  personsTrigger: Extract<BreachTrigger, 'overThousandPersons' | 'overHundredPersons'>;
  preliminary: string;
  final: string;
  notifySubjects: string;
  /** The report's items and headings in their legal order. */
  reportArticle: string;
  reportFields: readonly { key: AppiReportFieldKey; ja: string; en: string }[];
  /** What the law calls the data: 個人データ (businesses) or 保有個人情報 (public bodies). */
  dataTerm: { ja: string; en: string };
}

export type AppiReportFieldKey = 'overview' | 'items' | 'persons' | 'cause' | 'secondaryHarm' | 'responseToPersons' | 'publication' | 'prevention' | 'other';

type DataTerm = AppiBreachArticles['dataTerm'];

/**
 * The nine items of a breach report in their legal order: Rules Art. 8(1) (1)–(9) for a business, the
 * same headings in Rules Art. 44(1) for a public body; items (2) and (3) name the data as each law does.
 */
export function appiReportFields(term: DataTerm): AppiBreachArticles['reportFields'] {
  return [
    { key: 'overview', ja: '概要', en: 'Overview' },
    { key: 'items', ja: `漏えい等が発生し、又は発生したおそれがある${term.ja}の項目`, en: `Items of ${term.en} leaked or possibly leaked` },
    { key: 'persons', ja: `漏えい等が発生し、又は発生したおそれがある${term.ja}に係る本人の数`, en: 'Number of persons concerned' },
    { key: 'cause', ja: '原因', en: 'Cause' },
    { key: 'secondaryHarm', ja: '二次被害又はそのおそれの有無及びその内容', en: 'Secondary harm or risk of it, and its nature' },
    { key: 'responseToPersons', ja: '本人への対応の実施状況', en: 'Response to the persons concerned' },
    { key: 'publication', ja: '公表の実施状況', en: 'Publication' },
    { key: 'prevention', ja: '再発防止のための措置', en: 'Measures to prevent recurrence' },
    { key: 'other', ja: 'その他参考となる事項', en: 'Other relevant matters' },
  ];
}
