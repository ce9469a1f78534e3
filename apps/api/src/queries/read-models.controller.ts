import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Verdict, ViolationCode } from '@ashiato/domain';
import { ProjectionQueries, type FlowView, type HoldingView, type Page, type ViolationView } from '@ashiato/projections';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { validateQuery } from '../http/validate-query';
import { FlowsQueryDto, HoldingsQueryDto, ViolationsQueryDto } from './query-params.dto';

const pageSchema = (description: string) => ({
  schema: {
    type: 'object',
    properties: { items: { type: 'array', items: { type: 'object', description } }, nextCursor: { type: 'string', nullable: true } },
  },
});

/** Flows, violations and holdings, from the read models only (never a replay of the log). */
@ApiBearerAuth()
@ApiTags('read models')
@Controller('v1')
export class ReadModelsController {
  constructor(
    private readonly queries: ProjectionQueries,
    private readonly consistency: ReadYourWrites,
  ) {}

  @Get('flows')
  @ApiOperation({ summary: 'Flows (acquisitions, uses, provisions) newest first, each with its verdict against the policy in force when it happened' })
  @ApiOkResponse(pageSchema('a flow: eventId, type, occurredAt, controller, subjectRef, holder, recipient, items, purposes, policyVersion, verdict, codes'))
  async flows(@Query() raw: FlowsQueryDto): Promise<Page<FlowView>> {
    const q = validateQuery(FlowsQueryDto, raw);
    await this.consistency.await(q.minPosition);
    return this.queries.listFlows(
      { verdict: q.verdict as Verdict | undefined, code: q.code as ViolationCode | undefined, controller: q.controller, from: q.from, to: q.to },
      { limit: q.limit, cursor: q.cursor },
    );
  }

  @Get('violations')
  @ApiOperation({ summary: 'Violations newest first, each with the eventId of the flow (or erasure) behind it' })
  @ApiOkResponse(pageSchema('a violation: eventId, code, holder, controller, subjectRef, occurredAt, message, items'))
  async violations(@Query() raw: ViolationsQueryDto): Promise<Page<ViolationView>> {
    const q = validateQuery(ViolationsQueryDto, raw);
    await this.consistency.await(q.minPosition);
    return this.queries.listViolations({ code: q.code as ViolationCode | undefined, controller: q.controller, from: q.from, to: q.to }, { limit: q.limit, cursor: q.cursor });
  }

  @Get('holdings')
  @ApiOperation({ summary: 'Who holds which item of which subject as of an instant (default now)' })
  @ApiOkResponse(pageSchema('a holding: subjectRef, controller, holder, item, from, to, eventId, source'))
  async holdings(@Query() raw: HoldingsQueryDto): Promise<Page<HoldingView>> {
    const q = validateQuery(HoldingsQueryDto, raw);
    await this.consistency.await(q.minPosition);
    return this.queries.holdingsAsOf({ holder: q.holder, item: q.item, controller: q.controller, asOf: q.asOf }, { limit: q.limit, cursor: q.cursor });
  }
}
