import { commonZone, formatInstant } from '../presentation/time-format';
import { escapeHtml as e } from './html';
import { controllerSection } from './lineage-html-sections';
import type { LineageReport } from './lineage-report';

/**
 * A printable answer to a disclosure request: APPI Art. 33 (retained personal data, incl. the
 * third-party provision records of Art. 29 / Art. 33(5)) and GDPR Art. 15 (purposes, recipients
 * with country, source, retention). Pure: the same report renders the same page.
 */
const STYLE = `body{font-family:"Noto Sans CJK JP","Noto Sans JP",sans-serif;margin:2em;color:#111}
h1{font-size:1.5em}h2{border-bottom:2px solid #333;margin-top:2em}h3{margin-top:1.5em}
.en{color:#555;font-weight:normal;font-size:.85em}table{border-collapse:collapse;width:100%;font-size:.85em}
th,td{border:1px solid #999;padding:.3em;vertical-align:top;text-align:left}th{background:#eee}
.event-id{font-size:.75em;color:#444}.violation{color:#b00;font-weight:bold}.allowed{color:#070}
.empty{color:#666;font-style:italic}@media print{body{margin:0}h2{page-break-before:always}}`;

export function renderLineageHtml(report: LineageReport): string {
  const zone = commonZone(report.controllers.map((c) => c.regime));
  const body = report.controllers.length
    ? report.controllers.map(controllerSection).join('\n')
    : '<p class="empty">保有個人データはありません / No personal data is held.</p>';
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>保有個人データの開示 / Disclosure of personal data</title><style>${STYLE}</style></head>
<body>
<h1>保有個人データの開示 <span class="en">/ Disclosure of personal data (APPI Art. 33, GDPR Art. 15)</span></h1>
<p>本人識別子 / Subject reference: <code>${e(report.subjectRef)}</code><br>時点 / As of: ${e(formatInstant(report.asOf, zone))}<br>作成 / Generated: ${e(formatInstant(report.generatedAt, zone))}</p>
${body}
</body></html>
`;
}
