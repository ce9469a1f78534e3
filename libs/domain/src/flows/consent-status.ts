import type { ConsentRecord, SubjectState, WithdrawalRecord } from './subject-state';

/**
 * Consent semantics (the same under every regime; which flows need consent is each regime's rule):
 * - A ConsentGiven covers a flow when every part it names matches: `items` — the flow's items are all
 *   among them; `purposes` — one of the flow's purposes is among them (a provision labelled both
 *   `third-party-provision` and `certificate-management` is covered by consent to the former); `recipients` — the flow is a
 *   provision to one of them. A part left out does not restrict.
 * - A consent naming recipients covers provisions only, never the controller's own use. A consent naming
 *   no recipient covers provisions to anyone for its purposes, but not a transfer abroad: APPI Art. 28 /
 *   Art. 71 and GDPR Art. 49(1)(a) consent must name the foreign recipient (`recipientNamed`).
 * - A ConsentWithdrawn (or an objection) reaches every earlier consent as far as it goes: one naming
 *   nothing withdraws everything; one naming a purpose or a recipient revokes, for flows with that
 *   purpose or to that recipient, even a broader earlier consent. A withdrawal at the same instant as a
 *   consent counts as later. A consent given after a withdrawal stands again.
 * - Status: active (a covering consent stands), withdrawn (one did, or a withdrawal reaches the flow),
 *   none (never given).
 *
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
    if (c.recipients?.length ? !c.recipients.includes(scope.recipient) : scope.recipientNamed) return false;
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
  return state.consents
    .filter((c) => c.withdrawnAt)
    .map((c) => ({ purposes: c.purposes, recipients: c.recipients, at: c.withdrawnAt!, eventId: c.withdrawnBy ?? '' }));
}

/**
 * The subject's consent for a flow, just before it: a consent stands unless a later withdrawal
 * reaches it for this purpose or recipient (a withdrawal at the same instant counts as later).
 */
export function consentStatus(state: SubjectState, scope: ConsentScope): ConsentStatus {
  const { covering, active, withdrawals } = consentsFor(state, scope);
  if (active.length) return 'active';
  return covering.length || withdrawals.length ? 'withdrawn' : 'none';
}

/** The consents that stand for `scope` just now (the ones a provision record names). */
export function activeConsents(state: SubjectState, scope: ConsentScope): ConsentRecord[] {
  return consentsFor(state, scope).active;
}

function consentsFor(state: SubjectState, scope: ConsentScope): { covering: ConsentRecord[]; active: ConsentRecord[]; withdrawals: WithdrawalRecord[] } {
  const withdrawals = withdrawalsOf(state).filter((w) => withdrawalCovers(w, scope));
  const revoked = (c: ConsentRecord): boolean => withdrawals.some((w) => time(w.at) >= time(c.givenAt));
  const covering = state.consents.filter((c) => consentCovers(c, scope));
  return { covering, active: covering.filter((c) => !revoked(c)), withdrawals };
}
