import type { PolicyDocument } from '../policy/policy';
import { consentStatus, type ConsentScope, type ConsentStatus } from './consent-status';
import type { SubjectState } from './subject-state';
import type { Violation } from './violations';

/** How a consent violation reads: what lacked consent, and what the subject's withdrawal or objection was. */
export interface ConsentWording {
  missing: string;
  withdrawn: string;
}

/**
 * The one place a consent status becomes a violation: none → CONSENT_MISSING, withdrawn (or objected)
 * → CONSENT_WITHDRAWN, active → nothing. Every rule that needs consent goes through here.
 */
export function consentStatusViolation(status: ConsentStatus, wording: ConsentWording): Violation | undefined {
  if (status === 'active') return undefined;
  return status === 'withdrawn' ? { code: 'CONSENT_WITHDRAWN', message: wording.withdrawn } : { code: 'CONSENT_MISSING', message: wording.missing };
}

/** CONSENT_MISSING: a rule needs consent and none was given (only ever built here and above). */
export function consentMissing(message: string): Violation {
  return consentStatusViolation('none', { missing: message, withdrawn: message })!;
}

/** CONSENT_WITHDRAWN: consent was withdrawn, or the subject objected. */
export function consentWithdrawn(message: string): Violation {
  return consentStatusViolation('withdrawn', { missing: message, withdrawn: message })!;
}

/** The subject's consent for `what` within `scope`, as a violation when it is not active. */
export function consentViolation(state: SubjectState, scope: ConsentScope, what: string): Violation | undefined {
  return consentStatusViolation(consentStatus(state, scope), {
    missing: `no consent of the subject for ${what}`,
    withdrawn: `the subject withdrew consent for ${what}`,
  });
}

/** Purposes the controller itself made conditional on consent (e.g. JCERT marketing e-mail, 1.(ウ)②). */
export function checkConsentPurposes(policy: PolicyDocument, state: SubjectState, purposes: string[], items: string[]): Violation[] {
  const out: Violation[] = [];
  for (const p of policy.purposes) {
    if (!p.requiresConsent || !purposes.includes(p.id)) continue;
    const v = consentViolation(state, { purposes: [p.id], items }, `purpose ${p.id}`);
    if (v) out.push(v);
  }
  return out;
}
