import { isRestrictedTransfer, type PolicyDocument, type PolicyPurpose, type PolicyRecipient, type ProvisionBasis } from '@ashiato/domain';

/** A restricted transfer abroad without declared measures: a provision there needs the subject's consent (APPI Art. 28, GDPR Art. 49). */
export function isForeign(p: PolicyDocument, r: PolicyRecipient): boolean {
  return r.relation !== 'public' && !r.equivalentSystem && isRestrictedTransfer(p.regime, r.country);
}

/** The basis a compliant provision to `r` carries: the declared one, else the one its relation implies. */
export function basisFor(r: PolicyRecipient): ProvisionBasis {
  if (r.basis) return r.basis;
  if (r.relation === 'entrustee') return 'entrustment';
  if (r.relation === 'jointUser') return 'jointUse';
  if (r.relation === 'publicBody') return 'statutory';
  return 'consent';
}

/** Items `r` may receive for one of its purposes among those held, with that purpose. */
export function withinScope(p: PolicyDocument, r: PolicyRecipient, held: readonly string[]): { items: string[]; purposes: string[] } | undefined {
  for (const id of r.purposes) {
    const purposeItems = p.purposes.find((x) => x.id === id)?.items ?? [];
    const items = r.items.filter((i) => held.includes(i) && purposeItems.includes(i));
    if (items.length) return { items, purposes: [id] };
  }
  return undefined;
}

/** A declared purpose of `p` through which `r` can receive something (so a subject can reach `r`). */
export function purposeReaching(p: PolicyDocument, r: PolicyRecipient): PolicyPurpose | undefined {
  return p.purposes.find((x) => r.purposes.includes(x.id) && x.items.some((i) => r.items.includes(i)));
}

export function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}
