import { Controller, Get, Header, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PERSONAL_DATA_FLOW_FACET_PATH, ProjectionQueries, type FlowAction } from '@ashiato/projections';
import facetSchema from '../../../../schemas/openlineage/PersonalDataFlowRunFacet.json';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Public, Roles, type Principal } from '../auth/roles';
import { APP_CONFIG, type AppConfig } from '@ashiato/server-config';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { OpenLineageQuerySchema } from '@ashiato/domain';
import { ApiQueryFrom, validateQuery } from '../http/validate-query';

/**
 * Personal-data flows for lineage servers (Marquez, DataHub, any OpenLineage HTTP endpoint): one
 * OpenLineage RunEvent per controller, holder, recipient, purposes and day, with the
 * `ashiato_personalDataFlow` run facet. Subject refs only when asked, and the read is audited.
 */
@ApiTags('export')
@Controller()
export class OpenLineageController {
  constructor(
    private readonly queries: ProjectionQueries,
    private readonly consistency: ReadYourWrites,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('v1/export/openlineage')
  @ApiBearerAuth()
  @Roles('dpo')
  @ApiProduces('application/x-ndjson')
  @ApiOperation({ summary: 'Recorded flows as OpenLineage 2-0-2 RunEvents (NDJSON), aggregated per controller, holder, recipient, purposes and UTC day' })
  @ApiQueryFrom(OpenLineageQuerySchema)
  async openLineage(@Query() raw: unknown, @CurrentPrincipal() who: Principal, @Res() res: Response): Promise<void> {
    const q = validateQuery(OpenLineageQuerySchema, raw);
    await this.consistency.await(q.minPosition);
    const events = this.queries.exportOpenLineage({
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.controller ? { controller: q.controller } : {}),
      ...(q.actions ? { actions: q.actions.split(',') as FlowAction[] } : {}),
      includeSubjects: q.includeSubjects === 'true',
      producer: this.config.publicUrl,
      facetSchemaUrl: `${this.config.publicUrl}${PERSONAL_DATA_FLOW_FACET_PATH}`,
    });
    // The first event is read before the headers go out, so a failing query is still a clean error answer.
    let next = await events.next();
    res.status(200).type('application/x-ndjson; charset=utf-8');
    let count = 0;
    try {
      while (!next.done && !res.destroyed) {
        count++;
        if (!res.write(JSON.stringify(next.value) + '\n')) await new Promise((resolve) => res.once('drain', resolve));
        next = await events.next();
      }
    } finally {
      // Recorded with what was actually sent, also when the client went away mid-way.
      await this.audit.record(who, 'export.openlineage', '/v1/export', count);
      res.end();
    }
  }

  @Get(PERSONAL_DATA_FLOW_FACET_PATH.slice(1))
  @Public()
  @Header('content-type', 'application/schema+json')
  @ApiOperation({ summary: 'JSON Schema of the ashiato_personalDataFlow OpenLineage run facet' })
  facetSchema(): unknown {
    return facetSchema;
  }
}
