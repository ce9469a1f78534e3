import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FlowsQuerySchema, HoldingsQuerySchema, ViolationsQuerySchema, type FlowPage, type HoldingPage, type ViolationPage } from '@ashiato/domain';
import { ProjectionQueries } from '@ashiato/projections';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal } from '../auth/principal.decorator';
import type { Principal } from '../auth/roles';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { ApiQueryFrom, validateQuery } from '../http/validate-query';
import { contractRef } from '../openapi/contract-schemas';

/**
 * Flows, violations and holdings, from the read models only (never a replay of the log). Each answer
 * carries subject refs, so each request is audited: one AccessRecorded naming the route and the count.
 */
@ApiBearerAuth()
@ApiTags('read models')
@Controller('v1')
export class ReadModelsController {
  constructor(
    private readonly queries: ProjectionQueries,
    private readonly consistency: ReadYourWrites,
    private readonly audit: AuditService,
  ) {}

  @Get('flows')
  @ApiOperation({ summary: 'Flows (acquisitions, uses, provisions) newest first, each with its verdict against the policy in force when it happened' })
  @ApiOkResponse({ schema: contractRef('FlowPage') })
  @ApiQueryFrom(FlowsQuerySchema)
  async flows(@Query() raw: unknown, @CurrentPrincipal() who: Principal): Promise<FlowPage> {
    const q = validateQuery(FlowsQuerySchema, raw);
    await this.consistency.await(q.minPosition);
    const page = await this.queries.listFlows(
      { verdict: q.verdict, code: q.code, controller: q.controller, from: q.from, to: q.to },
      { limit: q.limit, cursor: q.cursor },
    );
    await this.audit.record(who, 'flows.list', '/v1/flows', page.items.length);
    return page;
  }

  @Get('violations')
  @ApiOperation({ summary: 'Violations newest first, each with the eventId of the flow (or erasure) behind it' })
  @ApiOkResponse({ schema: contractRef('ViolationPage') })
  @ApiQueryFrom(ViolationsQuerySchema)
  async violations(@Query() raw: unknown, @CurrentPrincipal() who: Principal): Promise<ViolationPage> {
    const q = validateQuery(ViolationsQuerySchema, raw);
    await this.consistency.await(q.minPosition);
    const page = await this.queries.listViolations({ code: q.code, controller: q.controller, from: q.from, to: q.to }, { limit: q.limit, cursor: q.cursor });
    await this.audit.record(who, 'violations.list', '/v1/violations', page.items.length);
    return page;
  }

  @Get('holdings')
  @ApiOperation({ summary: 'Who holds which item of which subject as of an instant (default now)' })
  @ApiOkResponse({ schema: contractRef('HoldingPage') })
  @ApiQueryFrom(HoldingsQuerySchema)
  async holdings(@Query() raw: unknown, @CurrentPrincipal() who: Principal): Promise<HoldingPage> {
    const q = validateQuery(HoldingsQuerySchema, raw);
    await this.consistency.await(q.minPosition);
    const page = await this.queries.holdingsAsOf(
      { holder: q.holder, item: q.item, controller: q.controller, asOf: q.asOf },
      { limit: q.limit, cursor: q.cursor },
    );
    await this.audit.record(who, 'holdings.list', '/v1/holdings', page.items.length);
    return page;
  }
}
