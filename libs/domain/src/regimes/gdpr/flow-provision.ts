import { consentStatus } from '../../flows/consent-status';
import { consentMissing, consentWithdrawn } from '../../flows/consent-rules';
import type { Violation } from '../../flows/violations';
import type { FlowRules, ProvisionDecision } from '../flow-rules';
import { isRestrictedRecipient, provisionBasis, sensitiveItems, type ProvisionContext } from '../provision-facts';

/**
 * GDPR, for a controller.
 *
 * - Art. 6(1): a disclosure needs a lawful basis; consent (a) is one of six. Disclosure to a processor
 *   under Art. 28 (`entrustment`), to a joint controller (Art. 26), as a legal obligation (c) or on
 *   legitimate interests (f) needs no consent. CONSENT_MISSING only where consent is the basis claimed
 *   (`basis: consent` or a `consentRef`) and there is none on record, or where it is the only one
 *   possible: special categories (Art. 9(1)) disclosed to anyone but a processor without a legal
 *   obligation need explicit consent (Art. 9(2)(a)).
 * - Art. 21(1): legitimate interests (the event's `optOut`) stop once the subject objects.
 * - Chapter V: a transfer outside the EEA — to processors too — needs an adequacy decision (Art. 45:
 *   e.g. Japan, the UK, Switzerland), appropriate safeguards (Art. 46, e.g. standard contractual
 *   clauses, declared as `equivalentSystem`), or a derogation (Art. 49): the subject's explicit consent
 *   to that transfer (Art. 49(1)(a)) or a legal requirement (Art. 49(1)(d)/(e)).
 * - APPI Art. 29 provision records do not apply; GDPR Art. 30 records are kept per processing activity.
 */
export function judgeGdprProvision(ctx: ProvisionContext): ProvisionDecision {
  const { event, recipient, state, policy } = ctx;
  const basis = provisionBasis(event, recipient) ?? null;
  const record = { required: false, basis, article: 'APPI Art. 29 does not apply (GDPR Art. 30 records per processing activity)' };
  if (basis === 'statutory') return { violations: [], record };
  const out: Violation[] = [];
  const to = `disclosure to ${event.recipient}`;
  const scope = { purposes: event.purposes, items: event.items, recipient: event.recipient };
  const status = consentStatus(state, scope);
  const processor = basis === 'entrustment' && recipient?.relation === 'entrustee';
  const special = processor ? [] : sensitiveItems(policy, event.items);
  if (basis === 'consent' || special.length) {
    const why =
      basis === 'consent' ? 'the basis claimed is consent (Art. 6(1)(a))' : `special-category items ${special.join(', ')} need explicit consent (Art. 9(2)(a))`;
    // A consentRef shows a consent given outside Ashiato; a withdrawal on record still overrides it.
    if (status === 'withdrawn') out.push(consentWithdrawn(`the subject withdrew consent for ${to}: ${why}`));
    else if (status === 'none' && !(basis === 'consent' && event.consentRef))
      out.push({ ...consentMissing(`no consent of the subject for ${to}: ${why}`), ...(special.length ? { items: special } : {}) });
  } else if (basis === 'optOut' && status === 'withdrawn') {
    out.push(consentWithdrawn(`the subject objected to ${to} based on legitimate interests (Art. 21(1))`));
  }

  if (isRestrictedRecipient(policy, recipient)) {
    const transfer = consentStatus(state, { ...scope, recipientNamed: true });
    if (transfer === 'withdrawn')
      out.push(consentWithdrawn(`the subject withdrew explicit consent to the transfer to ${recipient.id} in ${recipient.country} (Art. 49(1)(a))`));
    if (transfer === 'none') {
      out.push({
        code: 'CROSS_BORDER_NO_BASIS',
        message: `transfer to ${recipient.id} in ${recipient.country} without an adequacy decision (Art. 45), appropriate safeguards (Art. 46) or a derogation such as explicit consent (Art. 49)`,
      });
    }
  }
  return { violations: out, record };
}

export const gdprFlowRules: FlowRules = {
  judgeProvision: judgeGdprProvision,
  // Further processing for another purpose needs consent or a compatibility test (Art. 6(4)); the
  // purpose check stays.
  liftsPurposeLimitation: () => false,
};
