import type { BreachDeclared, BreachReported, SubjectsNotified } from '../events/events';
import type { PolicyItem, Regime } from '../policy/policy';
import type { Clock } from '../time/clock';
import { draftAppiReport, type AppiReportDraft, type OtherParty } from './appi-report-draft';
import { computeDeadlineClocks, type DeadlineClock } from './deadline-clocks';
import { assessAppiReportability, type Reportability } from './reportability';

/** The facts read models give about a breach's blast radius; the assessment adds the law. */
export interface BreachFacts {
  breach: BreachDeclared;
  holderName?: string;
  /** Affected items resolved against the controllers' policies. */
  items: PolicyItem[];
  affectedPersons: number;
  controllers: { controller: string; name?: string; regime?: Regime }[];
  otherParties: OtherParty[];
  reports: BreachReported[];
  notifications: SubjectsNotified[];
}

export interface BreachAssessment {
  regimes: Regime[];
  reportability: Reportability;
  clocks: DeadlineClock[];
  draftReport: AppiReportDraft;
}

export function assessBreach(facts: BreachFacts, clock: Clock): BreachAssessment {
  const regimes = [...new Set(facts.controllers.map((c) => c.regime).filter((r): r is Regime => !!r))].sort();
  const reportability = assessAppiReportability({ items: facts.items, cause: facts.breach.cause, affectedPersons: facts.affectedPersons });
  const clocks = computeDeadlineClocks(
    { discoveredAt: facts.breach.discoveredAt, regimes, reportability, reports: facts.reports, notifications: facts.notifications },
    clock,
  );
  const draftReport = draftAppiReport({
    breach: facts.breach,
    holderName: facts.holderName,
    items: facts.items,
    affectedPersons: facts.affectedPersons,
    controllers: facts.controllers,
    otherParties: facts.otherParties,
    reportability,
    notifications: facts.notifications,
  });
  return { regimes, reportability, clocks, draftReport };
}
