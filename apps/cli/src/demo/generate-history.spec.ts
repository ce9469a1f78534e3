import { generateDemoBreaches } from './demo-breaches';
import { generateDemoHistory } from './generate-history';
import { loadSeedPolicies } from './load-seed-policies';
import { expectDemoVerdicts, projectedHistory } from './projected-history.testing';

jest.setTimeout(60_000);

describe('demo history', () => {
  const policies = loadSeedPolicies();
  const until = new Date('2026-10-01T00:00:00Z');

  it('is the same on every run', () => {
    const a = [...generateDemoHistory(policies, { subjects: 50, until })];
    const b = [...generateDemoHistory(policies, { subjects: 50, until })];
    expect(a).toEqual(b);
  });

  it('judged by the projections: mostly allowed flows, and a sprinkling of most violation codes', async () => {
    await projectedHistory(policies, [...generateDemoHistory(policies, { subjects: 1500, until })], expectDemoVerdicts);
  });

  it('declares a breach at Starfield that affects JCERT subjects held there during its window', async () => {
    await projectedHistory(policies, [...generateDemoHistory(policies, { subjects: 500, until }), ...generateDemoBreaches(until)], async (projections) => {
      const starfield = (await projections.queries.listBreaches()).items.find((b) => b.holder === 'starfield-technologies');
      expect(starfield).toBeDefined();
      const affected = await projections.queries.countSubjectsHoldingDuring({
        holder: 'starfield-technologies',
        items: starfield!.items,
        from: starfield!.window.from,
        to: starfield!.window.to,
        controller: 'jcert',
      });
      expect(affected).toBeGreaterThan(0);
    });
  });
});
