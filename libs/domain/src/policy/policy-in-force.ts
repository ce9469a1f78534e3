import { isoInRegime } from '../time/zoned-time';
import type { Regime } from './policy';

/** A published policy version as the log knows it: when it takes effect, and when and where it was published. */
export interface PublishedVersion {
  version: string;
  /** UTC ISO. */
  effectiveFrom: string;
  /** The PolicyPublished event's occurredAt, UTC ISO. */
  publishedAt: string;
  /** Log position of the PolicyPublished event. */
  position: number;
  regime: Regime;
}

/** The version in force at `at`: the latest `effectiveFrom` ≤ at, ties broken by the later publication in the log. */
export function versionInForce<V extends Pick<PublishedVersion, 'effectiveFrom' | 'position'>>(versions: readonly V[], at: string): V | undefined {
  let best: V | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > at) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.position > best.position)) best = v;
  }
  return best;
}

/**
 * The POLICY_MISSING message of a flow at `occurredAt`. A flow is judged by the versions published
 * before it was recorded, and a version published afterwards never rewrites that verdict, even when it
 * is back-dated to before the flow. When one is (`backdated`: the version in force at `occurredAt`
 * now), the message says so, so that it does not contradict the policy answered for that instant.
 */
export function policyMissingMessage(controller: string, occurredAt: string, backdated?: PublishedVersion): string {
  if (!backdated) return `no policy of ${controller} in force at ${occurredAt}`;
  const at = (t: string) => isoInRegime(t, backdated.regime);
  return (
    `no version of ${controller}'s policy published before this flow was recorded was in force at ${at(occurredAt)}; ` +
    `v${backdated.version}, published later (${at(backdated.publishedAt)}), is back-dated to ${at(backdated.effectiveFrom)} and does not change this verdict`
  );
}
