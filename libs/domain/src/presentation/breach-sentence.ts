/**
 * The reportability of a breach for one controller (or the breach as a whole) as one sentence a
 * person reads, in Japanese or English, built only from codes and articles the regime decided: the
 * dashboard, the HTML report and the CLI say the same thing. Decides nothing.
 */
import type { Reportability } from '../breach/breach-model';
import { labelOf, type Lang } from './labels';

export function reportabilitySentence(r: Pick<Reportability, 'reportable' | 'article' | 'triggers' | 'exemptions' | 'missing'>, lang: Lang): string {
  const ja = lang === 'ja';
  const list = (xs: string[]) => xs.join(ja ? '、' : '; ');
  const cite = (label: string, article: string) => (ja ? `${label}（${article}）` : `${label} (${article})`);
  if (r.reportable === true) {
    const why = list([...new Map(r.triggers.map((t) => [`${t.trigger} ${t.article}`, cite(labelOf('breachTrigger', t.trigger, lang), t.article)])).values()]);
    return ja ? `報告対象です。該当する事態: ${why}。` : `Reportable: ${why}.`;
  }
  if (r.reportable === 'undetermined') {
    const open = list((r.missing ?? []).map((m) => labelOf('openFact', m, lang)));
    return ja
      ? `報告対象かどうか未確定です。期限は暫定で計算しています${open ? `。未確定の事項: ${open}` : ''}。`
      : `Undetermined: the clocks run provisionally${open ? `. Still open: ${open}` : ''}.`;
  }
  if (r.exemptions.length) {
    const by = list([...new Set(r.exemptions.map((x) => x.article))]);
    return ja ? `報告対象外です（適用除外: ${by}）。` : `Not reportable (exempt under ${by}).`;
  }
  return ja ? `報告対象外です。${r.article} の報告を要する事態に当たりません。` : `Not reportable: no situation of ${r.article} applies.`;
}
