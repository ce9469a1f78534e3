import type { DataProvided } from '@ashiato/domain';
import { validateEvent } from '@ashiato/application';
import { generateHistory, UNREGISTERED_CONTROLLER } from '@ashiato/workload';
import { loadSeedPolicies } from './load-seed-policies';
import { expectDemoVerdicts, projectedHistory } from './projected-history.testing';

jest.setTimeout(120_000);

const policies = loadSeedPolicies();
const until = new Date('2026-10-01T00:00:00Z');
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('generateHistory', () => {
  it('gives the same events, ids included, for the same seed, and other events for another seed', () => {
    const a = [...generateHistory({ policies, subjects: 200, seed: 7, until })];
    const b = [...generateHistory({ policies, subjects: 200, seed: 7, until })];
    const c = [...generateHistory({ policies, subjects: 200, seed: 8, until })];
    expect(a).toEqual(b);
    expect(c.map((e) => e.eventId)).not.toEqual(a.map((e) => e.eventId));
  });

  it('emits contract-valid events: policies first, v4 ids, pseudonymous refs, time moving forward per subject, none after until', () => {
    const events = [...generateHistory({ policies, subjects: 2_000, seed: 1, until, violationRate: 0.2 })];
    expect(events.slice(0, policies.length).map((e) => e.type)).toEqual(policies.map(() => 'PolicyPublished'));
    const lastAt = new Map<string, string>();
    const bad: unknown[] = [];
    for (const [index, e] of events.entries()) {
      const problems = validateEvent(e);
      if (problems.length || !UUID_V4.test(e.eventId) || Date.parse(e.occurredAt) > until.getTime())
        bad.push({ index, problems, eventId: e.eventId, occurredAt: e.occurredAt });
      if (!('subjectRef' in e)) continue;
      if (!/^hmac:[0-9a-f]{64}$/.test(e.subjectRef) || e.occurredAt < (lastAt.get(e.subjectRef) ?? ''))
        bad.push({ index, subjectRef: e.subjectRef, occurredAt: e.occurredAt });
      lastAt.set(e.subjectRef, e.occurredAt);
    }
    expect(bad).toEqual([]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(events.length / lastAt.size).toBeGreaterThan(6);
  });

  it('provides to every declared recipient of every seed policy, JCERT to Starfield only after consent naming it', () => {
    const events = [...generateHistory({ policies, subjects: 500, seed: 3, until, violationRate: 0 })];
    const provisions = events.filter((e): e is DataProvided => e.type === 'DataProvided');
    for (const p of policies) {
      const reached = new Set(provisions.filter((e) => e.controller === p.controller).map((e) => e.recipient));
      expect({ controller: p.controller, missing: p.recipients.map((r) => r.id).filter((r) => !reached.has(r)) }).toEqual({
        controller: p.controller,
        missing: [],
      });
    }
    const starfield = provisions.filter((e) => e.recipient === 'starfield-technologies');
    expect(starfield.length).toBeGreaterThan(0);
    for (const e of starfield) {
      const consent = events.find(
        (c) => c.type === 'ConsentGiven' && c.subjectRef === e.subjectRef && c.controller === 'jcert' && c.recipients?.includes('starfield-technologies'),
      );
      expect(consent && consent.occurredAt <= e.occurredAt).toBe(true);
    }
  });

  it('judged by the projections: mostly allowed flows and each violation the seed policies give an occasion for', async () => {
    const events = [...generateHistory({ policies, subjects: 1_000, seed: 11, until, violationRate: 0.06, publishPolicies: false })];
    await projectedHistory(policies, events, async (projections) => {
      await expectDemoVerdicts(projections);
      // The flows without a policy are those of the one controller that never published one.
      const missing = await projections.readModel.db.selectFrom('violations').select('controller').where('code', '=', 'POLICY_MISSING').execute();
      expect(new Set(missing.map((v) => v.controller))).toEqual(new Set([UNREGISTERED_CONTROLLER]));
    });
  });
});
