import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import type { BreachSummaryList } from '@ashiato/domain';
import { ListBreachesQuery } from '@ashiato/application';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { Roles } from '../auth/roles';
import { parseMinPosition } from '../subjects/lineage-params';
import { contractRef } from '../openapi/contract-schemas';

/**
 * Breach figures for dashboards: counts, reportability and deadline clocks, with no subject refs, so
 * `viewer` keys may read them and reads are not audited (no personal data leaves).
 */
@ApiTags('breaches')
@ApiBearerAuth()
@Roles('viewer', 'dpo', 'breach')
@Controller('v1/stats')
export class BreachStatsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly consistency: ReadYourWrites,
  ) {}

  @Get('breaches')
  @ApiOperation({ summary: 'Every breach with affected-subject count, reportability and its legal clocks (no subject refs)' })
  @ApiOkResponse({ schema: contractRef('BreachSummaryList') })
  async breaches(@Query() q: Record<string, string>): Promise<BreachSummaryList> {
    await this.consistency.await(parseMinPosition(q));
    const { items } = await this.queries.execute(new ListBreachesQuery({ limit: 200 }, true));
    return { items };
  }
}
