import type { DataProvided, ProvisionBasis } from '../events/events';
import type { PolicyDocument, PolicyRecipient } from '../policy/policy';
import type { SubjectState } from '../flows/subject-state';
import { isRestrictedTransfer } from '../flows/transfer-regions';

/** What every regime's provision rule is asked about: the flow, the policy in force and the subject's state just before. */
export interface ProvisionContext {
  policy: PolicyDocument;
  event: DataProvided;
  /** The recipient as the policy declares it; undefined when the policy does not declare it. */
  recipient: PolicyRecipient | undefined;
  state: SubjectState;
}

/**
 * The basis a provision relies on: the event's own `basis`; else a `consentRef` (the provision relies on
 * that consent); else the basis the policy declares for the recipient; else the one its relation implies
 * (an entrustee is entrusted, a joint user jointly uses).
 */
export function provisionBasis(event: DataProvided, recipient: PolicyRecipient | undefined): ProvisionBasis | undefined {
  if (event.basis) return event.basis;
  if (event.consentRef) return 'consent';
  if (recipient?.basis) return recipient.basis;
  if (recipient?.relation === 'entrustee') return 'entrustment';
  if (recipient?.relation === 'jointUser') return 'jointUse';
  return undefined;
}

/** Items of the flow the policy marks sensitive (APPI 要配慮個人情報, GDPR Art. 9 special categories). */
export function sensitiveItems(policy: PolicyDocument, items: string[]): string[] {
  return items.filter((i) => policy.items.find((x) => x.id === i)?.sensitive);
}

/**
 * Whether the recipient is abroad in a way the regime restricts: a declared recipient, not the public at
 * large, outside Japan/the EEA, in a country without an equivalent system / adequacy decision, and not
 * declared to take equivalent measures or appropriate safeguards (`equivalentSystem`).
 */
export function isRestrictedRecipient(policy: PolicyDocument, recipient: PolicyRecipient | undefined): recipient is PolicyRecipient {
  if (!recipient || recipient.relation === 'public' || recipient.equivalentSystem) return false;
  return isRestrictedTransfer(policy.regime, recipient.country);
}

/** Whether every purpose of the provision is one the policy declares for that recipient (its purpose of use). */
export function withinRecipientPurposes(event: DataProvided, recipient: PolicyRecipient | undefined): boolean {
  return !!recipient && event.purposes.length > 0 && event.purposes.every((p) => recipient.purposes.includes(p));
}
