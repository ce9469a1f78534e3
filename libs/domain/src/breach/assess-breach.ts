import type { BreachDeclared, BreachReported, SubjectsNotified } from '../events/events';
import type { PolicyItem, Regime } from '../policy/policy';
import type { Clock } from '../time/clock';
import { assessControllerBreach } from '../regimes/breach-regime';
import type { ControllerBreachAssessment, OtherParty, Reportability, Reportable } from './breach-model';
import type { DeadlineClock } from './deadline-clocks';
import type { BreachReportDraft } from './report-draft';

/** The facts read models give about a breach's blast radius, per controller whose data the holder kept. */
export interface BreachFacts {
  breach: BreachDeclared;
  holderName?: string;
  controllers: {
    controller: string;
    name?: string;
    /** Absent when no policy of the controller is known. */
    regime?: Regime;
    /** This controller's persons affected (never summed across controllers). */
    persons: number;
    /** The breached items as this controller's policy defines them. */
    items: PolicyItem[];
  }[];
  otherParties: OtherParty[];
  reports: BreachReported[];
  notifications: SubjectsNotified[];
}

export interface BreachAssessment {
  regimes: Regime[];
  /** One per controller, each asked of that controller's regime. */
  assessments: ControllerBreachAssessment[];
  /** The breach as a whole: reportable if any controller must report; undetermined if any cannot tell and none must. */
  reportability: Reportability;
  /** Every controller's clocks. */
  clocks: DeadlineClock[];
  /** The draft of the first controller that must (or may have to) report; null when no regime is known. */
  draftReport: BreachReportDraft | null;
}

const rank = (r: Reportable) => (r === true ? 2 : r === 'undetermined' ? 1 : 0);
const worst = (rs: Reportable[], empty: Reportable): Reportable => (rs.length ? rs.reduce((a, b) => (rank(b) > rank(a) ? b : a)) : empty);

function summary(assessments: ControllerBreachAssessment[]): Reportability {
  const many = assessments.length > 1;
  const tag = (a: ControllerBreachAssessment, s: string) => (many ? `${a.controller}: ${s}` : s);
  return {
    reportable: worst(
      assessments.map((a) => a.reportability.reportable),
      'undetermined',
    ),
    article: [...new Set(assessments.map((a) => a.reportability.article))].join(' / ') || '—',
    triggers: assessments.flatMap((a) => a.reportability.triggers.map((t) => ({ ...t, controller: a.controller }))),
    exemptions: assessments.flatMap((a) => a.reportability.exemptions.map((e) => ({ ...e, reason: tag(a, e.reason) }))),
    undetermined: assessments.length
      ? assessments.flatMap((a) => a.reportability.undetermined.map((u) => tag(a, u)))
      : ['no controller’s data was found at the holder in the window, and the declaration names no controller'],
    missing: assessments.length ? [...new Set(assessments.flatMap((a) => a.reportability.missing))] : ['controller'],
    notifySubjects: {
      required: worst(
        assessments.map((a) => a.reportability.notifySubjects.required),
        'undetermined',
      ),
      article: [...new Set(assessments.map((a) => a.reportability.notifySubjects.article))].join(' / ') || '—',
      reason: assessments.map((a) => tag(a, a.reportability.notifySubjects.reason)).join('; ') || 'no controller known',
    },
  };
}

export function assessBreach(facts: BreachFacts, clock: Clock): BreachAssessment {
  const assessments = facts.controllers.map((c) =>
    assessControllerBreach(
      {
        breach: facts.breach,
        controller: c.controller,
        ...(c.name ? { controllerName: c.name } : {}),
        ...(facts.holderName ? { holderName: facts.holderName } : {}),
        items: c.items,
        persons: c.persons,
        otherParties: facts.otherParties,
        reports: facts.reports,
        notifications: facts.notifications,
      },
      c.regime ?? null,
      clock,
    ),
  );
  const regimes = [...new Set(assessments.map((a) => a.regime).filter((r): r is Regime => !!r))].sort();
  const lead = [...assessments].filter((a) => a.draft).sort((a, b) => rank(b.reportability.reportable) - rank(a.reportability.reportable))[0];
  return { regimes, assessments, reportability: summary(assessments), clocks: assessments.flatMap((a) => a.clocks), draftReport: lead?.draft ?? null };
}
