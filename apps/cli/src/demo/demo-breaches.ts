import type { BreachEvent } from '@ashiato/domain';
import { SeededRandom as Random } from '../workload/prng';

const DAY = 86_400_000;

/**
 * Two breaches for the demo, so the breach views show live clocks: one open at Starfield
 * Technologies (JCERT's US entrustee) discovered yesterday, and one at gBizConnect's contractor that
 * has been reported and notified.
 */
export function* generateDemoBreaches(until: Date, seed = 20261123): Generator<BreachEvent> {
  const rnd = new Random(seed);
  const end = until.getTime();
  const iso = (daysAgo: number) => new Date(end - daysAgo * DAY).toISOString();
  yield {
    type: 'BreachDeclared',
    eventId: rnd.uuid(),
    occurredAt: iso(1),
    breachId: 'demo-starfield-unauthorized-access',
    holder: 'starfield-technologies',
    controller: 'jcert',
    items: ['name', 'email', 'phone-number', 'address'],
    window: { from: iso(120), to: iso(2) },
    discoveredAt: iso(1),
    cause: 'unauthorizedAccess',
  };
  yield {
    type: 'BreachDeclared',
    eventId: rnd.uuid(),
    occurredAt: iso(40),
    breachId: 'demo-gbiz-contractor-misdelivery',
    holder: 'gbizconnect-contractors',
    controller: 'gbizconnect',
    items: ['account-email', 'account-name'],
    window: { from: iso(60), to: iso(41) },
    discoveredAt: iso(40),
    cause: 'misdelivery',
  };
  yield { type: 'BreachReported', eventId: rnd.uuid(), occurredAt: iso(37), breachId: 'demo-gbiz-contractor-misdelivery', report: 'appi-preliminary' };
  yield { type: 'SubjectsNotified', eventId: rnd.uuid(), occurredAt: iso(35), breachId: 'demo-gbiz-contractor-misdelivery' };
}
