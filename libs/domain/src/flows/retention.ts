import type { PolicyDocument, RetentionRule } from '../policy/policy';
import { addDuration, parseRetentionRule, type ParsedRetentionRule } from '../policy/retention-rule';
import type { SubjectState } from './subject-state';

/**
 * The rules governing one holder's copy of an item: the rules naming that holder if there are any,
 * otherwise the general rules (those without `holder`).
 */
export function retentionRulesFor(policy: PolicyDocument, item: string, holder: string = policy.controller): RetentionRule[] {
  const forItem = policy.retention.filter((r) => r.items.includes(item));
  const own = forItem.filter((r) => r.holder === holder);
  return own.length ? own : forItem.filter((r) => r.holder === undefined);
}

/**
 * When `holder` must have deleted `item` under the policy (ISO instant, UTC), or undefined when no
 * rule sets a limit (`until-erasure`, no rule, or nothing to count from). With several rules the
 * earliest limit wins: each rule is an obligation to delete.
 */
export function retentionDeadline(policy: PolicyDocument, item: string, state: SubjectState, holder: string = policy.controller): string | undefined {
  let earliest: Date | undefined;
  for (const parsed of limitsFor(policy, item, holder)) {
    const from = parsed.kind === 'fromLastActivity' ? state.lastActivityAt : acquiredAt(state, item, holder, policy.controller);
    if (!from) continue;
    const deadline = addDuration(from, parsed.duration);
    if (!earliest || deadline < earliest) earliest = deadline;
  }
  return earliest?.toISOString();
}

type Limit = Exclude<ParsedRetentionRule, { kind: 'until-erasure' }>;

/** Parsed rules with a period, per policy document (never changed once published), holder and item: asked for every held item of every flow and sweep. */
const limitsByPolicy = new WeakMap<PolicyDocument, Map<string, Limit[]>>();

function limitsFor(policy: PolicyDocument, item: string, holder: string): Limit[] {
  let byKey = limitsByPolicy.get(policy);
  if (!byKey) limitsByPolicy.set(policy, (byKey = new Map()));
  const key = `${holder}\u0000${item}`;
  let limits = byKey.get(key);
  if (!limits) {
    limits = retentionRulesFor(policy, item, holder)
      .map((r) => parseRetentionRule(r.rule))
      .filter((p): p is Limit => p !== undefined && p.kind !== 'until-erasure');
    byKey.set(key, limits);
  }
  return limits;
}

/** Whether `holder`'s copy of `item` is past its retention limit at instant `at`. */
export function isRetentionExceeded(policy: PolicyDocument, item: string, state: SubjectState, at: string, holder: string = policy.controller): boolean {
  const deadline = retentionDeadline(policy, item, state, holder);
  return deadline !== undefined && Date.parse(at) > Date.parse(deadline);
}

function acquiredAt(state: SubjectState, item: string, holder: string, controller: string): string | undefined {
  const held = state.holdings[holder]?.[item]?.since;
  return held ?? (holder === controller ? state.firstAcquiredAt[item] : undefined);
}
