import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ProjectionQueries, type AffectedSubject, type Page } from '@ashiato/projections';
import { BreachReader, type BreachAnswer } from './breach-reader';
import { BreachSubjectsQuery, ListBreachesQuery, LookUpBreachQuery, type BreachListing } from './breach-queries';

@QueryHandler(LookUpBreachQuery)
export class LookUpBreachHandler implements IQueryHandler<LookUpBreachQuery, BreachAnswer> {
  constructor(private readonly reader: BreachReader) {}

  execute({ breachId, page }: LookUpBreachQuery): Promise<BreachAnswer> {
    return this.reader.answer(breachId, page);
  }
}

@QueryHandler(ListBreachesQuery)
export class ListBreachesHandler implements IQueryHandler<ListBreachesQuery, BreachListing> {
  constructor(
    private readonly queries: ProjectionQueries,
    private readonly reader: BreachReader,
  ) {}

  async execute({ page, all }: ListBreachesQuery): Promise<BreachListing> {
    const items: BreachListing['items'] = [];
    let cursor = page.cursor ?? null;
    do {
      const listed = await this.queries.listBreaches({ ...page, ...(cursor ? { cursor } : {}) });
      for (const summary of listed.items) items.push({ ...summary, ...(await this.reader.summary(summary.breachId)) });
      cursor = listed.nextCursor;
    } while (all && cursor);
    return { items, nextCursor: cursor };
  }
}

@QueryHandler(BreachSubjectsQuery)
export class BreachSubjectsHandler implements IQueryHandler<BreachSubjectsQuery, Page<AffectedSubject>> {
  constructor(private readonly reader: BreachReader) {}

  async execute({ breachId, page }: BreachSubjectsQuery): Promise<Page<AffectedSubject>> {
    const { declared } = await this.reader.state(breachId);
    return this.reader.subjects(declared, page);
  }
}
