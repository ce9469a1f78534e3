import type { ControllerBreachInput, Exemption, Reportability, TriggerFinding } from '../../breach/breach-model';
import { causeImpliesImproperPurpose, isBreachCause } from '../../breach/breach-vocabulary';
import { labelOf } from '../../presentation/labels';
import { runClocks, type ClockSpec, type DeadlineClock } from '../../breach/deadline-clocks';
import { filled, toFields, toFill, type BreachReportDraft, type FieldValue } from '../../breach/report-draft';
import type { PolicyItem } from '../../policy/policy';
import type { Clock } from '../../time/clock';
import { periodInDays } from '../../time/civil-code-period';
import { humanTimeInRegime } from '../../time/zoned-time';
import { appiReportFields, type AppiBreachArticles, type AppiReportFieldKey } from './breach-articles';

export { appiReportFields, type AppiBreachArticles, type AppiReportFieldKey } from './breach-articles';

const PERSONAL_DATA: AppiBreachArticles['dataTerm'] = { ja: '個人データ', en: 'personal data' };
/** Rules Art. 8(1) (1)–(9): the items of the report of a business, in order. */
export const APPI_REPORT_FIELDS = appiReportFields(PERSONAL_DATA);

export const APPI_BUSINESS_BREACH: AppiBreachArticles = {
  regime: 'APPI',
  duty: 'APPI Art. 26(1)',
  situations: 'APPI Enforcement Rules Art. 7',
  personsThreshold: 1000,
  personsTrigger: 'overThousandPersons',
  preliminary: 'APPI Art. 26(1); Rules Art. 8(1) (速報, promptly: 3–5 days)',
  final: 'APPI Art. 26(1); Rules Art. 8(2) (確報)',
  notifySubjects: 'APPI Art. 26(2) (promptly)',
  reportArticle: 'APPI Art. 26(1); Enforcement Rules Art. 8',
  reportFields: APPI_REPORT_FIELDS,
  dataTerm: PERSONAL_DATA,
};

const DAY_TARGET_PRELIMINARY = 3;
const DAY_DUE_PRELIMINARY = 5;

function triggersOf(input: ControllerBreachInput, a: AppiBreachArticles): { triggers: TriggerFinding[]; undetermined: string[] } {
  const triggers: TriggerFinding[] = [];
  const undetermined: string[] = [];
  const ids = (pred: (i: PolicyItem) => boolean | undefined) => input.items.filter(pred).map((i) => i.id);

  const sensitive = ids((i) => i.sensitive);
  if (sensitive.length) {
    triggers.push({
      trigger: 'sensitive',
      article: `${a.situations}(i)`,
      reason: `special care-required personal information (要配慮個人情報) involved: ${sensitive.join(', ')}`,
      items: sensitive,
    });
  }
  const financial = ids((i) => i.financialRisk);
  if (financial.length) {
    triggers.push({
      trigger: 'financialRisk',
      article: `${a.situations}(ii)`,
      reason: `items whose misuse may cause financial damage: ${financial.join(', ')}`,
      items: financial,
    });
  }
  const cause = input.breach.cause;
  const improper = causeImpliesImproperPurpose(cause);
  if (improper === true) {
    triggers.push({
      trigger: 'improperPurpose',
      article: `${a.situations}(iii)`,
      reason: `cause "${cause}" (${labelOf('cause', cause, 'en')}) means a leak for an improper purpose (不正の目的) may have occurred`,
    });
  } else if (improper === null) {
    const why = cause === undefined ? 'no cause recorded' : isBreachCause(cause) ? 'cause under investigation' : 'cause not in the vocabulary';
    undetermined.push(`${why}: an improper purpose (${a.situations}(iii)) cannot be ruled out`);
  }
  if (input.persons > a.personsThreshold) {
    triggers.push({
      trigger: a.personsTrigger,
      article: `${a.situations}(iv)`,
      reason: `${input.persons} persons of this controller affected, more than ${a.personsThreshold.toLocaleString('en')}`,
    });
  }
  return { triggers, undetermined };
}

/** Rules Art. 7(i) / Art. 43(i): data protected by high-level encryption or equivalent is outside every situation. */
function protectionExemption(input: ControllerBreachInput, a: AppiBreachArticles): Exemption | undefined {
  if (input.breach.protection !== 'highLevelEncryption') return undefined;
  return {
    article: `${a.situations}(i) (高度な暗号化その他の個人の権利利益を保護するために必要な措置)`,
    reason: 'declared protected by high-level encryption or equivalent measures: no situation of the article applies',
  };
}

export function assessAppiFamilyReportability(input: ControllerBreachInput, a: AppiBreachArticles): Reportability {
  const exemption = protectionExemption(input, a);
  const { triggers, undetermined } = exemption ? { triggers: [], undetermined: [] } : triggersOf(input, a);
  const reportable = triggers.length ? true : undetermined.length ? 'undetermined' : false;
  return {
    reportable,
    article: `${a.duty}; ${a.situations}`,
    triggers,
    exemptions: exemption ? [exemption] : [],
    undetermined,
    missing: undetermined.length ? ['cause'] : [],
    notifySubjects: {
      required: reportable,
      article: a.notifySubjects,
      reason:
        reportable === true
          ? 'a reportable breach must also be notified to the persons (or a substitute measure taken where that is difficult)'
          : reportable === 'undetermined'
            ? 'required if the breach turns out reportable'
            : 'not reportable: no duty to notify the persons',
    },
  };
}

export function appiFamilyClocks(input: ControllerBreachInput, r: Reportability, a: AppiBreachArticles, clock: Clock): DeadlineClock[] {
  if (r.reportable === false) return [];
  const from = input.breach.discoveredAt;
  const improper = r.triggers.some((t) => t.trigger === 'improperPurpose');
  const finalDays = improper ? 60 : 30;
  const target = periodInDays(from, DAY_TARGET_PRELIMINARY);
  const due = periodInDays(from, DAY_DUE_PRELIMINARY);
  const fin = periodInDays(from, finalDays);
  const specs: ClockSpec[] = [
    { kind: 'appi-preliminary', legalBasis: a.preliminary, targetAt: target.endsAt, dueAt: due.endsAt, dueBasis: due.basis },
    {
      kind: 'appi-final',
      legalBasis: `${a.final} ${finalDays} days${improper ? `: improper purpose, ${a.situations}(iii)` : ''}`,
      dueAt: fin.endsAt,
      dueBasis: fin.basis,
    },
    { kind: 'subject-notification', legalBasis: a.notifySubjects },
  ];
  return runClocks(
    specs,
    {
      regime: a.regime,
      controller: input.controller,
      discoveredAt: from,
      provisional: r.reportable === 'undetermined',
      reports: input.reports,
      notifications: input.notifications,
    },
    clock,
  );
}

function itemLabel(id: string, items: PolicyItem[]): string {
  const item = items.find((i) => i.id === id);
  if (!item) return id;
  const flags = [item.sensitive ? '要配慮 sensitive' : '', item.financialRisk ? 'financial risk' : ''].filter(Boolean);
  return `${item.label} (${item.id}, ${item.category}${flags.length ? `, ${flags.join(', ')}` : ''})`;
}

function causeValue(input: ControllerBreachInput): FieldValue {
  const { cause, description } = input.breach;
  if (!isBreachCause(cause) || cause === 'unknown') return toFill(`cause under investigation${description ? ` (${description})` : ''}`);
  const improper = causeImpliesImproperPurpose(cause) ? '; improper purpose / 不正の目的' : '';
  return filled(`${labelOf('cause', cause, 'ja')} / ${labelOf('cause', cause, 'en')} (${cause}${improper})${description ? ` — ${description}` : ''}`);
}

export function draftAppiFamilyReport(input: ControllerBreachInput, r: Reportability, a: AppiBreachArticles): BreachReportDraft {
  const b = input.breach;
  const holder = input.holderName ? `${input.holderName} (${b.holder})` : b.holder;
  const controller = input.controllerName ?? input.controller;
  const notified = input.notifications.reduce((n, x) => n + (x.count ?? 0), 0);
  const financial = input.items.filter((i) => i.financialRisk).map((i) => i.id);
  const parties = input.otherParties.map((p) => `${p.name ?? p.party}${p.country ? ` [${p.country}]` : ''}: ${p.items.join(', ')}`);
  const values: Record<AppiReportFieldKey, FieldValue> = {
    overview: filled(
      `${b.title ? `${b.title}. ` : ''}${a.dataTerm.en[0].toUpperCase()}${a.dataTerm.en.slice(1)} held by ${holder} for ${controller} was leaked or may have been leaked between ${humanTimeInRegime(b.window.from, a.regime)} and ${humanTimeInRegime(b.window.to, a.regime)}; discovered at ${humanTimeInRegime(b.discoveredAt, a.regime)}.`,
    ),
    items: filled(b.items.map((id) => itemLabel(id, input.items)).join('; ')),
    persons: filled(input.persons),
    cause: causeValue(input),
    secondaryHarm: toFill(
      financial.length
        ? `items open to financial misuse were involved (${financial.join(', ')}); state whether misuse occurred`
        : 'whether secondary harm occurred or may occur, and its nature',
    ),
    responseToPersons: input.notifications.length
      ? {
          value: `${notified} of ${input.persons} persons notified (last on ${humanTimeInRegime(input.notifications.at(-1)!.occurredAt, a.regime)})`,
          toBeFilled: notified < input.persons,
        }
      : toFill(`${input.persons} persons to notify, none notified yet`),
    publication: toFill('whether and how the breach was made public'),
    prevention: toFill('measures taken or planned to prevent recurrence'),
    other: filled(
      [
        `Holder: ${holder}.`,
        parties.length
          ? `Other parties that received these items from or through the holder: ${parties.join('; ')}.`
          : 'No other party received these items from or through the holder.',
        `Reportability: ${r.triggers.map((t) => t.article).join('; ') || r.exemptions.map((e) => e.article).join('; ') || `no situation of ${a.situations} applies`}.`,
      ].join(' '),
    ),
  };
  return {
    breachId: b.breachId,
    controller: input.controller,
    regime: a.regime,
    article: a.reportArticle,
    authority: { ja: '個人情報保護委員会', en: 'Personal Information Protection Commission (PPC)' },
    title: { ja: `${a.dataTerm.ja}の漏えい等報告（案）`, en: `Draft report of a breach of ${a.dataTerm.en}` },
    reportable: r.reportable,
    fields: toFields(a.reportFields, values),
  };
}

/** A breach under one APPI article set (business or public body): its reportability, the clocks that follow and the draft report. */
export const assessAppiFamilyBreach = (a: AppiBreachArticles) => (input: ControllerBreachInput, clock: Clock) => {
  const reportability = assessAppiFamilyReportability(input, a);
  return { reportability, clocks: appiFamilyClocks(input, reportability, a, clock), draft: draftAppiFamilyReport(input, reportability, a) };
};

/** An APPI business (個人情報取扱事業者): Art. 26, Enforcement Rules Arts. 7–8. */
export const assessAppiBreach = assessAppiFamilyBreach(APPI_BUSINESS_BREACH);
