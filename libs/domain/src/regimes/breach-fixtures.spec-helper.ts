import type { ControllerBreachInput } from '../breach/breach-model';
import type { BreachDeclared, BreachReported } from '../events/events';
import type { PolicyItem } from '../policy/policy';

/** Shared givens of the regime breach specs. */
export const email: PolicyItem = { id: 'email', label: 'メールアドレス', category: 'user.contact.email', sensitive: false };
export const health: PolicyItem = { id: 'medical-history', label: '病歴', category: 'user.health_and_medical', sensitive: true };
export const card: PolicyItem = { id: 'card-number', label: 'カード番号', category: 'user.financial.bank_account', sensitive: false, financialRisk: true };

export const discoveredAt = '2026-04-02T09:00:00+09:00';

export function declared(over: Partial<BreachDeclared> = {}): BreachDeclared {
  return {
    type: 'BreachDeclared',
    eventId: '6d7cbb0e-5d58-4a3b-9d64-0d4f3c3c0001',
    occurredAt: discoveredAt,
    breachId: 'b-1',
    holder: 'starfield-technologies',
    items: ['email'],
    window: { from: '2026-03-01T00:00:00+09:00', to: '2026-03-20T00:00:00+09:00' },
    discoveredAt,
    cause: 'misdelivery',
    ...over,
  };
}

export function input(over: Partial<ControllerBreachInput> = {}, breach: Partial<BreachDeclared> = {}): ControllerBreachInput {
  return { breach: declared(breach), controller: 'c-1', items: [email], persons: 10, otherParties: [], reports: [], notifications: [], ...over };
}

export const reported = (kind: BreachReported['report'], at: string, controller?: string): BreachReported => ({
  type: 'BreachReported',
  eventId: `ev-${kind}`,
  occurredAt: at,
  breachId: 'b-1',
  report: kind,
  ...(controller ? { controller } : {}),
});
