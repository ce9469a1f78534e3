import type { PolicyDocument, PolicyRecipient, Regime } from '../policy/policy';

/**
 * Test support: a small policy of the given regime. Items `name` and `email` (ordinary) and `health`
 * (sensitive); purposes `service` (all three) and `research`; recipients as each spec needs them.
 */
export function regimePolicy(regime: Regime, recipients: Partial<PolicyRecipient>[]): PolicyDocument {
  return {
    controller: `${regime.toLowerCase()}-controller`,
    name: `A ${regime} controller`,
    regime,
    version: '1',
    effectiveFrom: '2024-01-01T00:00:00Z',
    items: [
      { id: 'name', label: 'Name', category: 'user.name', sensitive: false },
      { id: 'email', label: 'E-mail', category: 'user.contact.email', sensitive: false },
      { id: 'health', label: 'Health record', category: 'user.health_and_medical', sensitive: true },
    ],
    purposes: [
      { id: 'service', label: 'Service', items: ['name', 'email', 'health'] },
      { id: 'research', label: 'Research', items: ['name', 'email', 'health'] },
    ],
    recipients: recipients.map((r, i) => ({
      id: `recipient-${i}`,
      name: `Recipient ${i}`,
      country: 'JP',
      relation: 'thirdParty',
      purposes: ['service'],
      items: ['name', 'email', 'health'],
      ...r,
    })),
    retention: [],
  };
}
