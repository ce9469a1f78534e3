import type { BreachDeclared, BreachReported, SubjectsNotified } from '../events/events';
import type { PolicyItem, Regime } from '../policy/policy';
import type { BreachOpenFact, BreachTrigger } from './breach-vocabulary';
import type { DeadlineClock } from './deadline-clocks';
import type { BreachReportDraft } from './report-draft';

export type { Reportable } from './breach-vocabulary';
import type { Reportable } from './breach-vocabulary';

export interface TriggerFinding {
  trigger: BreachTrigger;
  article: string;
  /** Free of personal data: names items by id and counts persons. */
  reason: string;
  items?: string[];
  /** The controller whose assessment found it (set on the breach-wide summary). */
  controller?: string;
}

/** A rule that takes the breach out of a duty it would otherwise have. */
export interface Exemption {
  article: string;
  reason: string;
}

export interface Reportability {
  reportable: Reportable;
  /** The article that sets the duty to report in this regime. */
  article: string;
  triggers: TriggerFinding[];
  exemptions: Exemption[];
  /** Facts still unknown that could make the breach reportable (e.g. the cause), in words. */
  undetermined: string[];
  /** The same facts as codes (labels in presentation/labels.ts), one per kind. */
  missing: BreachOpenFact[];
  /** Whether the persons must be told, and why. */
  notifySubjects: { required: Reportable; article: string; reason: string };
}

export interface OtherParty {
  party: string;
  name?: string;
  country?: string;
  items: string[];
}

/** What one controller's regime is asked about one breach: its own persons only, never summed with other controllers'. */
export interface ControllerBreachInput {
  breach: BreachDeclared;
  controller: string;
  controllerName?: string;
  holderName?: string;
  /** The breached items as this controller's policy defines them. */
  items: PolicyItem[];
  /** This controller's persons whose data the holder kept in the window. */
  persons: number;
  otherParties: OtherParty[];
  reports: Pick<BreachReported, 'eventId' | 'occurredAt' | 'report' | 'controller'>[];
  notifications: Pick<SubjectsNotified, 'eventId' | 'occurredAt' | 'count'>[];
}

export interface ControllerBreachAssessment {
  controller: string;
  name?: string;
  /** `null` when no policy of the controller is known: its regime, and so its duties, cannot be told. */
  regime: Regime | null;
  persons: number;
  /** The zone deadlines are written in (Asia/Tokyo for APPI, UTC for GDPR). */
  timeZone: string;
  reportability: Reportability;
  clocks: DeadlineClock[];
  draft: BreachReportDraft | null;
}
