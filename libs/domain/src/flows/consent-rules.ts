import type { PolicyDocument } from '../policy/policy';
import { consentStatus, type ConsentScope } from './consent-status';
import type { SubjectState } from './subject-state';
import type { Violation } from './violations';

/** Maps a consent status to its violation: none → CONSENT_MISSING, withdrawn → CONSENT_WITHDRAWN. */
export function consentViolation(state: SubjectState, scope: ConsentScope, what: string): Violation | undefined {
  const status = consentStatus(state, scope);
  if (status === 'active') return undefined;
  return status === 'withdrawn'
    ? { code: 'CONSENT_WITHDRAWN', message: `the subject withdrew consent for ${what}` }
    : { code: 'CONSENT_MISSING', message: `no consent of the subject for ${what}` };
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
