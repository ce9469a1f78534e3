import type { BreachEvent } from '@ashiato/domain';
import { SeededRandom as Random } from '@ashiato/workload';

const DAY = 86_400_000;

/**
 * Three breaches for the demo, so the breach views show live clocks under each regime: one open at
 * Starfield Technologies (JCERT's US entrustee, APPI) discovered yesterday, one at gBizConnect's
 * contractor (APPI public bodies) that has been reported and notified, and one at the UK support
 * processor of the demo's GDPR controller, assessed as a risk (Art. 33 notification due within 72
 * hours, no Art. 34 notification of the persons).
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
    title: 'Intrusion into the Starfield customer portal',
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
    title: 'Account notices e-mailed to the wrong contractor list',
    holder: 'gbizconnect-contractors',
    controller: 'gbizconnect',
    items: ['account-email', 'account-name'],
    window: { from: iso(60), to: iso(41) },
    discoveredAt: iso(40),
    cause: 'misdelivery',
  };
  yield { type: 'BreachReported', eventId: rnd.uuid(), occurredAt: iso(37), breachId: 'demo-gbiz-contractor-misdelivery', report: 'appi-preliminary' };
  yield { type: 'SubjectsNotified', eventId: rnd.uuid(), occurredAt: iso(35), breachId: 'demo-gbiz-contractor-misdelivery' };
  yield {
    type: 'BreachDeclared',
    eventId: rnd.uuid(),
    occurredAt: iso(1),
    breachId: 'demo-eu-support-mailbox',
    title: 'Support mailbox shared by a misconfigured help-desk rule',
    holder: 'example-support-uk',
    controller: 'demo-eu-travel',
    items: ['name', 'email', 'booking-history'],
    window: { from: iso(30), to: iso(2) },
    discoveredAt: iso(1),
    cause: 'misconfiguration',
    riskAssessment: { level: 'risk', assessedBy: 'DPO', assessedAt: iso(1) },
  };
}
