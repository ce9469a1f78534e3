import { basisText, codeText, sourceText } from '../codes';
import { badge, h } from '../dom';
import { fmtDateTime, t } from '../i18n';
import type { LineageReport } from '../lineage-types';
import { labelsOf } from './lineage-labels';

interface Entry {
  at: string;
  controller: string;
  kind: string;
  text: string;
  codes: string[];
}

/** Every event of the subject in the order it happened, each with what it did and the rules it broke. */
export function lineageTimeline(report: LineageReport): HTMLElement {
  const entries: Entry[] = [];
  const codes = (violations: { code: string }[]) => violations.map((v) => v.code);
  for (const c of report.controllers) {
    const L = labelsOf(c);
    const who = L.party(c.controller);
    const add = (at: string, kind: string, text: string, broken: string[] = []) => entries.push({ controller: c.controller, at, kind, text, codes: broken });
    for (const a of c.acquisitions)
      add(a.at, t('tlAcquired'), `${L.party(a.holder)} · ${L.items(a.items)} · ${sourceText(a.source.kind)}`, codes(a.violations));
    for (const x of c.consents) {
      const purposes = x.purposes?.length ? `${L.purposes(x.purposes.slice(0, 2))}${x.purposes.length > 2 ? ` +${x.purposes.length - 2}` : ''}` : t('all');
      add(x.givenAt, t('tlConsent'), `${who} · ${purposes}${x.recipients?.length ? ` → ${x.recipients.map(L.party).join(', ')}` : ''}`);
      if (x.withdrawnAt) add(x.withdrawnAt, t('tlWithdrawn'), who);
    }
    for (const u of c.uses) add(u.at, t('tlUsed'), `${L.party(u.holder)} · ${L.items(u.items)} · ${L.purposes(u.purposes)}`, codes(u.violations));
    for (const p of c.provisions)
      add(p.at, t('tlProvided'), `${L.party(p.from)} → ${p.to.name ?? p.to.id} · ${L.items(p.items)} · ${basisText(p.basis)}`, codes(p.violations));
    for (const e of c.erasures)
      add(e.at, t('tlErased'), `${L.party(e.holder)} · ${L.items(e.items)}`, e.obligations.some((o) => o.overdue) ? ['ERASURE_NOT_PROPAGATED'] : []);
  }
  entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return h(
    'ol',
    { class: 'timeline', 'aria-label': t('timeline') },
    entries.map((e) =>
      h(
        'li',
        { class: e.codes.length ? 'tl-bad' : '' },
        h('time', { datetime: e.at }, fmtDateTime(e.at, e.controller)),
        h('strong', {}, e.kind),
        h('span', { class: 'tl-text' }, e.text),
        e.codes.length
          ? h(
              'span',
              {},
              e.codes.map((c) => badge(codeText(c), 'bad')),
            )
          : null,
      ),
    ),
  );
}
