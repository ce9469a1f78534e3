import type { ProvisionBasis, SourceKind } from '../events/events';
import type { FlowJudgement, Verdict, Violation } from '../flows/violations';
import type { RecipientRelation, Regime } from '../policy/policy';

/**
 * The answer to "what do you hold about me": one subject's lineage as of an instant, grouped by
 * controller. Every fact names the eventIds that prove it.
 */
export interface LineageReport {
  subjectRef: string;
  asOf: string;
  generatedAt: string;
  controllers: ControllerLineage[];
  /** Every eventId the report relies on, in log order. */
  eventIds: string[];
}

/** controller = the controller itself; recipient = received from the controller; onward = received from a recipient. */
export type HolderTier = 'controller' | 'recipient' | 'onward';

export interface PartyRef {
  id: string;
  name?: string;
  country?: string;
  relation?: RecipientRelation | 'controller';
  address?: string;
  /** False for a party the policy does not declare. */
  declared: boolean;
}

export interface HoldingFact {
  item: string;
  holder: PartyRef;
  tier: HolderTier;
  from: string;
  /** Set when the holder erased the item before asOf. */
  to?: string;
  acquiredFrom: { kind: 'source'; source: { kind: SourceKind; name?: string } } | { kind: 'provision'; provider: string };
  eventIds: string[];
}

export interface ItemLineage {
  item: string;
  label?: string;
  category?: string;
  sensitive?: boolean;
  /** Holders still holding it at asOf. */
  heldBy: string[];
  holdings: HoldingFact[];
}

export interface AcquisitionFact {
  at: string;
  holder: string;
  items: string[];
  source: { kind: SourceKind; name?: string };
  purposes: string[];
  verdict?: Verdict;
  violations: Violation[];
  eventIds: string[];
}

export interface UseFact {
  at: string;
  holder: string;
  items: string[];
  purposes: string[];
  exception?: string;
  verdict?: Verdict;
  violations: Violation[];
  eventIds: string[];
}

export interface ProvisionFact {
  at: string;
  from: string;
  to: PartyRef;
  items: string[];
  purposes: string[];
  basis?: ProvisionBasis;
  consentRef?: string;
  verdict?: Verdict;
  violations: Violation[];
  eventIds: string[];
}

export interface ErasureObligation {
  holder: string;
  items: string[];
  /** Items the holder has not yet confirmed erasing. */
  pending: string[];
  acknowledged: boolean;
  acknowledgedAt?: string;
  /** Deadline for the holder's confirmation (ASHIATO_ERASURE_DEADLINE_DAYS after the erasure). */
  dueAt?: string;
  /** Unconfirmed past `dueAt` at the report's asOf: ERASURE_NOT_PROPAGATED. */
  overdue?: boolean;
  eventIds: string[];
}

export interface ErasureFact {
  at: string;
  holder: string;
  items: string[];
  reason: string;
  /** Recipients still holding the items when the controller erased them, and whether they confirmed. */
  obligations: ErasureObligation[];
  eventIds: string[];
}

export interface ConsentFact {
  givenAt: string;
  purposes?: string[];
  recipients?: string[];
  items?: string[];
  withdrawnAt?: string;
  eventIds: string[];
}

export interface DisclosureTerms {
  purposes: { id: string; label: string; items: string[] }[];
  recipients: PartyRef[];
  retention: { items: string[]; rule: string; label?: string }[];
}

export interface ControllerLineage {
  controller: string;
  name?: string;
  regime?: Regime;
  address?: string;
  policyVersion?: string;
  items: ItemLineage[];
  acquisitions: AcquisitionFact[];
  uses: UseFact[];
  provisions: ProvisionFact[];
  erasures: ErasureFact[];
  consents: ConsentFact[];
  /** The declared purposes, recipients and retention of the policy in force at asOf (GDPR Art. 15(1)). */
  terms?: DisclosureTerms;
}

export type { FlowJudgement };
