import fc from 'fast-check';
import type { AshiatoEvent, PolicyDocument } from '@ashiato/domain';

/** Random histories for the projection properties: two controllers, four subjects, declared and undeclared parties. */
const CONTROLLERS = ['shop', 'club'] as const;
const SUBJECTS = ['s1', 's2', 's3', 's4'];
const RECIPIENTS = ['courier', 'partner', 'stranger'];
const ITEMS = ['email', 'name', 'phone'];
const START = Date.parse('2024-01-01T00:00:00Z');
const HOUR = 3_600_000;

function policy(controller: string, version: number, effectiveFrom: string, marketing: boolean): PolicyDocument {
  return {
    controller,
    name: controller,
    regime: 'APPI',
    version: String(version),
    effectiveFrom,
    items: ITEMS.map((id) => ({ id, label: id, category: 'user.contact', sensitive: false })),
    purposes: [
      { id: 'service', label: 'service', items: ITEMS },
      ...(marketing ? [{ id: 'marketing', label: 'marketing', items: ['email'], requiresConsent: true }] : []),
    ],
    recipients: [
      { id: 'courier', name: 'Courier', country: 'JP', relation: 'entrustee', purposes: ['service'], items: ITEMS, basis: 'entrustment' },
      { id: 'partner', name: 'Partner', country: 'US', relation: 'thirdParty', purposes: ['service'], items: ['email'], basis: 'consent' },
    ],
    // Ends that histories of a few months pass: from acquisition, from the last activity, per holder; a new version moves them.
    retention: [
      { items: ['email', 'name'], rule: marketing ? 'P40D' : 'P10D' },
      { items: ['phone'], rule: 'P15D-inactivity' },
      { items: ITEMS, holder: 'courier', rule: 'P20D' },
    ],
  };
}

const items = fc.subarray(ITEMS, { minLength: 1 });
const op = fc.oneof(
  { weight: 2, arbitrary: fc.record({ k: fc.constant('policy' as const), marketing: fc.boolean(), shiftDays: fc.integer({ min: -60, max: 30 }) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('acquire' as const), holder: fc.constantFrom(undefined, 'courier') }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('provide' as const), recipient: fc.constantFrom(...RECIPIENTS), onward: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('erase' as const), holder: fc.constantFrom(undefined, ...RECIPIENTS) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('use' as const), purpose: fc.constantFrom('service', 'marketing') }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('consent' as const), withdraw: fc.boolean() }) },
  // A read of the record (audit): it must not move the projection's clock.
  { weight: 1, arbitrary: fc.record({ k: fc.constant('read' as const) }) },
  // A window in the past, around now or in the future: later events then change who it affects.
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('breach' as const),
      holder: fc.constantFrom('own', 'courier', 'partner'),
      ownOnly: fc.boolean(),
      fromHours: fc.constantFrom(-24 * 60, -24 * 5, 0, 24, 24 * 30),
      lengthHours: fc.constantFrom(0, 24, 24 * 40),
    }),
  },
);
const step = fc.record({
  op,
  controller: fc.constantFrom(...CONTROLLERS),
  subject: fc.constantFrom(...SUBJECTS),
  items,
  /** Hours since the previous event; 0 makes simultaneous events. */
  dt: fc.constantFrom(0, 0, 1, 24, 24 * 20, 24 * 45),
});

/** Events with non-decreasing occurredAt, so log order and time order agree ("up to t" is well defined). */
export const historyArbitrary = fc.array(step, { minLength: 1, maxLength: 40 }).map((steps) => {
  let t = START;
  let n = 0;
  const versions: Record<string, number> = {};
  return steps.map(({ op: o, controller, subject, items: its, dt }): AshiatoEvent => {
    t += dt * HOUR;
    const occurredAt = new Date(t).toISOString();
    const eventId = `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
    const base = { eventId, occurredAt, controller, subjectRef: subject };
    switch (o.k) {
      case 'policy': {
        const v = (versions[controller] = (versions[controller] ?? 0) + 1);
        const effectiveFrom = new Date(t + o.shiftDays * 24 * HOUR).toISOString();
        return { type: 'PolicyPublished', eventId, occurredAt, controller, policy: policy(controller, v, effectiveFrom, o.marketing) };
      }
      case 'acquire':
        return { ...base, type: 'DataAcquired', items: its, source: { kind: 'subject' }, holder: o.holder };
      case 'provide':
        return {
          ...base,
          type: 'DataProvided',
          items: its,
          recipient: o.recipient,
          purposes: ['service'],
          holder: o.onward && o.recipient !== 'courier' ? 'courier' : undefined,
        };
      case 'erase':
        return { ...base, type: 'DataErased', items: its, holder: o.holder, reason: 'request' };
      case 'use':
        return { ...base, type: 'DataUsed', items: its, purposes: [o.purpose] };
      case 'read':
        return { type: 'AccessRecorded', eventId, occurredAt, actor: 'key-1', action: 'lineage.read', target: subject };
      case 'consent':
        return o.withdraw
          ? { ...base, type: 'ConsentWithdrawn', purposes: ['marketing'] }
          : { ...base, type: 'ConsentGiven', purposes: ['marketing'], recipients: ['partner'] };
      case 'breach': {
        const from = t + o.fromHours * HOUR;
        const window = { from: new Date(from).toISOString(), to: new Date(from + o.lengthHours * HOUR).toISOString() };
        return {
          type: 'BreachDeclared',
          eventId,
          occurredAt,
          breachId: `breach-${n}`,
          holder: o.holder === 'own' ? controller : o.holder,
          items: its,
          window,
          discoveredAt: occurredAt,
          ...(o.ownOnly ? { controller } : {}),
        };
      }
    }
  });
});

/**
 * Per event, how long after its occurredAt the log recorded it, in hours: at once, late (an import), or
 * negative, an event dated weeks ahead of its recording, whose effect on the projection's clock is capped.
 */
export const recordingLagsArbitrary = fc.array(fc.constantFrom(0, 1, 24 * 30, -24 * 40, -24 * 400), { minLength: 40, maxLength: 40 });

/** Cut points for delivering the log in random batches, some overlapping (a batch delivered again). */
export const batchPlanArbitrary = fc.array(fc.record({ size: fc.integer({ min: 1, max: 7 }), rewind: fc.constantFrom(0, 0, 0, 2) }), {
  minLength: 1,
  maxLength: 60,
});
