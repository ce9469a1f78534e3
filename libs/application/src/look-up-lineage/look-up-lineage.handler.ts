import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@ashiato/domain';
import { applyErasureDeadlines, buildLineage } from '@ashiato/domain/lineage';
import { ProjectionQueries, READ_MODEL, type ReadModel } from '@ashiato/projections';
import { policiesInForceAt } from '@ashiato/projections/dpo/policies-in-force';
import { DPO_CLOCK } from '../clock';
import { LookUpLineageQuery, type LineageAnswer } from './look-up-lineage.query';

/**
 * One subject's lineage as of an instant, from the read models only (no log replay): the subject's
 * events with their verdicts in one indexed read, then the policies in force at that instant.
 */
@QueryHandler(LookUpLineageQuery)
export class LookUpLineageHandler implements IQueryHandler<LookUpLineageQuery, LineageAnswer> {
  constructor(
    private readonly queries: ProjectionQueries,
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
    @Inject(DPO_CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ subjectRef, asOf }: LookUpLineageQuery): Promise<LineageAnswer> {
    const now = this.clock.now().toISOString();
    const at = asOf ? new Date(asOf).toISOString() : now;
    const facts = await this.queries.subjectFacts(subjectRef, at);
    const policies = await policiesInForceAt(this.readModel.db, [...new Set(facts.map((f) => f.event.controller))], at);
    const report = buildLineage({ subjectRef, asOf: at, generatedAt: now, facts, policies });
    const erasures = report.controllers.some((c) => c.erasures.some((x) => x.obligations.length))
      ? (await this.queries.listErasures({ subjectRef }, { limit: 1000 })).items
      : [];
    for (const c of report.controllers) {
      applyErasureDeadlines(c.erasures, (eventId, holder) => erasures.find((x) => x.eventId === eventId && x.holder === holder)?.dueAt, at);
    }
    return { ...report, lastPosition: facts.reduce((m, f) => Math.max(m, f.position), 0) };
  }
}
