import { postJson } from '../api';
import { ART34_EXEMPTIONS, BREACH_CAUSES, BREACH_PROTECTIONS, GDPR_RISK_LEVELS } from '../../../../libs/domain/src/breach/breach-vocabulary';
import { art34ExemptionText, causeText, protectionText, riskLevelText } from '../codes';
import { field, h, select } from '../dom';
import { t } from '../i18n';
import { latestPolicies } from '../policies-cache';
import type { PolicyVersionView } from '../types';
import { errorNotice } from '../view';

/** datetime-local value (local time) → ISO-8601 instant; and back, for defaults. */
const toIso = (local: string) => new Date(local).toISOString();
const toLocal = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** Items a holder can have leaked: everything of a controller, or what a recipient is declared to receive. */
function itemsOf(holder: string, policies: PolicyVersionView[]): { id: string; label: string }[] {
  const out = new Map<string, string>();
  for (const p of policies) {
    const label = (id: string) => p.document.items.find((i) => i.id === id)?.label ?? id;
    if (p.controller === holder) for (const i of p.document.items) out.set(i.id, i.label);
    for (const r of p.document.recipients) if (r.id === holder) for (const i of r.items) out.set(i, label(i));
  }
  return [...out].map(([id, label]) => ({ id, label }));
}

/** The controllers whose data a holder may keep: the holder itself, or those that declare it a recipient. */
function controllersOf(holder: string, policies: PolicyVersionView[]): PolicyVersionView[] {
  return policies.filter((p) => p.controller === holder || p.document.recipients.some((r) => r.id === holder));
}

/** A select whose first option is an empty "choose…": `required` then refuses to submit until one is chosen. */
function choose(codes: readonly string[], text: (c: string) => string, attrs: Record<string, string | boolean>): HTMLSelectElement {
  return select([{ value: '', label: t('chooseOne') }, ...codes.map((c) => ({ value: c, label: text(c) }))], '', attrs);
}

export async function breachForm(): Promise<HTMLElement> {
  let policies: PolicyVersionView[];
  try {
    policies = await latestPolicies();
  } catch (err) {
    return errorNotice(err);
  }
  const holder = h('select', { name: 'holder', required: true });
  for (const p of policies) {
    const group = h('optgroup', { label: p.document.name });
    group.append(h('option', { value: p.controller }, p.document.name));
    for (const r of p.document.recipients) group.append(h('option', { value: r.id }, `${r.name} (${r.country})`));
    holder.append(group);
  }
  const itemsBox = h('fieldset', { class: 'checks' });
  const drawItems = () => {
    itemsBox.replaceChildren(h('legend', {}, t('breachItems')));
    for (const it of itemsOf(holder.value, policies)) {
      const id = `item-${it.id}`;
      itemsBox.append(h('div', { class: 'check' }, h('input', { type: 'checkbox', id, name: 'items', value: it.id }), h('label', { for: id }, it.label)));
    }
  };
  holder.addEventListener('change', drawItems);
  drawItems();
  const now = new Date();
  const from = h('input', { type: 'datetime-local', name: 'windowFrom', required: true, value: toLocal(new Date(now.getTime() - 90 * 86_400_000)) });
  const to = h('input', { type: 'datetime-local', name: 'windowTo', required: true, value: toLocal(new Date(now.getTime() - 86_400_000)) });
  const discovered = h('input', { type: 'datetime-local', name: 'discoveredAt', required: true, value: toLocal(now) });
  // No default cause: the cause decides an improper purpose (APPI Rules Art. 7(iii)), so a person chooses it.
  const cause = choose(BREACH_CAUSES, causeText, { name: 'cause', required: true });
  const title = h('input', { type: 'text', name: 'title', maxlength: 200, required: true });
  const description = h('textarea', { name: 'description', rows: 3, maxlength: 2000 });
  const protection = select(
    BREACH_PROTECTIONS.map((c) => ({ value: c, label: protectionText(c) })),
    'none',
    { name: 'protection' },
  );
  // A GDPR controller's own risk assessment (Arts. 33(1), 34): shown only when the holder keeps a GDPR controller's data.
  const riskLevel = select([{ value: '', label: t('notAssessedYet') }, ...GDPR_RISK_LEVELS.map((c) => ({ value: c, label: riskLevelText(c) }))], '', {
    name: 'riskLevel',
  });
  const assessedBy = h('input', { type: 'text', name: 'assessedBy', maxlength: 200 });
  const exemption = select([{ value: '', label: t('none') }, ...ART34_EXEMPTIONS.map((c) => ({ value: c, label: art34ExemptionText(c) }))], '', {
    name: 'exemption',
  });
  const riskBox = h(
    'fieldset',
    { class: 'stack risk' },
    h('legend', {}, t('gdprRiskAssessment')),
    h('p', { class: 'hint' }, t('gdprRiskHint')),
    h('div', { class: 'row' }, field(t('riskLevel'), riskLevel), field(t('assessedBy'), assessedBy)),
    field(t('art34Exemption'), exemption),
  );
  const drawRisk = () => {
    const gdpr = controllersOf(holder.value, policies).some((p) => p.document.regime === 'GDPR');
    riskBox.hidden = !gdpr;
    assessedBy.required = gdpr && riskLevel.value !== '';
  };
  holder.addEventListener('change', drawRisk);
  riskLevel.addEventListener('change', drawRisk);
  drawRisk();
  const message = h('div', { 'aria-live': 'polite' });
  const submit = async (e: Event) => {
    e.preventDefault();
    const items = [...itemsBox.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    if (!items.length) return message.replaceChildren(h('p', { class: 'notice notice-warn', role: 'alert' }, t('chooseItems')));
    try {
      const r = await postJson<{ breachId: string; lastPosition: number }>('/v1/breaches', {
        holder: holder.value,
        items,
        window: { from: toIso(from.value), to: toIso(to.value) },
        discoveredAt: toIso(discovered.value),
        title: title.value.trim(),
        cause: cause.value,
        ...(description.value.trim() ? { description: description.value.trim() } : {}),
        protection: protection.value,
        ...(!riskBox.hidden && riskLevel.value
          ? {
              riskAssessment: {
                level: riskLevel.value,
                assessedBy: assessedBy.value.trim(),
                assessedAt: new Date().toISOString(),
                ...(exemption.value ? { subjectNotificationExemption: exemption.value } : {}),
              },
            }
          : {}),
      });
      location.hash = `#/breaches/${encodeURIComponent(r.breachId)}?minPosition=${r.lastPosition}`;
    } catch (err) {
      message.replaceChildren(errorNotice(err));
    }
  };
  return h(
    'form',
    { class: 'stack', onsubmit: (e: Event) => void submit(e) },
    field(t('breachTitle'), title, t('breachTitleHint')),
    field(t('breachHolder'), holder),
    itemsBox,
    h('div', { class: 'row' }, field(t('windowFrom'), from), field(t('windowTo'), to)),
    h('div', { class: 'row' }, field(t('discoveredAt'), discovered), field(t('cause'), cause, t('causeHint'))),
    field(t('causeDescription'), description, t('causeDescriptionHint')),
    field(t('protection'), protection, t('protectionHint')),
    riskBox,
    h('button', { type: 'submit', class: 'primary' }, t('declare')),
    message,
  );
}
