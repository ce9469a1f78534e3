import { emptySubjectState, evaluateFlow, evolveSubject, type PolicyDocument, type SubjectState, type ViolationCode } from '@ashiato/domain';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';
import { decodeFlowEvent } from '../projectors/flow-event-codec';
import { utc } from '../queries/pagination';

export interface WhatIfOptions {
  /** Flows that occurred at or after this instant are judged under the draft; earlier ones keep their verdict. */
  from: string;
  /** How many changed flows to list (the counts always cover all of them). */
  limit: number;
}

export interface JudgementView {
  verdict: 'allowed' | 'violation';
  codes: ViolationCode[];
}

export interface ChangedFlow {
  eventId: string;
  type: string;
  occurredAt: string;
  holder: string;
  recipient: string | null;
  purposes: string[];
  recorded: JudgementView;
  draft: JudgementView;
}

export interface WhatIfTally {
  becameViolation: number;
  becameAllowed: number;
  codesChanged: number;
}

export interface WhatIfAnswer {
  controller: string;
  from: string;
  draft: { version: string; regime: string };
  /** Flows of the period judged again under the draft. */
  flowsJudged: number;
  flowsChanged: number;
  becameViolation: number;
  becameAllowed: number;
  /** Violation codes the draft adds or removes, counted per flow. */
  codes: { added: Partial<Record<ViolationCode, number>>; removed: Partial<Record<ViolationCode, number>> };
  subjectsAffected: number;
  byRecipient: ({ recipient: string } & WhatIfTally)[];
  byPurpose: ({ purpose: string } & WhatIfTally)[];
  /** Up to `limit` changed flows (the first found, subject by subject), oldest first; no subject refs (a dpo follows the event ids). */
  flows: ChangedFlow[];
  truncated: boolean;
}

const PAGE = 2_000;
type Change = keyof WhatIfTally;

/**
 * Re-judges one controller's recorded flows from `from` on under a draft policy; nothing is written.
 * Reads the controller's subject events (the flows table keeps every one) subject by subject in log
 * order, rebuilds each subject's state with the domain's evolveSubject, and asks evaluateFlow of the
 * draft for every acquisition, use and provision at or after `from`; each answer is compared with the
 * verdict recorded under the policy in force at the time. Memory holds one subject's state and the
 * tallies. Flow verdicts only: erasure propagation and retention findings are not re-judged.
 */
export async function whatIf(db: Kysely<ReadModelDatabase>, draft: PolicyDocument, options: WhatIfOptions): Promise<WhatIfAnswer> {
  const from = utc(options.from)!;
  const answer: WhatIfAnswer = {
    controller: draft.controller,
    from,
    draft: { version: draft.version, regime: draft.regime },
    flowsJudged: 0,
    flowsChanged: 0,
    becameViolation: 0,
    becameAllowed: 0,
    codes: { added: {}, removed: {} },
    subjectsAffected: 0,
    byRecipient: [],
    byPurpose: [],
    flows: [],
    truncated: false,
  };
  const recipients = new Map<string, WhatIfTally>();
  const purposes = new Map<string, WhatIfTally>();
  let subject: string | undefined;
  let state: SubjectState = emptySubjectState();
  let subjectChanged = false;
  let after: { subject: string; position: number } | undefined;
  for (;;) {
    let q = db.selectFrom('flows').selectAll().where('controller', '=', draft.controller);
    if (after) {
      const { subject: s, position } = after;
      q = q.where((eb) => eb.or([eb('subject_ref', '>', s), eb.and([eb('subject_ref', '=', s), eb('position', '>', position)])]));
    }
    const rows = await q.orderBy('subject_ref').orderBy('position').limit(PAGE).execute();
    for (const row of rows) {
      if (row.subject_ref !== subject) {
        if (subjectChanged) answer.subjectsAffected++;
        subject = row.subject_ref;
        state = emptySubjectState();
        subjectChanged = false;
      }
      const event = decodeFlowEvent(row);
      if ((event.type === 'DataAcquired' || event.type === 'DataUsed' || event.type === 'DataProvided') && row.occurred_at >= from) {
        answer.flowsJudged++;
        const judged = evaluateFlow(event, draft, state);
        const recorded: JudgementView = {
          verdict: row.verdict === 'violation' ? 'violation' : 'allowed',
          codes: JSON.parse(row.codes ?? '[]') as ViolationCode[],
        };
        const next: JudgementView = { verdict: judged.verdict, codes: [...new Set(judged.violations.map((v) => v.code))] };
        if (differs(recorded, next)) {
          subjectChanged = true;
          const change = tallyChange(answer, recorded, next);
          const recipient = event.type === 'DataProvided' ? event.recipient : null;
          const flowPurposes = ('purposes' in event && event.purposes) || [];
          if (recipient) bump(recipients, recipient, change);
          for (const p of flowPurposes) bump(purposes, p, change);
          if (answer.flows.length < options.limit) {
            answer.flows.push({
              eventId: event.eventId,
              type: event.type,
              occurredAt: row.occurred_at,
              holder: row.holder ?? event.controller,
              recipient,
              purposes: flowPurposes,
              recorded,
              draft: next,
            });
          } else answer.truncated = true;
        }
      }
      evolveSubject(state, event);
    }
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1];
    after = { subject: last.subject_ref, position: Number(last.position) };
  }
  if (subjectChanged) answer.subjectsAffected++;
  answer.flows.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
  answer.byRecipient = [...recipients].map(([recipient, t]) => ({ recipient, ...t })).sort((a, b) => a.recipient.localeCompare(b.recipient));
  answer.byPurpose = [...purposes].map(([purpose, t]) => ({ purpose, ...t })).sort((a, b) => a.purpose.localeCompare(b.purpose));
  return answer;
}

function differs(a: JudgementView, b: JudgementView): boolean {
  return a.verdict !== b.verdict || a.codes.length !== b.codes.length || a.codes.some((c) => !b.codes.includes(c));
}

function tallyChange(answer: WhatIfAnswer, recorded: JudgementView, next: JudgementView): Change {
  answer.flowsChanged++;
  for (const c of next.codes) if (!recorded.codes.includes(c)) answer.codes.added[c] = (answer.codes.added[c] ?? 0) + 1;
  for (const c of recorded.codes) if (!next.codes.includes(c)) answer.codes.removed[c] = (answer.codes.removed[c] ?? 0) + 1;
  if (recorded.verdict === 'allowed' && next.verdict === 'violation') {
    answer.becameViolation++;
    return 'becameViolation';
  }
  if (recorded.verdict === 'violation' && next.verdict === 'allowed') {
    answer.becameAllowed++;
    return 'becameAllowed';
  }
  return 'codesChanged';
}

function bump(map: Map<string, WhatIfTally>, key: string, change: Change): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = { becameViolation: 0, becameAllowed: 0, codesChanged: 0 }));
  t[change]++;
}
