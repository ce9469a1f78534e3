import { createHash } from 'node:crypto';
import { SUBJECT_REF_PREFIX, type AshiatoEvent, type PolicyDocument } from '@ashiato/domain';
import { generateHistory } from '@ashiato/workload';

/**
 * The ref of demo subject `n` of a controller: shaped like the API's keyed HMAC, derived from a
 * fixed label so that the same demo always has the same subjects (and a test can name one).
 */
export function demoSubjectRef(controller: string, n: number): string {
  return `${SUBJECT_REF_PREFIX}${createHash('sha256')
    .update(`demo-${controller}-${String(n).padStart(6, '0')}`)
    .digest('hex')}`;
}

export interface DemoHistoryOptions {
  /** Subjects in total, spread over the policies. */
  subjects: number;
  seed?: number;
  /** End of the generated period; most of the history lies in the 540 days before it. */
  until: Date;
  /** Share of subjects given one non-compliant flow. */
  violationRate?: number;
}

/**
 * The demo's history of already published policies: the shared history generator over a shorter
 * period, with twice its share of non-compliant flows so that every controller shows every kind of
 * violation its policy gives an occasion for, and subject refs a test can name (demoSubjectRef).
 */
export function generateDemoHistory(policies: readonly PolicyDocument[], options: DemoHistoryOptions): Generator<AshiatoEvent> {
  return generateHistory({
    policies,
    subjects: options.subjects,
    seed: options.seed,
    until: options.until,
    spanDays: 540,
    violationRate: options.violationRate ?? 0.06,
    publishPolicies: false,
    subjectRef: demoSubjectRef,
  });
}
