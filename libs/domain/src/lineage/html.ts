/** Escapes text for HTML element content and double-quoted attributes. Every value goes through it. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A bilingual heading: Japanese first (the APPI text), English after. */
export function heading(level: 2 | 3, ja: string, en: string): string {
  return `<h${level}>${escapeHtml(ja)} <span class="en">/ ${escapeHtml(en)}</span></h${level}>`;
}

/** A table whose cells are already-escaped HTML fragments. */
export function table(headers: [string, string][], rows: string[][], empty: string): string {
  if (!rows.length) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const head = headers.map(([ja, en]) => `<th>${escapeHtml(ja)}<br><span class="en">${escapeHtml(en)}</span></th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function list(values: readonly string[] | undefined): string {
  return escapeHtml((values ?? []).join(', '));
}

export function eventIdsCell(ids: readonly string[]): string {
  return ids.map((id) => `<code class="event-id">${escapeHtml(id)}</code>`).join('<br>');
}
