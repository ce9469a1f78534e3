import { badge, card, h, table } from '../dom';
import { fmtDateTime, t } from '../i18n';
import type { LineageReport } from '../lineage-types';

const ids = (eventIds: string[]) => h('details', { class: 'ids' }, h('summary', {}, `${eventIds.length} ${t('eventId')}`), h('code', {}, eventIds.join('\n')));
const verdict = (v: { verdict?: string; violations: { code: string; message: string }[] }) =>
  v.violations.length ? v.violations.map((x) => badge(x.code, 'bad')) : v.verdict === 'allowed' ? badge(t('allowed'), 'ok') : badge('—', 'muted');

/** The same facts as the graph, as tables: readable by screen readers, every row with its event ids. */
export function lineageTables(report: LineageReport): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const c of report.controllers) {
    const title = `${c.name ?? c.controller}${c.regime ? ` · ${c.regime}` : ''}${c.policyVersion ? ` · v${c.policyVersion}` : ''}`;
    // One row per holder and holding period, listing its items: a 30-item registration stays readable.
    const groups = new Map<string, { holder: string; from: string; to?: string; items: string[]; sensitive: boolean; eventIds: Set<string> }>();
    for (const it of c.items) {
      for (const hf of it.holdings) {
        const key = `${hf.holder.id}|${hf.from}|${hf.to ?? ''}`;
        const g = groups.get(key) ?? { holder: `${hf.holder.name ?? hf.holder.id}${hf.holder.country ? ` (${hf.holder.country})` : ''}`, from: hf.from, to: hf.to, items: [], sensitive: false, eventIds: new Set<string>() };
        g.items.push(it.label ?? it.item);
        g.sensitive ||= !!it.sensitive;
        hf.eventIds.forEach((id) => g.eventIds.add(id));
        groups.set(key, g);
      }
    }
    const holdings = [...groups.values()]
      .sort((a, b) => a.from.localeCompare(b.from))
      .map((g) => [
        g.holder,
        h('span', {}, g.items.join(', '), g.sensitive ? [' ', badge(t('sensitive'), 'warn')] : null),
        fmtDateTime(g.from),
        g.to ? badge(`${t('erasedAt')} ${fmtDateTime(g.to)}`, 'muted') : badge(t('stillHeld'), 'ok'),
        ids([...g.eventIds]),
      ]);
    const provisions = c.provisions.map((p) => [fmtDateTime(p.at), `${p.to.name ?? p.to.id}${p.to.country ? ` (${p.to.country})` : ''}`, p.items.join(', '), p.purposes.join(', '), p.basis ?? '—', verdict(p), ids(p.eventIds)]);
    const uses = c.uses.map((u) => [fmtDateTime(u.at), u.items.join(', '), u.purposes.join(', '), verdict(u), ids(u.eventIds)]);
    const erasures = c.erasures.flatMap((e) =>
      (e.obligations.length ? e.obligations : [undefined]).map((o) => [
        fmtDateTime(e.at),
        e.items.join(', '),
        o ? o.holder : '—',
        o ? (o.acknowledged ? badge(`${t('acknowledged')} ${fmtDateTime(o.acknowledgedAt)}`, 'ok') : badge(o.overdue ? t('overdue') : t('pending'), o.overdue ? 'bad' : 'warn')) : '—',
        ids(o ? [...e.eventIds, ...o.eventIds] : e.eventIds),
      ]),
    );
    const consents = c.consents.map((x) => [
      fmtDateTime(x.givenAt),
      x.purposes?.join(', ') || t('all'),
      x.recipients?.join(', ') || '—',
      x.withdrawnAt ? badge(`${t('withdrawn')} ${fmtDateTime(x.withdrawnAt)}`, 'warn') : badge(t('inEffect'), 'ok'),
      ids(x.eventIds),
    ]);
    out.push(
      card(
        title,
        holdings.length ? table([t('holder'), t('items'), t('heldSince'), t('status'), t('eventIds')], holdings, t('holdings')) : null,
        provisions.length ? table([t('when'), t('recipient'), t('items'), t('purposes'), t('basis'), t('verdict'), t('eventIds')], provisions, t('provisions')) : null,
        uses.length ? table([t('when'), t('items'), t('purposes'), t('verdict'), t('eventIds')], uses, t('uses')) : null,
        erasures.length ? table([t('when'), t('items'), t('holder'), t('status'), t('eventIds')], erasures, t('erasures')) : null,
        consents.length ? table([t('when'), t('purposes'), t('recipients'), t('status'), t('eventIds')], consents, t('consents')) : null,
        holdings.length + provisions.length + uses.length + erasures.length ? null : h('p', { class: 'notice notice-muted' }, t('nothingYet')),
      ),
    );
  }
  return out;
}
