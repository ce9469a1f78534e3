import type { Violation } from '../flows/violations';

/** Items one holder still kept when their retention period ended (the same instant for all of them). */
export interface RetentionEnd {
  holder: string;
  items: string[];
  /** When the period ended, UTC ISO. */
  endedAt: string;
}

/** A regime's RETENTION_EXCEEDED: the violation, in its own terms and article, of items kept past their end. */
export type RetentionExceededRule = (end: RetentionEnd) => Violation;
