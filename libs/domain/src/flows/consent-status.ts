import type { ConsentRecord, SubjectState, WithdrawalRecord } from './subject-state';

/**
 * What a flow needs consent for. `purposes`: the flow's purposes (a consent or withdrawal naming one
 * of them applies). `recipient`: set for a provision. `recipientNamed`: the consent must name that
 * recipient (APPI Art. 28 consent is specific to the foreign recipient).
 */
export interface ConsentScope {
  purposes: string[];
  items: string[];
  recipient?: string;
  recipientNamed?: boolean;
}

/** active: an unrevoked consent covers the scope; withdrawn: one did, or an objection was made; none: never given. */
export type ConsentStatus = 'active' | 'withdrawn' | 'none';

const overlaps = (a: string[] | undefined, b: string[]): boolean => !!a?.some((x) => b.includes(x));
const time = (iso: string): number => Date.parse(iso);

function consentCovers(c: ConsentRecord, scope: ConsentScope): boolean {
  if (c.items?.length && !scope.items.every((i) => c.items!.includes(i))) return false;
  if (scope.recipient !== undefined) {
    if (c.recipients?.includes(scope.recipient)) return true;
    if (scope.recipientNamed || c.recipients?.length) return false;
  } else if (c.recipients?.length) {
    return false; // a consent to a provision does not cover an in-house use
  }
  return !c.purposes?.length || overlaps(c.purposes, scope.purposes);
}

function withdrawalCovers(w: WithdrawalRecord, scope: ConsentScope): boolean {
  const blanket = !w.purposes?.length && !w.recipients?.length;
  const hitsRecipient = scope.recipient !== undefined && !!w.recipients?.includes(scope.recipient);
  return blanket || hitsRecipient || overlaps(w.purposes, scope.purposes);
}

/** Withdrawals from the state; older states only have the per-consent withdrawal mark. */
function withdrawalsOf(state: SubjectState): WithdrawalRecord[] {
  if (state.withdrawals) return state.withdrawals;
  return state.consents.filter((c) => c.withdrawnAt).map((c) => ({ purposes: c.purposes, recipients: c.recipients, at: c.withdrawnAt!, eventId: c.withdrawnBy ?? '' }));
}

/**
 * The subject's consent for a flow, just before it: a consent stands unless a later withdrawal
 * reaches it for this purpose or recipient (a withdrawal at the same instant counts as later).
 */
export function consentStatus(state: SubjectState, scope: ConsentScope): ConsentStatus {
  const withdrawals = withdrawalsOf(state).filter((w) => withdrawalCovers(w, scope));
  const revoked = (c: ConsentRecord): boolean => withdrawals.some((w) => time(w.at) >= time(c.givenAt));
  const covering = state.consents.filter((c) => consentCovers(c, scope));
  if (covering.some((c) => !revoked(c))) return 'active';
  return covering.length || withdrawals.length ? 'withdrawn' : 'none';
}
