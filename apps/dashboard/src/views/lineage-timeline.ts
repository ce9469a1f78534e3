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
  for (const c of report.controllers) {
    const L = labelsOf(c);
    const who = L.party(c.controller);
    for (const a of c.acquisitions)
      entries.push({
        controller: c.controller,
        at: a.at,
        kind: t('tlAcquired'),
        text: `${L.party(a.holder)} · ${L.items(a.items)} · ${sourceText(a.source.kind)}`,
        codes: a.violations.map((v) => v.code),
      });
    for (const x of c.consents) {
      const purposes = x.purposes?.length ? `${L.purposes(x.purposes.slice(0, 2))}${x.purposes.length > 2 ? ` +${x.purposes.length - 2}` : ''}` : t('all');
      entries.push({
        controller: c.controller,
        at: x.givenAt,
        kind: t('tlConsent'),
        text: `${who} · ${purposes}${x.recipients?.length ? ` → ${x.recipients.map(L.party).join(', ')}` : ''}`,
        codes: [],
      });
      if (x.withdrawnAt) entries.push({ controller: c.controller, at: x.withdrawnAt, kind: t('tlWithdrawn'), text: who, codes: [] });
    }
    for (const u of c.uses)
      entries.push({
        controller: c.controller,
        at: u.at,
        kind: t('tlUsed'),
        text: `${L.party(u.holder)} · ${L.items(u.items)} · ${L.purposes(u.purposes)}`,
        codes: u.violations.map((v) => v.code),
      });
    for (const p of c.provisions)
      entries.push({
        controller: c.controller,
        at: p.at,
        kind: t('tlProvided'),
        text: `${L.party(p.from)} → ${p.to.name ?? p.to.id} · ${L.items(p.items)} · ${basisText(p.basis)}`,
        codes: p.violations.map((v) => v.code),
      });
    for (const e of c.erasures)
      entries.push({
        controller: c.controller,
        at: e.at,
        kind: t('tlErased'),
        text: `${L.party(e.holder)} · ${L.items(e.items)}`,
        codes: e.obligations.some((o) => o.overdue) ? ['ERASURE_NOT_PROPAGATED'] : [],
      });
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
