import type { ProvisionRecordDecision, Violation } from '../flows/violations';
import type { ProvisionContext } from './provision-facts';

export type { ProvisionRecordDecision } from '../flows/violations';

export interface ProvisionDecision {
  violations: Violation[];
  record: ProvisionRecordDecision;
}

/** The flow rules of one regime. Each is a pure function of the provision's context. */
export interface FlowRules {
  /** The legal basis of a provision, its transfer abroad, and the record it requires. */
  judgeProvision(ctx: ProvisionContext): ProvisionDecision;
  /**
   * Whether a provision outside the purposes declared for the recipient is lawful anyway (then purpose
   * limitation is not checked). Statutory provisions are lifted for every regime before this is asked.
   */
  liftsPurposeLimitation(ctx: ProvisionContext): boolean;
}
