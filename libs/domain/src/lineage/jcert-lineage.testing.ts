import type { PolicyDocument } from '../policy/policy';

/**
 * Test support: JCERT (APPI) holding `email` and `org-name`, one purpose `purpose` (証明書発行) over both,
 * and the recipients and retention rules a spec needs.
 */
export function jcertLineagePolicy(purpose: string, rest: Pick<PolicyDocument, 'recipients' | 'retention'>): PolicyDocument {
  return {
    controller: 'jcert',
    name: 'JCERT',
    regime: 'APPI',
    version: '1',
    effectiveFrom: '2026-01-01T00:00:00Z',
    items: [
      { id: 'email', label: 'メールアドレス', category: 'user.contact.email', sensitive: false },
      { id: 'org-name', label: '組織名', category: 'user.workplace', sensitive: false },
    ],
    purposes: [{ id: purpose, label: '証明書発行', items: ['email', 'org-name'] }],
    ...rest,
  };
}

/** The fields every event of these specs shares: JCERT's subject `s-1`. */
export const JCERT_SUBJECT = { controller: 'jcert', subjectRef: 's-1' } as const;

/** Event ids 00000000-0000-4000-8000-000000000001, …002, … in the order asked for. */
export function eventIds(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}
