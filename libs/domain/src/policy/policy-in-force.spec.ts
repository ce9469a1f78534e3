import { policyMissingMessage, versionInForce, type PublishedVersion } from './policy-in-force';

describe('the policy version in force, and a version back-dated after a flow', () => {
  const v = (version: string, effectiveFrom: string, publishedAt: string, position: number): PublishedVersion => ({
    version,
    effectiveFrom,
    publishedAt,
    position,
    regime: 'APPI',
  });
  const v1 = v('1', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 1);
  const v3 = v('3', '2023-06-01T00:00:00.000Z', '2024-08-01T00:00:00.000Z', 9);

  it('takes the latest effective version at the instant, a later publication winning a tie', () => {
    expect(versionInForce([v1, v3], '2023-12-31T00:00:00.000Z')).toBe(v3);
    expect(versionInForce([v1, v3], '2024-02-01T00:00:00.000Z')).toBe(v1);
    const again = { ...v1, version: '1b', position: 12 };
    expect(versionInForce([v1, again], '2024-02-01T00:00:00.000Z')).toBe(again);
    expect(versionInForce([v1], '2023-01-01T00:00:00.000Z')).toBeUndefined();
  });

  it('given no version in force when the flow was recorded, then POLICY_MISSING says only that', () => {
    expect(policyMissingMessage('shop', '2023-07-01T00:00:00Z')).toBe('no policy of shop in force at 2023-07-01T00:00:00Z');
  });

  it('given v3 published later but back-dated before the flow, then the message says so plainly, in the regime’s time', () => {
    expect(policyMissingMessage('shop', '2023-07-01T00:00:00.000Z', v3)).toBe(
      "no version of shop's policy published before this flow was recorded was in force at 2023-07-01T09:00:00.000+09:00; " +
        'v3, published later (2024-08-01T09:00:00.000+09:00), is back-dated to 2023-06-01T09:00:00.000+09:00 and does not change this verdict',
    );
  });
});
