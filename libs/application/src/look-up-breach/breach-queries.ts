import { Query } from '@nestjs/cqrs';
import type { AffectedSubject, BreachSummary, Page } from '@ashiato/projections';
import type { BreachAnswer, BreachFigures } from './breach-reader';

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** A breach's blast radius, reportability, legal clocks, draft report and one page of the subjects to notify. */
export class LookUpBreachQuery extends Query<BreachAnswer> {
  constructor(
    readonly breachId: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

export type BreachListing = { items: (BreachSummary & BreachFigures)[]; nextCursor: string | null };

/** Declared breaches with their figures: one page, or every page with `all`. */
export class ListBreachesQuery extends Query<BreachListing> {
  constructor(
    readonly page: PageRequest,
    readonly all = false,
  ) {
    super();
  }
}

/** One page of a breach's affected subjects (the notification list); 404 when no such breach is declared. */
export class BreachSubjectsQuery extends Query<Page<AffectedSubject>> {
  constructor(
    readonly breachId: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}
