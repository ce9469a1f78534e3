import { getJson } from '../api';
import { badge, card, h, table } from '../dom';
import { basisText, regimeText, relationText } from '../codes';
import { fmtDate, t } from '../i18n';
import { latestPolicies } from '../policies-cache';
import { EEA, isRestrictedTransfer } from '../../../../libs/domain/src/flows/transfer-regions';
import { dpvPersonalDataOf } from '../../../../libs/domain/src/vocabularies/dpv';
import type { PolicyDocument, PolicyRecipient, PolicyVersionView } from '../types';
import { errorNotice, load, pageHeader, type RouteParams, type ViewHandle } from '../view';
import { whatIfCard } from './policy-what-if';

/** Policies: every controller, its versions, and the chosen version's items, purposes, recipients, retention. */
export async function render(main: HTMLElement, params: RouteParams): Promise<ViewHandle> {
  const body = h('div', { class: 'policies' });
  main.append(pageHeader(t('policiesTitle')), body);
  let policies: PolicyVersionView[];
  try {
    policies = await latestPolicies(true);
  } catch (err) {
    body.replaceChildren(errorNotice(err));
    return {};
  }
  const chosen = params.segments[0] ?? policies[0]?.controller;
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': t('policiesTitle') },
    h(
      'ul',
      {},
      policies.map((p) =>
        h(
          'li',
          {},
          h('a', { href: `#/policies/${encodeURIComponent(p.controller)}`, 'aria-current': p.controller === chosen ? 'page' : null }, p.document.name),
        ),
      ),
    ),
  );
  const detail = h('div');
  body.append(tabs, detail);
  if (chosen) await load(detail, () => controllerView(chosen, params.query.get('version') ?? undefined));
  return {};
}

async function controllerView(controller: string, version?: string): Promise<Node[]> {
  const { items: versions } = await getJson<{ items: PolicyVersionView[] }>(`/v1/policies/${encodeURIComponent(controller)}/versions`);
  const shown = versions.find((v) => v.version === version) ?? versions[versions.length - 1];
  const d = shown.document;
  const itemLabel = (id: string) => d.items.find((i) => i.id === id)?.label ?? id;
  const versionList = table(
    [t('versions'), t('effectiveFrom'), t('eventId')],
    versions.map((v) => [
      v === shown
        ? h('strong', { 'aria-current': 'true' }, `v${v.version}`)
        : h('a', { href: `#/policies/${encodeURIComponent(controller)}?version=${encodeURIComponent(v.version)}` }, `v${v.version}`),
      fmtDate(v.effectiveFrom, controller),
      h('code', {}, v.eventId),
    ]),
  );
  return [
    h(
      'div',
      { class: 'policy-head' },
      h('h2', {}, d.name),
      badge(regimeText(d.regime), 'info'),
      badge(`v${d.version}`, 'muted'),
      h('span', { class: 'muted' }, `${t('effectiveFrom')} ${fmtDate(d.effectiveFrom, controller)}`),
    ),
    h(
      'div',
      { class: 'grid' },
      card(t('versions'), versionList),
      card(
        t('retention'),
        table(
          [t('items'), t('rule')],
          d.retention.map((r) => [r.items.map(itemLabel).join(', '), h('code', {}, r.rule)]),
        ),
      ),
    ),
    card(
      t('purposes'),
      table(
        [t('id'), t('label'), 'DPV', t('items')],
        d.purposes.map((p) => [
          h('code', {}, p.id),
          h('span', {}, p.label, p.requiresConsent ? [' ', badge('consent', 'warn')] : null),
          p.dpv ? h('code', {}, p.dpv) : '—',
          p.items.map(itemLabel).join(', '),
        ]),
      ),
    ),
    card(
      t('recipients'),
      table(
        [t('recipient'), t('country'), t('relation'), t('basis'), t('purposes'), t('items')],
        d.recipients.map((r) => [
          r.name,
          h('span', {}, r.country, transferBadge(d, r)),
          relationText(r.relation),
          basisText(r.basis),
          r.purposes.join(', '),
          r.items.map(itemLabel).join(', '),
        ]),
      ),
    ),
    card(
      t('items'),
      table(
        [t('id'), t('label'), t('category'), 'DPV-PD', t('sensitive')],
        d.items.map((i) => [
          h('code', {}, i.id),
          i.label,
          h('code', {}, i.category),
          h('code', {}, dpvPersonalDataOf(i.category) ?? '—'),
          i.sensitive ? badge(t('sensitive'), 'warn') : '—',
        ]),
      ),
    ),
    whatIfCard(controller, d),
  ];
}

/**
 * Marks a recipient abroad by the domain's own rule: a restricted transfer needing consent or
 * safeguards (APPI Art. 28, GDPR Chapter V) in amber; abroad but unrestricted (equivalent-system or
 * adequate country, declared measures, or a publication to the world) as a plain note.
 */
function transferBadge(d: PolicyDocument, r: PolicyRecipient): Node[] | null {
  const abroad = d.regime === 'GDPR' ? !EEA.has(r.country) : r.country !== 'JP';
  if (!abroad) return null;
  const restricted = isRestrictedTransfer(d.regime, r.country) && r.relation !== 'public' && !r.equivalentSystem;
  return [document.createTextNode(' '), restricted ? badge(t('crossBorder'), 'warn') : badge(t('abroadUnrestricted'), 'muted')];
}
