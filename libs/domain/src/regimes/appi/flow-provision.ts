import { consentStatus } from '../../flows/consent-status';
import { consentMissing, consentStatusViolation, consentWithdrawn } from '../../flows/consent-rules';
import type { Violation } from '../../flows/violations';
import type { FlowRules, ProvisionDecision } from '../flow-rules';
import { isRestrictedRecipient, provisionBasis, sensitiveItems, type ProvisionContext } from '../provision-facts';

/**
 * APPI, businesses handling personal information (個人情報取扱事業者), Chapter IV.
 *
 * - Art. 27(1): a provision to a third party needs the subject's prior consent, unless required by law
 *   (Art. 27(1)(i)–(iv), `statutory`).
 * - Art. 27(2): opt-out provision (notified to the PPC) is allowed, but never for special care-required
 *   data (要配慮個人情報), and stops once the subject objects.
 * - Art. 27(5): entrustment (i), business succession (ii) and joint use (iii) are not provisions to a
 *   third party; entrustment and joint use only towards a party declared as entrustee / joint user.
 * - Art. 28(1): a third party in a foreign country — entrustees and joint users included — needs the
 *   subject's consent to provision to that foreign third party, unless the country has an equivalent
 *   system (PPC designation: EEA, UK) or the recipient takes equivalent measures.
 * - Art. 29(1): a provision to a third party is recorded, except those under Art. 27(1)(i)–(iv) and
 *   Art. 27(5) — but Art. 27(5) does not lift the record for a foreign third party under Art. 28.
 */
export function judgeAppiProvision(ctx: ProvisionContext): ProvisionDecision {
  const { event, recipient, state, policy } = ctx;
  const basis = provisionBasis(event, recipient) ?? null;
  const to = `provision to ${event.recipient}`;
  if (basis === 'statutory') return { violations: [], record: { required: false, basis, article: 'APPI Art. 29(1) proviso, Art. 27(1)(i)-(iv)' } };

  const out: Violation[] = [];
  const scope = { purposes: event.purposes, items: event.items, recipient: event.recipient };
  let notThirdParty: string | undefined;
  if (basis === 'entrustment' && recipient?.relation === 'entrustee') notThirdParty = 'Art. 27(5)(i)';
  else if (basis === 'jointUse' && recipient?.relation === 'jointUser') notThirdParty = 'Art. 27(5)(iii)';
  else if (basis === 'businessSuccession') notThirdParty = 'Art. 27(5)(ii)';
  else if (basis === 'optOut') {
    const sensitive = sensitiveItems(policy, event.items);
    if (sensitive.length) {
      out.push({
        code: 'SENSITIVE_OPT_OUT',
        message: `special care-required items ${sensitive.join(', ')} provided to ${event.recipient} by opt-out (APPI Art. 27(2))`,
        items: sensitive,
      });
    }
    if (consentStatus(state, scope) === 'withdrawn') {
      out.push(consentWithdrawn(`the subject objected to ${to} (APPI Art. 27(2))`));
    }
  } else if (basis === 'consent') {
    const status = consentStatus(state, scope);
    // A consentRef shows a consent given outside Ashiato; a withdrawal on record still overrides it.
    if (!(status === 'none' && event.consentRef)) {
      const v = consentStatusViolation(status, {
        missing: `no consent of the subject for ${to} (APPI Art. 27(1))`,
        withdrawn: `the subject withdrew consent for ${to} (APPI Art. 27(1))`,
      });
      if (v) out.push(v);
    }
  } else {
    const claimed = basis ? ` (${basis} does not apply to this recipient)` : '';
    out.push(consentMissing(`${to} has no valid basis${claimed}: a third party needs prior consent (APPI Art. 27(1))`));
  }

  const abroad = isRestrictedRecipient(policy, recipient);
  if (abroad) {
    const status = consentStatus(state, { ...scope, recipientNamed: true });
    if (status === 'withdrawn')
      out.push(consentWithdrawn(`the subject withdrew consent to the provision to ${recipient.id} in ${recipient.country} (APPI Art. 28(1))`));
    if (status === 'none') {
      out.push({
        code: 'CROSS_BORDER_NO_BASIS',
        message: `provision to ${recipient.id} in ${recipient.country} without the subject's consent to a foreign third party, an equivalent-system country or equivalent measures (APPI Art. 28(1))`,
      });
    }
  }
  if (notThirdParty && !abroad) return { violations: out, record: { required: false, basis, article: `APPI Art. 29(1) proviso, ${notThirdParty}` } };
  return { violations: out, record: { required: true, basis, article: abroad ? 'APPI Art. 29(1), Art. 28(1)' : 'APPI Art. 29(1)' } };
}

export const appiFlowRules: FlowRules = {
  judgeProvision: judgeAppiProvision,
  // A business may use or provide outside its purposes of use only with prior consent (Art. 18(1)),
  // which the purpose check already requires to be declared; no lift beyond statutory provisions.
  liftsPurposeLimitation: () => false,
};
