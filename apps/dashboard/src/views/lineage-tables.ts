import { erasureRows } from '../../../../libs/domain/src/lineage/erasure-rows';
import { basisText, codeText, erasureStateText, regimeText } from '../codes';
import { badge, card, h, table } from '../dom';
import { fmtDateTime, t } from '../i18n';
import type { LineageReport } from '../lineage-types';
import { labelsOf } from './lineage-labels';

const ids = (eventIds: string[]) => h('details', { class: 'ids' }, h('summary', {}, `${eventIds.length} ${t('eventId')}`), h('code', {}, eventIds.join('\n')));
const verdict = (v: { verdict?: string; violations: { code: string; message: string }[] }) =>
  v.violations.length
    ? v.violations.map((x) => withTitle(badge(codeText(x.code), 'bad'), x.code))
    : v.verdict === 'allowed'
      ? badge(t('allowed'), 'ok')
      : badge('—', 'muted');
const withTitle = (el: HTMLElement, title: string) => {
  el.title = title;
  return el;
};

/** The same facts as the graph, as tables: readable by screen readers, every row with its event ids. */
export function lineageTables(report: LineageReport): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const c of report.controllers) {
    const L = labelsOf(c);
    const at = (iso: string | null | undefined) => fmtDateTime(iso, c.controller);
    const title = `${c.name ?? c.controller}${c.regime ? ` · ${regimeText(c.regime)}` : ''}${c.policyVersion ? ` · v${c.policyVersion}` : ''}`;
    // One row per holder and holding period, listing its items: a 30-item registration stays readable.
    const groups = new Map<string, { holder: string; from: string; to?: string; items: string[]; sensitive: boolean; eventIds: Set<string> }>();
    for (const it of c.items) {
      for (const hf of it.holdings) {
        const key = `${hf.holder.id}|${hf.from}|${hf.to ?? ''}`;
        const g = groups.get(key) ?? {
          holder: `${hf.holder.name ?? hf.holder.id}${hf.holder.country ? ` (${hf.holder.country})` : ''}`,
          from: hf.from,
          to: hf.to,
          items: [],
          sensitive: false,
          eventIds: new Set<string>(),
        };
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
        at(g.from),
        g.to ? badge(`${t('erasedAt')} ${at(g.to)}`, 'muted') : badge(t('stillHeld'), 'ok'),
        ids([...g.eventIds]),
      ]);
    const provisions = c.provisions.map((p) => [
      at(p.at),
      `${p.to.name ?? p.to.id}${p.to.country ? ` (${p.to.country})` : ''}`,
      L.items(p.items),
      L.purposes(p.purposes),
      basisText(p.basis),
      verdict(p),
      ids(p.eventIds),
    ]);
    const uses = c.uses.map((u) => [at(u.at), L.items(u.items), L.purposes(u.purposes), verdict(u), ids(u.eventIds)]);
    // One row per holder that erased or owes an erasure; a recipient's confirmation closes its own row.
    const erasures = erasureRows(c).map((r) => [
      at(r.at),
      L.items(r.items),
      L.party(r.holder),
      r.state === 'done'
        ? badge(`${erasureStateText('done')} ${at(r.closedAt)}`, 'ok')
        : r.state === 'erased'
          ? badge(erasureStateText('erased'), 'muted')
          : badge(`${erasureStateText(r.state)}${r.dueAt ? ` (${t('dueAt')} ${at(r.dueAt)})` : ''}`, r.state === 'overdue' ? 'bad' : 'warn'),
      ids(r.eventIds),
    ]);
    const consents = c.consents.map((x) => [
      at(x.givenAt),
      x.purposes?.length ? L.purposes(x.purposes) : t('all'),
      x.recipients?.map(L.party).join(', ') || '—',
      x.withdrawnAt ? badge(`${t('withdrawn')} ${at(x.withdrawnAt)}`, 'warn') : badge(t('inEffect'), 'ok'),
      ids(x.eventIds),
    ]);
    out.push(
      card(
        title,
        holdings.length ? table([t('holder'), t('items'), t('heldSince'), t('status'), t('eventIds')], holdings, t('holdings')) : null,
        provisions.length
          ? table([t('when'), t('recipient'), t('items'), t('purposes'), t('basis'), t('verdict'), t('eventIds')], provisions, t('provisions'))
          : null,
        uses.length ? table([t('when'), t('items'), t('purposes'), t('verdict'), t('eventIds')], uses, t('uses')) : null,
        erasures.length ? table([t('when'), t('items'), t('holder'), t('status'), t('eventIds')], erasures, t('erasures')) : null,
        consents.length ? table([t('when'), t('purposes'), t('recipients'), t('status'), t('eventIds')], consents, t('consents')) : null,
        holdings.length + provisions.length + uses.length + erasures.length ? null : h('p', { class: 'notice notice-muted' }, t('nothingYet')),
      ),
    );
  }
  return out;
}
