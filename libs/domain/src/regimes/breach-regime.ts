import type { ControllerBreachAssessment, ControllerBreachInput, Reportability } from '../breach/breach-model';
import type { DeadlineClock } from '../breach/deadline-clocks';
import type { BreachReportDraft } from '../breach/report-draft';
import type { Regime } from '../policy/policy';
import type { Clock } from '../time/clock';
import { REGIME_TIME_ZONE } from '../time/zoned-time';
import { assessAppiPublicBreach } from './appi-public/breach-appi-public';
import { assessAppiBreach } from './appi/breach-appi';
import { assessGdprBreach } from './gdpr/breach-gdpr';

type BreachRules = (input: ControllerBreachInput, clock: Clock) => { reportability: Reportability; clocks: DeadlineClock[]; draft: BreachReportDraft };

/** Each regime's breach rules; a new regime does not compile until it has its own. */
export const BREACH_RULES: Record<Regime, BreachRules> = {
  APPI: assessAppiBreach,
  'APPI-public': assessAppiPublicBreach,
  GDPR: assessGdprBreach,
};

/** One controller's duties for a breach, asked of that controller's regime; `regime: null` when no policy of it is known. */
export function assessControllerBreach(input: ControllerBreachInput, regime: Regime | null, clock: Clock): ControllerBreachAssessment {
  const base = { controller: input.controller, ...(input.controllerName ? { name: input.controllerName } : {}), persons: input.persons };
  if (!regime) {
    return {
      ...base,
      regime: null,
      timeZone: 'UTC',
      reportability: {
        reportable: 'undetermined',
        article: '—',
        triggers: [],
        exemptions: [],
        undetermined: ['no policy of this controller is known: its regime, and so its duty to report, cannot be told'],
        missing: ['regime'],
        notifySubjects: { required: 'undetermined', article: '—', reason: 'depends on the regime' },
      },
      clocks: [],
      draft: null,
    };
  }
  return { ...base, regime, timeZone: REGIME_TIME_ZONE[regime], ...BREACH_RULES[regime](input, clock) };
}
