import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { ListBreachesQuery } from '@ashiato/application';
import { StatsQuerySchema, type BreachSummaryList, type OverviewStatsAnswer } from '@ashiato/domain';
import { ProjectionQueries } from '@ashiato/projections';
import { contractRef } from '../openapi/contract-schemas';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { ApiQueryFrom, validateQuery } from '../http/validate-query';
import { parseMinPosition } from '../subjects/lineage-params';
import { StatsRoute } from '../stats/stats-route';

/**
 * Dashboard aggregates (events by type, flows per day by verdict, violations by code and
 * controller, erasures by status, breach count) and the breach figures (counts, reportability and
 * deadline clocks): counts only, no subject refs, so viewer keys may read them and reads are not
 * audited (no personal data leaves).
 */
@StatsRoute()
export class StatsController {
  constructor(
    private readonly projections: ProjectionQueries,
    private readonly queries: QueryBus,
    private readonly consistency: ReadYourWrites,
  ) {}

  @Get('overview')
  @ApiTags('read models')
  @ApiOperation({ summary: 'Aggregates for dashboards, from counters the projection keeps' })
  @ApiOkResponse({ schema: contractRef('OverviewStats') })
  @ApiQueryFrom(StatsQuerySchema)
  async overview(@Query() raw: unknown): Promise<OverviewStatsAnswer> {
    const q = validateQuery(StatsQuerySchema, raw);
    await this.consistency.await(q.minPosition);
    return this.projections.overviewStats();
  }

  @Get('breaches')
  @ApiTags('breaches')
  @ApiOperation({ summary: 'Every breach with affected-subject count, reportability and its legal clocks (no subject refs)' })
  @ApiOkResponse({ schema: contractRef('BreachSummaryList') })
  async breaches(@Query() q: Record<string, string>): Promise<BreachSummaryList> {
    await this.consistency.await(parseMinPosition(q));
    const { items } = await this.queries.execute(new ListBreachesQuery({ limit: 200 }, true));
    return { items };
  }
}
