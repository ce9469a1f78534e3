import type { DataProvided, ProvisionBasis } from '../events/events';
import type { PolicyDocument, PolicyRecipient } from '../policy/policy';
import { consentStatus } from './consent-status';
import { consentViolation } from './consent-rules';
import type { SubjectState } from './subject-state';
import { isRestrictedTransfer } from './transfer-regions';
import type { Violation } from './violations';

/** Relations where handing data over is a provision to a third party (APPI Art. 27(1), GDPR Art. 6). */
const THIRD_PARTY_RELATIONS = new Set(['thirdParty', 'public', 'publicBody']);

/** The recipient's scope: declared at all, and only the items declared for it. */
export function checkRecipientScope(policy: PolicyDocument, event: DataProvided, recipient: PolicyRecipient | undefined): Violation[] {
  if (!recipient) return [{ code: 'RECIPIENT_UNDECLARED', message: `recipient ${event.recipient} is not declared in policy ${policy.controller} v${policy.version}` }];
  const outside = event.items.filter((i) => !recipient.items.includes(i));
  return outside.length
    ? [{ code: 'ITEM_OUTSIDE_RECIPIENT_SCOPE', message: `items ${outside.join(', ')} are outside the scope of recipient ${recipient.id}`, items: outside }]
    : [];
}

/**
 * The legal basis of a provision. Entrustment and joint use are not third-party provisions (APPI
 * Art. 27(5)) but only towards a party declared as entrustee / joint user. To a third party the basis
 * must be consent (on record, or shown by `consentRef`), opt-out, or a statute; an opt-out never
 * covers sensitive items (Art. 27(2)) and stops once the subject objects. An administrative organ
 * may provide for its declared purposes without consent (Art. 69(1)).
 */
export function checkBasis(policy: PolicyDocument, event: DataProvided, recipient: PolicyRecipient | undefined, state: SubjectState): Violation[] {
  // A consentRef without a basis means the provision relies on that consent.
  const basis: ProvisionBasis | undefined = event.basis ?? (event.consentRef ? 'consent' : undefined) ?? recipient?.basis ?? defaultBasis(recipient);
  const scope = { purposes: event.purposes, items: event.items, recipient: event.recipient };
  const to = `provision to ${event.recipient}`;
  if (basis === 'statutory') return [];
  if (basis === 'optOut') {
    const sensitive = event.items.filter((i) => policy.items.find((x) => x.id === i)?.sensitive);
    const out: Violation[] = [];
    if (sensitive.length) out.push({ code: 'SENSITIVE_OPT_OUT', message: `sensitive items ${sensitive.join(', ')} provided to ${event.recipient} by opt-out`, items: sensitive });
    if (consentStatus(state, scope) === 'withdrawn') out.push({ code: 'CONSENT_WITHDRAWN', message: `the subject objected to ${to}` });
    return out;
  }
  if (basis === 'entrustment' && recipient?.relation === 'entrustee') return [];
  if (basis === 'jointUse' && recipient?.relation === 'jointUser') return [];
  if (basis === 'consent') {
    const status = consentStatus(state, scope);
    if (status === 'active' || (status === 'none' && event.consentRef)) return [];
    const v = consentViolation(state, scope, to);
    return v ? [v] : [];
  }
  const thirdParty = !recipient || THIRD_PARTY_RELATIONS.has(recipient.relation) || basis !== undefined;
  if (!thirdParty || policy.regime === 'APPI-public') return [];
  return [{ code: 'CONSENT_MISSING', message: `${to} has no valid basis${basis ? ` (${basis} does not apply to this recipient)` : ''}` }];
}

function defaultBasis(recipient: PolicyRecipient | undefined): ProvisionBasis | undefined {
  if (recipient?.relation === 'entrustee') return 'entrustment';
  if (recipient?.relation === 'jointUser') return 'jointUse';
  return undefined;
}

/**
 * Transfers abroad. APPI Art. 28 (Art. 71 for public bodies): a recipient in a foreign country without
 * an equivalent system needs the subject's consent to that very recipient, or equivalent measures
 * taken by the recipient — entrustment and joint use do not lift this. GDPR Chapter V: a recipient
 * outside the EEA in a country without an adequacy decision needs appropriate safeguards (Art. 46,
 * e.g. standard contractual clauses) or the subject's explicit consent to that transfer (Art. 49(1)(a)).
 * `equivalentSystem` on the recipient declares the equivalent measures or safeguards. Statutory
 * provisions are exempt; a publication to the world is not a transfer to a party in a given country.
 */
export function checkCrossBorder(policy: PolicyDocument, event: DataProvided, recipient: PolicyRecipient | undefined, state: SubjectState): Violation[] {
  if (!recipient || recipient.relation === 'public' || recipient.equivalentSystem) return [];
  if (!isRestrictedTransfer(policy.regime, recipient.country)) return [];
  if ((event.basis ?? recipient.basis) === 'statutory') return [];
  const status = consentStatus(state, { purposes: event.purposes, items: event.items, recipient: recipient.id, recipientNamed: true });
  if (status === 'active') return [];
  if (status === 'withdrawn') return [{ code: 'CONSENT_WITHDRAWN', message: `the subject withdrew consent to the transfer to ${recipient.id} (${recipient.country})` }];
  const missing = policy.regime === 'GDPR' ? 'an adequacy decision, appropriate safeguards or explicit consent' : "the subject's consent or an equivalent system";
  return [{ code: 'CROSS_BORDER_NO_BASIS', message: `transfer to ${recipient.id} in ${recipient.country} without ${missing}` }];
}
