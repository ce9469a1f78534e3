import { escapeHtml as e } from '../lineage/html';
import type { DeadlineClock } from './deadline-clocks';
import type { AppiReportDraft } from './appi-report-draft';
import type { Reportability } from './reportability';

export interface BreachReportView {
  draft: AppiReportDraft;
  reportability: Reportability;
  clocks: DeadlineClock[];
  generatedAt: string;
}

const STYLE = `body{font-family:"Noto Sans CJK JP","Noto Sans JP",sans-serif;margin:2em;color:#111}
.en{color:#555;font-size:.85em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.4em;vertical-align:top;text-align:left}
th{background:#eee;width:30%}.todo{background:#fff6d6}.overdue{color:#b00;font-weight:bold}`;

function clockRow(c: DeadlineClock): string {
  const state = c.status === 'closed' ? `closed ${c.closedAt ?? ''}${c.closedLate ? ' (late)' : ''}` : c.overdue ? 'OVERDUE' : 'open';
  return `<tr><td>${e(c.kind)}</td><td>${e(c.legalBasis)}</td><td>${e(c.targetAt ?? '—')}</td><td>${e(c.dueAt ?? '—')}</td><td class="${c.overdue ? 'overdue' : ''}">${e(state)}</td></tr>`;
}

/**
 * The draft PPC report as a printable page: the Rules Art. 8 items in order, pre-filled values, the
 * items still to be filled highlighted, then the triggers that make it reportable and the clocks.
 */
export function renderBreachReportHtml(view: BreachReportView): string {
  const rows = view.draft.fields
    .map((f) => `<tr class="${f.toBeFilled ? 'todo' : ''}"><th>${e(f.heading.ja)}<br><span class="en">${e(f.heading.en)}</span></th><td>${e(f.value ?? '')}${f.toBeFilled ? '<br><em>要記入 / to be filled</em>' : ''}</td></tr>`)
    .join('\n');
  const triggers = view.reportability.triggers.map((t) => `<li>${e(t.article)}: ${e(t.reason)}</li>`).join('') || '<li>該当なし / none</li>';
  const undetermined = view.reportability.undetermined.map((u) => `<li>${e(u)}</li>`).join('');
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>漏えい等報告（案） / Draft breach report ${e(view.draft.breachId)}</title><style>${STYLE}</style></head>
<body>
<h1>個人データの漏えい等報告（案） <span class="en">/ Draft report of a personal-data breach (${e(view.draft.article)})</span></h1>
<p>事案 / Breach: <code>${e(view.draft.breachId)}</code> — 作成 / Generated: ${e(view.generatedAt)} — 報告対象 / Reportable: <strong>${view.draft.reportable ? 'はい / yes' : 'いいえ / no'}</strong></p>
<table>${rows}</table>
<h2>報告義務の根拠 <span class="en">/ Why it is reportable (Rules Art. 7)</span></h2><ul>${triggers}</ul>
${undetermined ? `<h2>未確定事項 <span class="en">/ Still undetermined</span></h2><ul>${undetermined}</ul>` : ''}
<h2>期限 <span class="en">/ Deadlines</span></h2>
<table><tr><th>Clock</th><th>Basis</th><th>Target</th><th>Due</th><th>State</th></tr>${view.clocks.map(clockRow).join('\n')}</table>
</body></html>
`;
}
