import { Get, Inject, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { READ_MODEL, type ReadModel } from '@ashiato/projections';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { parseMinPosition } from '../subjects/lineage-params';
import { StatsRoute } from './stats-route';

/**
 * How many data subjects the read model knows (any controller), for the dashboard's overview.
 * A count only, no subject refs, so viewer keys may read it.
 */
@StatsRoute('read models')
export class SubjectStatsController {
  constructor(
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
    private readonly consistency: ReadYourWrites,
  ) {}

  @Get('subjects')
  @ApiOperation({ summary: 'Number of distinct data subjects with at least one event' })
  async subjects(@Query() q: Record<string, string>): Promise<{ subjects: number }> {
    await this.consistency.await(parseMinPosition(q));
    const row = await this.readModel.db
      .selectFrom('subject_state')
      .select((eb) => eb.fn.count<number>('subject_ref').distinct().as('n'))
      .executeTakeFirst();
    return { subjects: Number(row?.n ?? 0) };
  }
}
