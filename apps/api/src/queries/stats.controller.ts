import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StatsQuerySchema, type OverviewStatsAnswer } from '@ashiato/domain';
import { ProjectionQueries } from '@ashiato/projections';
import { contractRef } from '../openapi/contract-schemas';
import { Roles } from '../auth/roles';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { ApiQueryFrom, validateQuery } from '../http/validate-query';

/**
 * Dashboard aggregates (events by type, flows per day by verdict, violations by code and
 * controller, erasures by status, breach count): counts only, no subject refs, so viewer keys may read them.
 */
@ApiBearerAuth()
@ApiTags('read models')
@Roles('viewer', 'dpo', 'breach')
@Controller('v1/stats')
export class StatsController {
  constructor(
    private readonly queries: ProjectionQueries,
    private readonly consistency: ReadYourWrites,
  ) {}

  @Get('overview')
  @ApiOperation({ summary: 'Aggregates for dashboards, from counters the projection keeps' })
  @ApiOkResponse({ schema: contractRef('OverviewStats') })
  @ApiQueryFrom(StatsQuerySchema)
  async overview(@Query() raw: unknown): Promise<OverviewStatsAnswer> {
    const q = validateQuery(StatsQuerySchema, raw);
    await this.consistency.await(q.minPosition);
    return this.queries.overviewStats();
  }
}
