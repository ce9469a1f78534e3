import { postJson } from '../api';
import { codeText } from '../codes';
import { badge, card, field, h, table } from '../dom';
import { fmtDateTime, fmtNumber, t } from '../i18n';
import type { PolicyDocument, WhatIfAnswer } from '../types';
import { errorNotice } from '../view';

const codes = (j: WhatIfAnswer['flows'][number]['recorded']) => (j.codes.length ? j.codes.map((c) => badge(codeText(c), 'bad')) : [badge(t('allowed'), 'ok')]);

function answerView(controller: string, a: WhatIfAnswer): Node[] {
  const summary = h(
    'p',
    { class: 'what-if-summary', role: 'status' },
    t('whatIfSummary', {
      judged: fmtNumber(a.flowsJudged),
      changed: fmtNumber(a.flowsChanged),
      violations: fmtNumber(a.becameViolation),
      allowed: fmtNumber(a.becameAllowed),
      subjects: fmtNumber(a.subjectsAffected),
    }),
  );
  const codeRows = [
    ...Object.entries(a.codes.added).map(([c, n]) => [h('span', {}, '+ ', badge(codeText(c), 'bad')), fmtNumber(n)]),
    ...Object.entries(a.codes.removed).map(([c, n]) => [h('span', {}, '− ', badge(codeText(c), 'ok')), fmtNumber(n)]),
  ];
  const tallyRows = [...a.byRecipient.map((r) => [`→ ${r.recipient}`, r] as const), ...a.byPurpose.map((p) => [p.purpose, p] as const)].map(([name, x]) => [
    name,
    fmtNumber(x.becameViolation),
    fmtNumber(x.becameAllowed),
    fmtNumber(x.codesChanged),
  ]);
  const flows = a.flows.map((f) => [
    fmtDateTime(f.occurredAt, controller),
    `${f.holder}${f.recipient ? ` → ${f.recipient}` : ''}`,
    h('span', {}, codes(f.recorded)),
    h('span', {}, codes(f.draft)),
    h('code', {}, f.eventId),
  ]);
  return [
    summary,
    codeRows.length ? table([t('code'), t('flows')], codeRows) : '',
    tallyRows.length ? table([t('whatIfParty'), t('whatIfBecomeViolation'), t('whatIfBecomeAllowed'), t('whatIfOtherChange')], tallyRows) : '',
    flows.length ? table([t('occurredAt'), t('flow'), t('whatIfRecorded'), t('whatIfUnderDraft'), t('eventId')], flows) : '',
    a.truncated ? h('p', { class: 'muted' }, t('whatIfTruncated', { n: a.flows.length })) : '',
  ].filter((n): n is HTMLElement => n !== '');
}

/**
 * "Try a draft": the shown version as editable JSON, judged against the recorded flows by the API
 * (nothing is published); the answer shows what would change.
 */
export function whatIfCard(controller: string, shown: PolicyDocument): HTMLElement {
  const draft = h('textarea', { rows: '14', spellcheck: 'false', class: 'what-if-draft', 'aria-label': t('whatIfDraft') }) as HTMLTextAreaElement;
  draft.value = JSON.stringify({ ...shown, version: `${shown.version}-draft` }, null, 2);
  const from = h('input', { type: 'datetime-local', class: 'what-if-from' }) as HTMLInputElement;
  const out = h('div', { class: 'what-if-answer', 'aria-live': 'polite' });
  const run = async (e: Event) => {
    e.preventDefault();
    out.replaceChildren(h('p', { class: 'loading' }, t('loading')));
    try {
      let doc: unknown;
      try {
        doc = JSON.parse(draft.value);
      } catch (err) {
        out.replaceChildren(h('p', { class: 'error' }, t('whatIfBadJson', { msg: (err as Error).message })));
        return;
      }
      const query = from.value ? { from: new Date(from.value).toISOString() } : {};
      const answer = await postJson<WhatIfAnswer>(`/v1/policies/${encodeURIComponent(controller)}/what-if`, doc, query);
      out.replaceChildren(...answerView(controller, answer));
    } catch (err) {
      out.replaceChildren(errorNotice(err));
    }
  };
  const form = h(
    'form',
    { class: 'what-if' },
    h('p', { class: 'muted' }, t('whatIfHint')),
    field(t('whatIfDraft'), draft),
    field(t('whatIfFrom'), from, t('whatIfFromHint')),
    h('button', { type: 'submit', class: 'primary' }, t('whatIfRun')),
  );
  form.addEventListener('submit', (e) => void run(e));
  return card(t('whatIfTitle'), form, out);
}
