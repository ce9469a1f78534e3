import type { ConsentGiven, ConsentWithdrawn, DataAcquired, DataErased, DataProvided, DataUsed, SubjectEvent } from '../events/events';
import type { PolicyDocument } from '../policy/policy';
import { evaluateFlow, type JudgedEvent } from './evaluate-flow';
import { emptySubjectState, evolveSubject, type SubjectState } from './subject-state';
import type { FlowJudgement, ViolationCode } from './violations';

/**
 * Test support: given/when/then over one subject of one controller. Events get sequential ids; the
 * caller gives each its instant, so specs read like the history they describe.
 */
export interface FlowScenario {
  acquired(at: string, items: string[], extra?: Partial<DataAcquired>): DataAcquired;
  used(at: string, items: string[], purposes: string[], extra?: Partial<DataUsed>): DataUsed;
  provided(at: string, recipient: string, items: string[], purposes: string[], extra?: Partial<DataProvided>): DataProvided;
  erased(at: string, items: string[], extra?: Partial<DataErased>): DataErased;
  consented(at: string, scope: Pick<ConsentGiven, 'purposes' | 'recipients' | 'items'>): ConsentGiven;
  withdrew(at: string, scope: Pick<ConsentWithdrawn, 'purposes' | 'recipients' | 'items'>): ConsentWithdrawn;
  /** The subject state after folding `history`. */
  stateAfter(history: SubjectEvent[]): SubjectState;
  /** Judges `flow` against `policy` after `history`. */
  judge(history: SubjectEvent[], flow: JudgedEvent, policy?: PolicyDocument): FlowJudgement;
  /** The violation codes of that judgement, sorted. */
  codes(history: SubjectEvent[], flow: JudgedEvent, policy?: PolicyDocument): ViolationCode[];
}

export function flowScenario(
  policyInForce: PolicyDocument | undefined,
  controller = policyInForce?.controller ?? 'unknown',
  subjectRef = 'subject-hmac-0001',
): FlowScenario {
  let seq = 0;
  const base = (occurredAt: string) => ({ eventId: `evt-${String(++seq).padStart(4, '0')}`, occurredAt, controller, subjectRef });
  const self: FlowScenario = {
    acquired: (at, items, extra) => ({ ...base(at), type: 'DataAcquired', items, source: { kind: 'subject' }, ...extra }),
    used: (at, items, purposes, extra) => ({ ...base(at), type: 'DataUsed', items, purposes, ...extra }),
    provided: (at, recipient, items, purposes, extra) => ({ ...base(at), type: 'DataProvided', recipient, items, purposes, ...extra }),
    erased: (at, items, extra) => ({ ...base(at), type: 'DataErased', items, reason: 'subject-request', ...extra }),
    consented: (at, scope) => ({ ...base(at), type: 'ConsentGiven', ...scope }),
    withdrew: (at, scope) => ({ ...base(at), type: 'ConsentWithdrawn', ...scope }),
    stateAfter: (history) => history.reduce(evolveSubject, emptySubjectState()),
    judge: (history, flow, policy = policyInForce) => evaluateFlow(flow, policy, self.stateAfter(history)),
    codes: (history, flow, policy) =>
      self
        .judge(history, flow, policy)
        .violations.map((v) => v.code)
        .sort(),
  };
  return self;
}
