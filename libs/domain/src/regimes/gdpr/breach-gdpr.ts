import type { ControllerBreachInput, Exemption, Reportability, Reportable, TriggerFinding } from '../../breach/breach-model';
import { isBreachCause } from '../../breach/breach-vocabulary';
import { labelOf } from '../../presentation/labels';
import { humanTimeInRegime } from '../../time/zoned-time';
import { runClocks, type ClockSpec, type DeadlineClock } from '../../breach/deadline-clocks';
import { filled, toFields, toFill, type BreachReportDraft, type FieldValue } from '../../breach/report-draft';
import type { Clock } from '../../time/clock';

/**
 * GDPR controllers: Art. 33 (notify the supervisory authority) and Art. 34 (tell the data subjects).
 * The duty follows the controller's own risk assessment, recorded on the declaration with who made it
 * (`riskAssessment`); no APPI situation (sensitive items, counts, causes) ever applies here.
 * - Art. 33(1): notify within 72 hours of becoming aware, unless the breach is unlikely to result in a
 *   risk to the rights and freedoms of natural persons. Without an assessment the duty is undetermined
 *   and the 72-hour clock runs provisionally: the exception must be shown, not assumed.
 * - Art. 34(1): tell the data subjects without undue delay where the risk is high, unless an Art. 34(3)
 *   exemption applies: (a) data unintelligible to others (e.g. encryption), (b) later measures make the
 *   high risk no longer likely, (c) disproportionate effort, then a public communication instead.
 * The 72 hours run from the instant of awareness; deadlines are written in UTC.
 */
const HOUR = 3_600_000;

export const GDPR_REPORT_FIELDS = [
  {
    key: 'nature',
    ja: '侵害の性質（データ主体・記録の種類と概数を含む）',
    en: 'Art. 33(3)(a): nature of the breach, categories and approximate number of data subjects and records',
  },
  { key: 'contact', ja: 'データ保護責任者その他の連絡先の氏名及び連絡先', en: 'Art. 33(3)(b): name and contact details of the DPO or other contact point' },
  { key: 'consequences', ja: '侵害により生じ得る結果', en: 'Art. 33(3)(c): likely consequences of the breach' },
  {
    key: 'measures',
    ja: '講じた又は講じる予定の措置（悪影響の軽減措置を含む）',
    en: 'Art. 33(3)(d): measures taken or proposed, including to mitigate adverse effects',
  },
  { key: 'riskAssessment', ja: 'リスク評価と評価者', en: 'Risk assessment and who made it (Art. 33(1), 33(5))' },
] as const;
type GdprFieldKey = (typeof GDPR_REPORT_FIELDS)[number]['key'];

export function assessGdprReportability(input: ControllerBreachInput): Reportability {
  const ra = input.breach.riskAssessment;
  const triggers: TriggerFinding[] = [];
  const exemptions: Exemption[] = [];
  const undetermined: string[] = [];
  let reportable: Reportable;
  if (!ra) {
    reportable = 'undetermined';
    undetermined.push(
      'no risk assessment recorded: the supervisory authority must be notified unless the breach is shown unlikely to result in a risk (GDPR Art. 33(1))',
    );
  } else if (ra.level === 'unlikely') {
    reportable = false;
    exemptions.push({
      article: 'GDPR Art. 33(1)',
      reason: `assessed unlikely to result in a risk to the rights and freedoms of natural persons, by ${ra.assessedBy}; document it under Art. 33(5)`,
    });
  } else {
    reportable = true;
    triggers.push({
      trigger: 'riskToRights',
      article: 'GDPR Art. 33(1)',
      reason: `assessed as ${labelOf('riskLevel', ra.level, 'en').toLowerCase()} by ${ra.assessedBy}`,
    });
    if (ra.level === 'high')
      triggers.push({
        trigger: 'highRisk',
        article: 'GDPR Art. 34(1)',
        reason: `a high risk: the data subjects must be told without undue delay unless Art. 34(3) applies`,
      });
  }
  return {
    reportable,
    article: 'GDPR Art. 33(1)',
    triggers,
    exemptions,
    undetermined,
    missing: ra ? [] : ['riskAssessment'],
    notifySubjects: notifySubjects(input),
  };
}

function notifySubjects(input: ControllerBreachInput): Reportability['notifySubjects'] {
  const ra = input.breach.riskAssessment;
  if (!ra) return { required: 'undetermined', article: 'GDPR Art. 34(1)', reason: 'required if the risk is assessed high' };
  if (ra.level !== 'high') return { required: false, article: 'GDPR Art. 34(1)', reason: 'the risk is not assessed high' };
  const exemption = ra.subjectNotificationExemption ?? (input.breach.protection === 'highLevelEncryption' ? 'unintelligible' : undefined);
  if (exemption === 'disproportionateEffort')
    return { required: true, article: 'GDPR Art. 34(3)(c)', reason: 'a public communication or similar measure instead of telling each person' };
  if (exemption)
    return { required: false, article: `GDPR Art. 34(3)(${exemption === 'unintelligible' ? 'a' : 'b'})`, reason: labelOf('art34Exemption', exemption, 'en') };
  return { required: true, article: 'GDPR Art. 34(1)', reason: 'a high risk: tell the data subjects without undue delay' };
}

export function gdprClocks(input: ControllerBreachInput, r: Reportability, clock: Clock): DeadlineClock[] {
  const specs: ClockSpec[] = [];
  if (r.reportable !== false) {
    specs.push({
      kind: 'gdpr-authority',
      legalBasis: 'GDPR Art. 33(1) (72 hours after becoming aware)',
      dueAt: Date.parse(input.breach.discoveredAt) + 72 * HOUR,
      dueBasis: '72 hours from the instant of awareness',
    });
  }
  if (r.notifySubjects.required !== false) specs.push({ kind: 'subject-notification', legalBasis: `${r.notifySubjects.article} (without undue delay)` });
  const provisional = r.reportable === 'undetermined';
  return runClocks(
    specs,
    {
      regime: 'GDPR',
      controller: input.controller,
      discoveredAt: input.breach.discoveredAt,
      provisional,
      reports: input.reports,
      notifications: input.notifications,
    },
    clock,
  );
}

export function draftGdprNotification(input: ControllerBreachInput, r: Reportability): BreachReportDraft {
  const b = input.breach;
  const ra = b.riskAssessment;
  const holder = input.holderName ? `${input.holderName} (${b.holder})` : b.holder;
  const categories = [...new Set(input.items.map((i) => i.category))];
  const special = input.items.filter((i) => i.sensitive).map((i) => i.id);
  const cause = isBreachCause(b.cause) && b.cause !== 'unknown' ? labelOf('cause', b.cause, 'en') : 'cause under investigation';
  const values: Record<GdprFieldKey, FieldValue> = {
    nature: filled(
      [
        `${b.title ? `${b.title}. ` : ''}Personal data held by ${holder} for ${input.controllerName ?? input.controller} was leaked or may have been leaked between ${humanTimeInRegime(b.window.from, 'GDPR')} and ${humanTimeInRegime(b.window.to, 'GDPR')}; the controller became aware at ${humanTimeInRegime(b.discoveredAt, 'GDPR')}. Cause: ${cause}${b.description ? ` (${b.description})` : ''}.`,
        `Categories of personal data: ${categories.join(', ') || b.items.join(', ')}${special.length ? `; special categories (Art. 9): ${special.join(', ')}` : ''}.`,
        `Approximate number of data subjects: ${input.persons}. Records: the items ${b.items.join(', ')} of each.`,
      ].join(' '),
    ),
    contact: toFill('name and contact details of the data protection officer or other contact point'),
    consequences: toFill('likely consequences for the data subjects'),
    measures: toFill('measures taken or proposed to address the breach and mitigate its possible adverse effects'),
    riskAssessment: ra
      ? filled(
          `${labelOf('riskLevel', ra.level, 'en')}; assessed by ${ra.assessedBy}${ra.assessedAt ? ` at ${humanTimeInRegime(ra.assessedAt, 'GDPR')}` : ''}. Data subjects: ${r.notifySubjects.reason} (${r.notifySubjects.article}).`,
        )
      : toFill('the risk assessment (unlikely / risk / high) and who made it'),
  };
  return {
    breachId: b.breachId,
    controller: input.controller,
    regime: 'GDPR',
    article: 'GDPR Art. 33(3)',
    authority: { ja: '監督機関', en: 'Lead supervisory authority' },
    title: { ja: '個人データ侵害の通知（案）', en: 'Draft notification of a personal data breach' },
    reportable: r.reportable,
    fields: toFields(GDPR_REPORT_FIELDS, values),
  };
}

export function assessGdprBreach(input: ControllerBreachInput, clock: Clock) {
  const reportability = assessGdprReportability(input);
  return { reportability, clocks: gdprClocks(input, reportability, clock), draft: draftGdprNotification(input, reportability) };
}
