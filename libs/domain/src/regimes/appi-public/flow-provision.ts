import { consentStatus } from '../../flows/consent-status';
import { consentWithdrawn } from '../../flows/consent-rules';
import type { Violation } from '../../flows/violations';
import type { FlowRules, ProvisionDecision } from '../flow-rules';
import { isRestrictedRecipient, provisionBasis, withinRecipientPurposes, type ProvisionContext } from '../provision-facts';

/**
 * APPI, administrative organs and incorporated administrative agencies (行政機関等), Chapter V.
 *
 * - Art. 69(1): a public body uses and provides retained personal information for its purpose of use,
 *   or as laws and regulations require (`statutory`), without the subject's consent.
 * - Art. 69(2): outside the purpose of use only in its listed cases — (i) with the subject's consent,
 *   (ii)–(iv) own duties, another body's duties, statistics or research. The event carries (i) as
 *   `basis: consent` with consent on record; the others a use marks with its `exception` code.
 * - Art. 71(1): provision to a third party in a foreign country (without an equivalent system or
 *   equivalent measures) needs the subject's consent to that foreign provision only when it is for a
 *   purpose other than the purpose of use, and not when laws require it.
 * - Art. 29 (provision records) binds businesses, not public bodies: no record.
 */
export function judgeAppiPublicProvision(ctx: ProvisionContext): ProvisionDecision {
  const { event, recipient, state, policy } = ctx;
  const basis = provisionBasis(event, recipient) ?? null;
  const record = { required: false, basis, article: 'APPI Art. 29 applies to businesses only (public bodies: Art. 69)' };
  if (basis === 'statutory') return { violations: [], record };
  const out: Violation[] = [];
  const scope = { purposes: event.purposes, items: event.items, recipient: event.recipient };
  if (basis === 'consent' && consentStatus(state, scope) === 'withdrawn') {
    out.push(consentWithdrawn(`the subject withdrew the consent this provision to ${event.recipient} relies on (APPI Art. 69(2)(i))`));
  }
  if (isRestrictedRecipient(policy, recipient) && !withinRecipientPurposes(event, recipient)) {
    const status = consentStatus(state, { ...scope, recipientNamed: true });
    if (status === 'withdrawn')
      out.push(consentWithdrawn(`the subject withdrew consent to the provision to ${recipient.id} in ${recipient.country} (APPI Art. 71(1))`));
    if (status === 'none') {
      out.push({
        code: 'CROSS_BORDER_NO_BASIS',
        message: `provision to ${recipient.id} in ${recipient.country} for a purpose other than the purpose of use without the subject's consent to a foreign third party (APPI Art. 71(1))`,
      });
    }
  }
  return { violations: out, record };
}

export const appiPublicFlowRules: FlowRules = {
  judgeProvision: judgeAppiPublicProvision,
  // Art. 69(2)(i): with the subject's consent, a provision outside the purpose of use is lawful.
  liftsPurposeLimitation: ({ event, recipient, state }) =>
    provisionBasis(event, recipient) === 'consent' &&
    consentStatus(state, { purposes: event.purposes, items: event.items, recipient: event.recipient }) === 'active',
};
