import { labelOf, UTC, zoneForRegime, type DisplayZone, type Lang, type Verdict, type Violation } from '@ashiato/domain';
import type { ControllerLineage, LineageReport, PartyRef } from '@ashiato/domain/lineage';
import { at, fields, say, section, type Words } from './present';

const WHEN: Words = ['日時', 'When'];
const ITEM: Words = ['項目', 'Item'];
const ITEMS: Words = ['項目', 'Items'];
const PURPOSES: Words = ['利用目的', 'Purposes'];
const VERDICT: Words = ['判定', 'Verdict'];

/** `適合` / `違反: 公表していない提供先, …`: the verdict and each violation's label. */
function verdictCell(verdict: Verdict | undefined, violations: Violation[], lang: Lang): string {
  if (!verdict && !violations.length) return '—';
  if (!violations.length) return labelOf('verdict', verdict ?? 'allowed', lang);
  return [labelOf('verdict', 'violation', lang), ...violations.map((v) => `• ${labelOf('violation', v.code, lang)} (${v.code})`)].join('\n');
}

const party = (p: PartyRef) => (p.name ? `${p.name} (${p.id})` : p.id);

function renderController(c: ControllerLineage, lang: Lang): string[] {
  const zone: DisplayZone = zoneForRegime(c.regime);
  const names = new Map<string, string>([[c.controller, c.name ?? c.controller]]);
  for (const r of c.terms?.recipients ?? []) if (r.name) names.set(r.id, r.name);
  for (const p of c.provisions) if (p.to.name) names.set(p.to.id, p.to.name);
  // The controller is named in the heading; in its own tables, by id.
  const who = (id: string) => (id !== c.controller && names.get(id) && names.get(id) !== id ? `${names.get(id)} (${id})` : id);
  const itemLabel = new Map(c.items.map((i) => [i.item, i.label ?? i.item]));
  // A few items by label; a long list by id, so that a row stays readable.
  const items = (ids: string[]) => (ids.length <= 4 ? ids.map((i) => itemLabel.get(i) ?? i).join(', ') : `${ids.length}: ${ids.join(', ')}`);

  const out: string[] = [
    '',
    `${c.name ? `${c.name} (${c.controller})` : c.controller}${c.regime ? ` — ${labelOf('regime', c.regime, lang)}` : ''}${c.policyVersion ? `, ${say(lang, 'ポリシー', 'policy')} ${c.policyVersion}` : ''}`,
  ];

  const verdict = (f: { verdict?: Verdict; violations: Violation[] }) => verdictCell(f.verdict, f.violations, lang);
  const erasedAt = (e: ControllerLineage['erasures'][number]) =>
    e.obligations.length
      ? e.obligations
          .map(
            (o) =>
              `${who(o.holder)}: ${labelOf('erasureState', o.acknowledged ? 'done' : o.overdue ? 'overdue' : 'open', lang)}${o.acknowledgedAt ? ` ${at(o.acknowledgedAt, zone)}` : o.dueAt ? ` (${say(lang, '期限', 'due')} ${at(o.dueAt, zone)})` : ''}`,
          )
          .join('\n')
      : '—';

  out.push(
    ...section(
      lang,
      ['保有されている項目', 'Items and who holds them'],
      [ITEM, ['分類', 'Category'], ['保有者', 'Holder'], ['取得元', 'Received from'], ['保有期間', 'Held']],
      c.items.flatMap((i) =>
        i.holdings.map((h) => [
          `${i.label ?? i.item}${i.sensitive ? ` (${say(lang, '要配慮', 'sensitive')})` : ''}`,
          i.category,
          h.holder.id === c.controller ? c.controller : party(h.holder),
          h.acquiredFrom.kind === 'source' ? labelOf('source', h.acquiredFrom.source.kind, lang) : who(h.acquiredFrom.provider),
          `${at(h.from, zone)} –${h.to ? ` ${at(h.to, zone)}` : ` ${say(lang, '保有中', 'now')}`}`,
        ]),
      ),
    ),
    ...section(
      lang,
      ['取得', 'Acquisitions'],
      [WHEN, ['取得者', 'Holder'], ITEMS, ['取得元', 'Source'], PURPOSES, VERDICT],
      c.acquisitions.map((a) => [at(a.at, zone), who(a.holder), items(a.items), labelOf('source', a.source.kind, lang), a.purposes.join(', '), verdict(a)]),
    ),
    ...section(
      lang,
      ['利用', 'Uses'],
      [WHEN, ['利用者', 'Holder'], ITEMS, PURPOSES, VERDICT],
      c.uses.map((u) => [at(u.at, zone), who(u.holder), items(u.items), u.purposes.join(', '), verdict(u)]),
    ),
    ...section(
      lang,
      ['提供', 'Provisions'],
      [WHEN, ['提供元', 'From'], ['提供先', 'To'], ITEMS, ['根拠', 'Basis'], VERDICT],
      c.provisions.map((p) => [
        at(p.at, zone),
        who(p.from),
        `${party(p.to)}${p.to.relation ? `\n${labelOf('relation', p.to.relation, lang)}` : ''}${p.to.country ? `, ${p.to.country}` : ''}`,
        items(p.items),
        labelOf('basis', p.basis, lang),
        verdict(p),
      ]),
    ),
    ...section(
      lang,
      ['消去', 'Erasures'],
      [WHEN, ['消去者', 'Holder'], ITEMS, ['提供先での消去', 'Erasure at recipients']],
      c.erasures.map((e) => [at(e.at, zone), who(e.holder), items(e.items), erasedAt(e)]),
    ),
    ...section(
      lang,
      ['同意', 'Consents'],
      [['同意', 'Given'], ['撤回', 'Withdrawn'], PURPOSES, ['提供先', 'Recipients']],
      c.consents.map((k) => [
        at(k.givenAt, zone),
        k.withdrawnAt ? at(k.withdrawnAt, zone) : '—',
        k.purposes?.join(', ') || say(lang, 'すべて', 'any'),
        k.recipients?.map(who).join(', ') || say(lang, 'すべて', 'any'),
      ]),
    ),
  );
  return out;
}

/** `ashiato lineage`: what each controller holds about one subject, who holds it and how each flow was judged. */
export function renderLineage(r: LineageReport, lang: Lang): string {
  const zone = r.controllers.length ? zoneForRegime(r.controllers[0].regime) : UTC;
  const out = [
    fields([
      [say(lang, '本人', 'Subject'), r.subjectRef],
      [say(lang, '時点', 'As of'), at(r.asOf, zone)],
      [say(lang, '根拠となるイベント', 'Events relied on'), r.eventIds.length],
    ]),
  ];
  if (!r.controllers.length) out.push(say(lang, 'この本人について記録された事象はありません。', 'Nothing is recorded about this subject.'));
  for (const c of r.controllers) out.push(...renderController(c, lang));
  return out.join('\n');
}
