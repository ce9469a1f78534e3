import { clockText, reportableText } from '../codes';
import { badge, h } from '../dom';
import { fmtCountdown, fmtDateTime, t } from '../i18n';
import type { DeadlineClock } from '../types';

/** Reportable, not reportable, or undetermined (provisional clocks): three states, never a truthy check. */
export function reportableBadge(r: boolean | 'undetermined'): HTMLElement {
  return badge(reportableText(r), r === true ? 'bad' : r === 'undetermined' ? 'warn' : 'muted');
}

/** The open clock due soonest, of any controller. */
export function nextClock(clocks: DeadlineClock[]): DeadlineClock | undefined {
  return clocks.filter((c) => c.status === 'open' && c.dueAt).sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!))[0];
}

/** "Preliminary report (PPC) · jcert: due in 2 d 3 h (2026-08-12 23:59 JST)", the time in the clock's controller's zone. */
export function nextClockLine(clocks: DeadlineClock[], names: Map<string, string>, tag: 'div' | 'span' = 'span'): HTMLElement {
  const next = nextClock(clocks);
  if (!next?.dueAt) return badge(t('closed'), 'ok');
  const cd = fmtCountdown(next.dueAt);
  const who = clocks.some((c) => c.controller !== next.controller) ? ` · ${names.get(next.controller) ?? next.controller}` : '';
  return h(
    tag,
    { class: cd.overdue ? 'countdown overdue' : 'countdown' },
    `${clockText(next.kind)}${who}: ${cd.text} (${fmtDateTime(next.dueAt, next.controller)})`,
  );
}
