import { postJson } from '../api';
import { field, h, select } from '../dom';
import { t } from '../i18n';
import { latestPolicies } from '../policies-cache';
import type { PolicyVersionView } from '../types';
import { errorNotice } from '../view';

const CAUSES = ['unauthorizedAccess', 'attack', 'malware', 'ransomware', 'phishing', 'theft', 'insider', 'fraud', 'misdelivery', 'loss', 'misconfiguration', 'humanError', 'systemFailure', 'disposalError'];

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
  const cause = select(CAUSES.map((c) => ({ value: c, label: c })), 'unauthorizedAccess', { name: 'cause' });
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
        cause: cause.value,
      });
      location.hash = `#/breaches/${encodeURIComponent(r.breachId)}?minPosition=${r.lastPosition}`;
    } catch (err) {
      message.replaceChildren(errorNotice(err));
    }
  };
  return h(
    'form',
    { class: 'stack', onsubmit: (e: Event) => void submit(e) },
    field(t('breachHolder'), holder),
    itemsBox,
    h('div', { class: 'row' }, field(t('windowFrom'), from), field(t('windowTo'), to)),
    h('div', { class: 'row' }, field(t('discoveredAt'), discovered), field(t('cause'), cause)),
    h('button', { type: 'submit', class: 'primary' }, t('declare')),
    message,
  );
}
