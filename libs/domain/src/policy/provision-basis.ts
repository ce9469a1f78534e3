/**
 * A provision's legal basis. `businessSuccession`: merger or other succession of the business (APPI
 * Art. 27(5)(ii)). Under the GDPR `entrustment` is disclosure to a processor (Art. 28), `jointUse` to a
 * joint controller (Art. 26), `statutory` a legal obligation or public task (Art. 6(1)(c)/(e)), and
 * `optOut` legitimate interests open to objection (Art. 6(1)(f), Art. 21).
 */
export const PROVISION_BASES = ['consent', 'entrustment', 'jointUse', 'businessSuccession', 'optOut', 'statutory'] as const;
export type ProvisionBasis = (typeof PROVISION_BASES)[number];
