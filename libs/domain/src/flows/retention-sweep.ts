import type { PolicyDocument } from '../policy/policy';
import { parseRetentionRule } from '../policy/retention-rule';
import { RETENTION_RULES } from '../regimes/retention-regime';
import { retentionDeadline } from './retention';
import type { SubjectState } from './subject-state';
import type { Violation } from './violations';

/**
 * holder -> item -> `since` of the holding already found past its retention. A holding is found once:
 * an entry counts only while the holder still holds the item since that instant, so an erasure and a
 * later acquisition start a new holding that may be found again.
 */
export type RetentionFlags = Record<string, Record<string, string>>;

/** Items one holder kept past the end of their retention, all ending at one instant. */
export interface RetentionFinding {
  holder: string;
  items: string[];
  /** UTC ISO instant the retention ended: the violation's time. */
  endedAt: string;
  /** The event that gave the holder these items (the row the violation points at). */
  eventId: string;
  violation: Violation;
}

const limited = new WeakMap<PolicyDocument, boolean>();

/** Whether any rule of the policy sets a period (most seed rules are `until-erasure`); cached per document. */
function hasLimitedRetention(policy: PolicyDocument): boolean {
  let known = limited.get(policy);
  if (known === undefined) {
    known = policy.retention.some((r) => parseRetentionRule(r.rule)?.kind !== 'until-erasure');
    limited.set(policy, known);
  }
  return known;
}

interface HoldingEnd {
  holder: string;
  item: string;
  end: string;
  eventId: string;
}

function* unflaggedEnds(policy: PolicyDocument, state: SubjectState, flags: RetentionFlags | undefined): Iterable<HoldingEnd> {
  if (!hasLimitedRetention(policy)) return;
  for (const holder of Object.keys(state.holdings)) {
    const held = state.holdings[holder];
    const flagged = flags?.[holder];
    for (const item of Object.keys(held)) {
      if (flagged?.[item] === held[item].since) continue;
      const end = retentionDeadline(policy, item, state, holder);
      if (end) yield { holder, item, end, eventId: held[item].eventId };
    }
  }
}

/**
 * The earliest instant at which an item still held and not yet found ends its retention under
 * `policy`, or undefined when none will. The projection's clock waits for it (event time, like
 * erasure deadlines).
 */
export function nextRetentionEnd(policy: PolicyDocument, state: SubjectState, flags?: RetentionFlags): string | undefined {
  let next: string | undefined;
  for (const { end } of unflaggedEnds(policy, state, flags)) if (next === undefined || end < next) next = end;
  return next;
}

/**
 * What the clock reaching `now` finds: every held, not yet found item whose retention ended before
 * `now`, as the controller's regime words it (APPI Art. 22, APPI Art. 61(2), GDPR Art. 5(1)(e)). One
 * finding per holder, end instant and acquiring event, oldest first.
 */
export function retentionExceededBy(policy: PolicyDocument, state: SubjectState, flags: RetentionFlags | undefined, now: string): RetentionFinding[] {
  const groups = new Map<string, { holder: string; items: string[]; endedAt: string; eventId: string }>();
  for (const h of unflaggedEnds(policy, state, flags)) {
    if (!(h.end < now)) continue;
    const key = `${h.end}\u0000${h.holder}\u0000${h.eventId}`;
    const g = groups.get(key);
    if (g) g.items.push(h.item);
    else groups.set(key, { holder: h.holder, items: [h.item], endedAt: h.end, eventId: h.eventId });
  }
  const rule = RETENTION_RULES[policy.regime];
  return [...groups.keys()].sort().map((k) => {
    const g = groups.get(k)!;
    return { ...g, violation: rule({ holder: g.holder, items: g.items, endedAt: g.endedAt }) };
  });
}

/** The flags after `findings`: theirs added, and those of holdings that ended since dropped. */
export function flagRetention(flags: RetentionFlags | undefined, state: SubjectState, findings: RetentionFinding[]): RetentionFlags {
  // Null prototypes: holder and item ids come from events, and `__proto__` must stay a plain key.
  const out: RetentionFlags = Object.create(null) as RetentionFlags;
  const keep = (holder: string, item: string, since: string) => ((out[holder] ??= Object.create(null) as Record<string, string>)[item] = since);
  for (const [holder, items] of Object.entries(flags ?? {})) {
    for (const [item, since] of Object.entries(items)) if (state.holdings[holder]?.[item]?.since === since) keep(holder, item, since);
  }
  for (const f of findings) for (const item of f.items) keep(f.holder, item, state.holdings[f.holder][item].since);
  return out;
}
