import { escapeHtml as e } from '../lineage/html';
import type { Regime } from '../policy/policy';
import { humanTimeInRegime } from '../time/zoned-time';
import type { Reportability } from './breach-model';
import { reportabilitySentence } from '../presentation/breach-sentence';
import { labelPair } from '../presentation/labels';
import type { DeadlineClock } from './deadline-clocks';
import type { BreachReportDraft } from './report-draft';

export interface BreachReportView {
  draft: BreachReportDraft;
  /** The reportability of the draft's controller. */
  reportability: Reportability;
  clocks: DeadlineClock[];
  generatedAt: string;
  title?: string;
}

const STYLE = `body{font-family:"Noto Sans CJK JP","Noto Sans JP",sans-serif;margin:2em;color:#111}
.en{color:#555;font-size:.85em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.4em;vertical-align:top;text-align:left}
th{background:#eee;width:30%}.todo{background:#fff6d6}.overdue{color:#b00;font-weight:bold}`;

const both = (l: { ja: string; en: string }) => `${e(l.ja)} <span class="en">/ ${e(l.en)}</span>`;

function clockRow(c: DeadlineClock): string {
  const t = (iso: string | undefined) => (iso ? humanTimeInRegime(iso, c.regime) : '—');
  const state =
    c.status === 'closed'
      ? `提出済 / closed ${t(c.closedAt)}${c.closedLate ? '（期限後 / late）' : ''}`
      : c.overdue
        ? '期限超過 / OVERDUE'
        : `未了 / open${c.provisional ? '（暫定 / provisional）' : ''}`;
  return `<tr><td>${both(labelPair('clock', c.kind))}</td><td>${e(c.legalBasis)}${c.dueBasis ? `<br><span class="en">${e(c.dueBasis)}</span>` : ''}</td><td>${e(t(c.targetAt))}</td><td>${e(t(c.dueAt))}</td><td class="${c.overdue ? 'overdue' : ''}">${e(state)}</td></tr>`;
}

/**
 * A controller's draft report as a printable page: the regime's items in order, pre-filled values, the
 * items still to be filled highlighted, then what makes it reportable and the clocks, in the regime's zone.
 */
export function renderBreachReportHtml(view: BreachReportView): string {
  const d = view.draft;
  const regime: Regime = d.regime;
  const rows = d.fields
    .map(
      (f) =>
        `<tr class="${f.toBeFilled ? 'todo' : ''}"><th>${e(f.heading.ja)}<br><span class="en">${e(f.heading.en)}</span></th><td>${e(f.value ?? '')}${f.toBeFilled ? '<br><em>要記入 / to be filled</em>' : ''}</td></tr>`,
    )
    .join('\n');
  const r = view.reportability;
  const triggers =
    r.triggers.map((t) => `<li>${both(labelPair('breachTrigger', t.trigger))} — ${e(t.article)}: ${e(t.reason)}</li>`).join('') || '<li>該当なし / none</li>';
  const exemptions = r.exemptions.map((x) => `<li>${e(x.article)}: ${e(x.reason)}</li>`).join('');
  // Each fact still open in both languages, then the regime's own words (with the article) in English.
  const undetermined = [
    ...(r.missing ?? []).map((m) => `<li>${both(labelPair('openFact', m))}</li>`),
    ...r.undetermined.map((u) => `<li class="en">${e(u)}</li>`),
  ].join('');
  const verdict = labelPair('reportable', r.reportable);
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>${e(d.title.ja)} / ${e(d.title.en)} ${e(view.title ?? d.breachId)}</title><style>${STYLE}</style></head>
<body>
<h1>${both(d.title)}</h1>
<p>${both(d.authority)} — ${e(d.article)}</p>
<p>事案 / Breach: ${view.title ? `<strong>${e(view.title)}</strong> ` : ''}<code>${e(d.breachId)}</code> — 管理者 / Controller: <code>${e(d.controller)}</code> — 作成 / Generated: ${e(humanTimeInRegime(view.generatedAt, regime))} — 報告対象 / Reportable: <strong>${both(verdict)}</strong></p>
<table>${rows}</table>
<h2>報告義務の根拠 <span class="en">/ Why it is reportable (${e(r.article)})</span></h2>
<p class="verdict">${e(reportabilitySentence(r, 'ja'))}<br><span class="en">${e(reportabilitySentence(r, 'en'))}</span></p><ul>${triggers}</ul>
${exemptions ? `<h2>適用除外 <span class="en">/ Exemptions</span></h2><ul>${exemptions}</ul>` : ''}
${undetermined ? `<h2>未確定事項 <span class="en">/ Still undetermined</span></h2><ul>${undetermined}</ul>` : ''}
<h2>期限 <span class="en">/ Deadlines</span></h2>
<table><tr><th>手続 / Step</th><th>根拠 / Basis</th><th>目安 / Target</th><th>期限 / Due</th><th>状態 / State</th></tr>${view.clocks.map(clockRow).join('\n')}</table>
</body></html>
`;
}
