import { commonZone, labelOf, zoneNamed, type Lang } from '@ashiato/domain';
import type { DeadlineClock, Reportable } from '@ashiato/domain/breach';
import type { BreachAnswer, BreachListing } from '@ashiato/application';
import { at, fields, say, section, table, type Words } from './present';

const CONTROLLER: Words = ['管理者', 'Controller'];
const PERSONS: Words = ['本人の数', 'Persons'];
const ITEMS: Words = ['項目', 'Items'];

/** A section after a blank line; nothing when the section is empty. */
const spaced = (lines: string[]): string[] => (lines.length ? ['', ...lines] : []);

const reportableLabel = (r: Reportable, lang: Lang) => labelOf('reportable', String(r), lang);
const requiredLabel = (r: Reportable, lang: Lang) =>
  r === true ? say(lang, '必要', 'Required') : r === false ? say(lang, '不要', 'Not required') : say(lang, '未確定', 'Undetermined');

/** A clock's state in words: open, overdue, closed, closed late; provisional when the duty is not established. */
export function clockState(c: DeadlineClock, lang: Lang): string {
  const state =
    c.status === 'closed'
      ? c.closedLate
        ? say(lang, '期限後に完了', 'closed late')
        : say(lang, '完了', 'closed')
      : c.overdue
        ? say(lang, '期限超過', 'OVERDUE')
        : say(lang, '未了', 'open');
  return c.provisional ? `${state} (${say(lang, '暫定', 'provisional')})` : state;
}

/** The earliest deadline of a clock still open, in that clock's zone. */
function nextDeadline(clocks: DeadlineClock[], lang: Lang): string {
  const open = clocks.filter((c) => c.status === 'open' && c.dueAt).sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!));
  const first = open[0];
  if (!first) return '—';
  return `${at(first.dueAt, zoneNamed(first.timeZone))}\n${labelOf('clock', first.kind, lang)}`;
}

/** `ashiato breach list`: one row per breach, most recently discovered first. */
export function renderBreachList(list: BreachListing, lang: Lang): string {
  if (!list.items.length) return say(lang, '宣言された漏えい等はありません。', 'No breach has been declared.');
  const head = [
    say(lang, '漏えい等 / 漏えい元', 'Breach / holder'),
    say(lang, '発覚', 'Discovered'),
    say(lang, '原因', 'Cause'),
    say(lang, '本人の数', 'Persons'),
    say(lang, '報告', 'Reportable'),
    say(lang, '期限 未了/超過', 'Clocks open/overdue'),
    say(lang, '次の期限', 'Next deadline'),
  ];
  const rows = list.items.map((b) => [
    [b.title, b.breachId, `@${b.holder}`].filter(Boolean).join('\n'),
    at(b.discoveredAt, commonZone(b.regimes)),
    labelOf('cause', b.cause, lang),
    b.affectedSubjects,
    reportableLabel(b.reportable, lang),
    `${b.openClocks} / ${b.overdueClocks}`,
    nextDeadline(b.clocks, lang),
  ]);
  const lines = [table(head, rows)];
  if (list.nextCursor) lines.push(say(lang, `続き: --cursor ${list.nextCursor}`, `more: --cursor ${list.nextCursor}`));
  return lines.join('\n');
}

/** `ashiato breach show`: blast radius, reportability, legal clocks, other parties, a page of subjects. */
export function renderBreachShow(b: BreachAnswer, lang: Lang): string {
  const zone = commonZone(b.regimes);
  const d = b.declared;
  const out: string[] = [];
  if (d.title) out.push(d.title);
  out.push(
    fields([
      [say(lang, 'ID', 'Breach id'), b.breachId],
      [say(lang, '漏えい元', 'Holder'), [b.holder.name ? `${b.holder.name} (${b.holder.id})` : b.holder.id, b.holder.country].filter(Boolean).join(', ')],
      [say(lang, '項目', 'Items'), d.items.join(', ')],
      [say(lang, '期間', 'Window'), `${at(d.window.from, zone)} – ${at(d.window.to, zone)}`],
      [say(lang, '発覚', 'Discovered'), at(d.discoveredAt, zone)],
      [say(lang, '原因', 'Cause'), labelOf('cause', d.cause, lang)],
      [say(lang, '保護措置', 'Protection'), labelOf('protection', d.protection ?? 'none', lang)],
      [say(lang, '本人の数', 'Persons affected'), b.affected.subjects],
      [say(lang, '報告', 'Reportable'), `${reportableLabel(b.reportability.reportable, lang)} (${b.reportability.article})`],
      [
        say(lang, '本人への通知', 'Notify the persons'),
        `${requiredLabel(b.reportability.notifySubjects.required, lang)} (${b.reportability.notifySubjects.article})`,
      ],
    ]),
  );

  const flags = (i: BreachAnswer['affected']['byItem'][number]) =>
    [i.sensitive ? say(lang, '要配慮', 'sensitive') : '', i.financialRisk ? say(lang, '財産的被害のおそれ', 'financial risk') : ''].filter(Boolean).join(', ');
  const r = b.reportability;
  const clockRow = (c: DeadlineClock) => {
    const z = zoneNamed(c.timeZone);
    const closed = c.closedAt ? `\n${at(c.closedAt, z)}` : '';
    return [
      labelOf('clock', c.kind, lang),
      c.controller,
      c.targetAt ? at(c.targetAt, z) : '—',
      c.dueAt ? at(c.dueAt, z) : say(lang, '速やかに', 'promptly'),
      `${clockState(c, lang)}${closed}`,
      c.legalBasis,
    ];
  };
  const shown = b.subjects.items.length;
  out.push(
    ...spaced(
      section(
        lang,
        ['管理者ごと', 'By controller'],
        [CONTROLLER, ['規制', 'Regime'], PERSONS],
        b.affected.byController.map((c) => [
          c.name ? `${c.name} (${c.controller})` : c.controller,
          c.regime ? labelOf('regime', c.regime, lang) : '—',
          c.subjects,
        ]),
      ),
    ),
    ...spaced(
      section(
        lang,
        ['項目ごと', 'By item'],
        [['項目', 'Item'], ['分類', 'Category'], ['注意', 'Flags'], PERSONS],
        b.affected.byItem.map((i) => [i.label ? `${i.label} (${i.item})` : i.item, i.category, flags(i), i.subjects]),
      ),
    ),
    ...spaced(
      section(
        lang,
        ['報告の要否の理由', 'Why it is (or may be) reportable'],
        [['事由', 'Finding'], CONTROLLER, ['根拠', 'Article'], ['説明', 'Reason']],
        [
          ...r.triggers.map((t) => [labelOf('breachTrigger', t.trigger, lang), t.controller, t.article, t.reason]),
          ...r.exemptions.map((e) => [say(lang, '適用除外', 'Exemption'), '', e.article, e.reason]),
          ...(r.missing ?? []).map((m) => [say(lang, '未確定', 'Undetermined'), '', '', labelOf('openFact', m, lang)]),
        ],
      ),
    ),
    ...spaced(
      section(
        lang,
        ['期限', 'Deadlines'],
        [['期限の種類', 'Clock'], CONTROLLER, ['目安', 'Target'], ['期限', 'Due'], ['状態', 'State'], ['根拠', 'Legal basis']],
        b.clocks.map(clockRow),
      ),
    ),
    ...spaced(
      section(
        lang,
        ['提供を受けた他の者', 'Other parties that received the items'],
        [['提供先', 'Party'], ['経由', 'Via'], ITEMS, PERSONS, ['最初の受領', 'First received']],
        b.otherParties.map((p) => [
          [p.name ? `${p.name} (${p.party})` : p.party, p.country].filter(Boolean).join(', '),
          p.via,
          p.items.join(', '),
          p.subjects,
          at(p.firstAt, zone),
        ]),
      ),
    ),
    ...spaced(
      section(
        lang,
        ['記録された報告・通知', 'Reports and notifications recorded'],
        [
          ['内容', 'What'],
          ['日時', 'When'],
          ['イベント', 'Event id'],
        ],
        [
          ...b.reports.map((x) => [`${labelOf('clock', x.report, lang)}${x.authority ? ` (${x.authority})` : ''}`, at(x.occurredAt, zone), x.eventId]),
          ...b.notifications.map((n) => [
            n.count === undefined ? say(lang, '本人への通知', 'Persons notified') : say(lang, `本人への通知 ${n.count}人`, `${n.count} person(s) notified`),
            at(n.occurredAt, zone),
            n.eventId,
          ]),
        ],
      ),
    ),
    ...spaced(
      section(
        lang,
        [`影響を受けた本人（${shown}人を表示、全員は --csv）`, `Affected subjects (${shown} shown; all of them with --csv)`],
        [['本人', 'Subject ref'], ['管理者', 'Controllers'], ITEMS],
        b.subjects.items.map((s) => [s.subjectRef, s.controllers.join(', '), s.items.join(', ')]),
      ),
    ),
  );
  if (shown && b.subjects.nextCursor) out.push(say(lang, `続き: --cursor ${b.subjects.nextCursor}`, `more: --cursor ${b.subjects.nextCursor}`));
  return out.join('\n');
}

/** What a breach write answered: its id and the log position to read it back at. */
export function renderBreachWrite(what: string, r: { breachId: string; eventId: string; lastPosition: number }, lang: Lang): string {
  return fields([
    [say(lang, '記録', 'Recorded'), what],
    [say(lang, 'ID', 'Breach id'), r.breachId],
    [say(lang, 'イベント', 'Event id'), r.eventId],
    [say(lang, '位置', 'Log position'), r.lastPosition],
  ]);
}
