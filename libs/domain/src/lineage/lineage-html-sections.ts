import type { Violation } from '../flows/violations';
import { bilingualLabel } from '../presentation/labels';
import { formatInstant, zoneForRegime } from '../presentation/time-format';
import { erasureRows } from './erasure-rows';
import { escapeHtml as e, eventIdsCell, heading, list, table } from './html';
import type { ControllerLineage, PartyRef } from './lineage-report';

/** One controller's part of the disclosure page (render-lineage-html.ts): items, sources, purposes, provisions, consents, erasures. */
/** A time as a person reads it: in the controller's regime's zone, to the minute, the zone named. */
const when = (c: Pick<ControllerLineage, 'regime'>, iso: string | undefined) => e(formatInstant(iso, zoneForRegime(c.regime)));

function partyText(p: PartyRef): string {
  const name = p.name ? `${p.name} (${p.id})` : p.id;
  const extra = [p.relation ? bilingualLabel('relation', p.relation) : '', p.country, p.declared ? '' : 'undeclared / 未記載'].filter(Boolean).join(', ');
  return e(extra ? `${name} — ${extra}` : name);
}

function verdictCell(verdict: string | undefined, violations: Violation[]): string {
  if (!verdict) return '';
  const codes = violations.map((v) => `${e(bilingualLabel('violation', v.code))} <small>(${e(v.code)})</small>`).join('<br>');
  return `<span class="${verdict === 'allowed' ? 'allowed' : 'violation'}">${e(bilingualLabel('verdict', verdict))}</span>${codes ? `<br>${codes}` : ''}`;
}

function itemsSection(c: ControllerLineage): string {
  const rows = c.items.flatMap((i) =>
    i.holdings.map((h) => [
      e(`${i.label ?? i.item} (${i.item})`) +
        (i.category ? `<br><small>${e(i.category)}</small>` : '') +
        (i.sensitive ? '<br><strong>要配慮 sensitive</strong>' : ''),
      partyText(h.holder),
      e(h.tier),
      when(c, h.from),
      when(c, h.to),
      h.acquiredFrom.kind === 'source'
        ? e(`${bilingualLabel('source', h.acquiredFrom.source.kind)}${h.acquiredFrom.source.name ? `: ${h.acquiredFrom.source.name}` : ''}`)
        : e(`提供元 / provided by ${h.acquiredFrom.provider}`),
      eventIdsCell(h.eventIds),
    ]),
  );
  return (
    heading(3, '保有個人データの項目と保有者', 'Personal data held, and by whom') +
    table(
      [
        ['項目', 'Item'],
        ['保有者', 'Holder'],
        ['区分', 'Tier'],
        ['保有開始', 'Since'],
        ['消去', 'Erased'],
        ['取得元', 'Acquired from'],
        ['根拠イベント', 'Events'],
      ],
      rows,
      '保有なし / nothing held',
    )
  );
}

function purposesSection(c: ControllerLineage): string {
  const declared = (c.terms?.purposes ?? []).map((p) => [e(p.label), e(p.id), list(p.items)]);
  const uses = c.uses.map((u) => [
    when(c, u.at),
    e(u.holder),
    list(u.items),
    list(u.purposes) + (u.exception ? `<br>${e(u.exception)}` : ''),
    verdictCell(u.verdict, u.violations),
    eventIdsCell(u.eventIds),
  ]);
  return (
    heading(3, '利用目的', 'Purposes of processing') +
    table(
      [
        ['利用目的', 'Purpose'],
        ['ID', 'Id'],
        ['項目', 'Items'],
      ],
      declared,
      '記載なし / none declared',
    ) +
    heading(3, '利用の記録', 'Uses') +
    table(
      [
        ['日時', 'When'],
        ['利用者', 'By'],
        ['項目', 'Items'],
        ['目的', 'Purposes'],
        ['判定', 'Verdict'],
        ['根拠イベント', 'Events'],
      ],
      uses,
      '記録なし / none',
    )
  );
}

function provisionSection(c: ControllerLineage): string {
  const rows = c.provisions.map((p) => [
    when(c, p.at),
    e(p.from),
    partyText(p.to),
    e(p.to.address ?? '—'),
    list(p.items),
    list(p.purposes),
    e(bilingualLabel('basis', p.basis)) + (p.consentRef ? `<br>${e(p.consentRef)}` : ''),
    verdictCell(p.verdict, p.violations),
    eventIdsCell(p.eventIds),
  ]);
  const recipients = (c.terms?.recipients ?? []).map((r) => [partyText(r), e(r.country ?? '—'), e(r.address ?? '—')]);
  return (
    heading(3, '第三者提供記録（法第29条・第33条第5項）', 'Third-party provision records (APPI Art. 29, 33(5))') +
    table(
      [
        ['提供日', 'Date'],
        ['提供元', 'From'],
        ['提供先', 'Recipient'],
        ['住所', 'Address'],
        ['項目', 'Items'],
        ['目的', 'Purposes'],
        ['根拠・同意', 'Basis / consent'],
        ['判定', 'Verdict'],
        ['根拠イベント', 'Events'],
      ],
      rows,
      '提供なし / no provision',
    ) +
    heading(3, '提供先（国名を含む）', 'Recipients, with country (GDPR Art. 15(1)(c))') +
    table(
      [
        ['提供先', 'Recipient'],
        ['国', 'Country'],
        ['住所', 'Address'],
      ],
      recipients,
      '記載なし / none declared',
    )
  );
}

function sourcesAndRetention(c: ControllerLineage): string {
  const acq = c.acquisitions.map((a) => [
    when(c, a.at),
    e(a.holder),
    list(a.items),
    e(`${bilingualLabel('source', a.source.kind)}${a.source.name ? `: ${a.source.name}` : ''}`),
    verdictCell(a.verdict, a.violations),
    eventIdsCell(a.eventIds),
  ]);
  const ret = (c.terms?.retention ?? []).map((r) => [list(r.items), e(r.label ?? r.rule), e(r.rule)]);
  return (
    heading(3, '取得元', 'Sources (GDPR Art. 15(1)(g))') +
    table(
      [
        ['日時', 'When'],
        ['取得者', 'Holder'],
        ['項目', 'Items'],
        ['取得元', 'Source'],
        ['判定', 'Verdict'],
        ['根拠イベント', 'Events'],
      ],
      acq,
      '記録なし / none',
    ) +
    heading(3, '保存期間', 'Retention (GDPR Art. 15(1)(d))') +
    table(
      [
        ['項目', 'Items'],
        ['期間', 'Period'],
        ['規則', 'Rule'],
      ],
      ret,
      '記載なし / none declared',
    )
  );
}

function consentsAndErasures(c: ControllerLineage): string {
  const consents = c.consents.map((x) => [
    when(c, x.givenAt),
    list(x.purposes),
    list(x.recipients),
    list(x.items),
    when(c, x.withdrawnAt),
    eventIdsCell(x.eventIds),
  ]);
  // One row per holder: the controller's erasure, then each recipient with the items it held, its confirmation in the same row.
  const erasures = erasureRows(c).map((r) => [
    when(c, r.at),
    e(r.holder),
    list(r.items),
    e(r.reason),
    e(bilingualLabel('erasureState', r.state)) +
      (r.closedAt ? `<br>${when(c, r.closedAt)}` : '') +
      (r.dueAt && r.state !== 'done' ? `<br>期限 / due ${when(c, r.dueAt)}` : '') +
      (r.state === 'overdue' ? `<br><span class="violation">${e(bilingualLabel('violation', 'ERASURE_NOT_PROPAGATED'))}</span>` : ''),
    eventIdsCell(r.eventIds),
  ]);
  return (
    heading(3, '同意', 'Consents') +
    table(
      [
        ['同意日', 'Given'],
        ['目的', 'Purposes'],
        ['提供先', 'Recipients'],
        ['項目', 'Items'],
        ['撤回', 'Withdrawn'],
        ['根拠イベント', 'Events'],
      ],
      consents,
      '記録なし / none',
    ) +
    heading(3, '消去と提供先での消去確認', 'Erasures and acknowledgement by recipients') +
    table(
      [
        ['日時', 'When'],
        ['保有者', 'Holder'],
        ['項目', 'Items'],
        ['理由', 'Reason'],
        ['状態', 'State'],
        ['根拠イベント', 'Events'],
      ],
      erasures,
      '消去なし / none',
    )
  );
}

export function controllerSection(c: ControllerLineage): string {
  const title = `<h2>${e(c.name ?? c.controller)} <span class="en">(${e(c.controller)}${c.regime ? `, ${e(bilingualLabel('regime', c.regime))}` : ''}${c.policyVersion ? `, policy ${e(c.policyVersion)}` : ''})</span></h2>`;
  const address = c.address ? `<p>${e(c.address)}</p>` : '';
  return `<section class="controller">${title}${address}${itemsSection(c)}${sourcesAndRetention(c)}${purposesSection(c)}${provisionSection(c)}${consentsAndErasures(c)}</section>`;
}
