import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ErasurePage } from '@ashiato/domain';
import { ProjectionQueries, type ErasureStatus } from '@ashiato/projections';
import { AuditService } from '../audit/audit.service';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { parseMinPosition } from '../subjects/lineage-params';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { validationFailed } from '../errors/api-error';
import { optionalSubjectRefParam } from '../identity/subject-ref-param';
import { contractRef } from '../openapi/contract-schemas';

const STATUSES: readonly ErasureStatus[] = ['open', 'overdue', 'done'];

/**
 * Erasure fan-out (APPI Art. 35, GDPR Arts. 17, 19): one obligation per recipient still holding items
 * the controller erased; `overdue` once ASHIATO_ERASURE_DEADLINE_DAYS (default 30) have passed without
 * the recipient's own DataErased (ERASURE_NOT_PROPAGATED).
 */
@ApiTags('erasures')
@ApiBearerAuth()
@Roles('dpo')
@Controller('v1/erasures')
export class ErasuresController {
  constructor(
    private readonly queries: ProjectionQueries,
    private readonly audit: AuditService,
    private readonly consistency: ReadYourWrites,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Erasure obligations of recipients, by status' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({ name: 'controller', required: false })
  @ApiQuery({ name: 'minPosition', required: false })
  @ApiQuery({ name: 'holder', required: false })
  @ApiQuery({ name: 'subjectRef', required: false })
  @ApiOkResponse({ schema: contractRef('ErasurePage') })
  async list(@Query() q: Record<string, string | undefined>, @CurrentPrincipal() who: Principal): Promise<ErasurePage> {
    const errors = [];
    if (q.status !== undefined && !STATUSES.includes(q.status as ErasureStatus))
      errors.push({ path: 'status', message: `must be one of ${STATUSES.join(', ')}` });
    if (q.limit !== undefined && !/^\d+$/.test(q.limit)) errors.push({ path: 'limit', message: 'must be a positive integer' });
    if (errors.length) throw validationFailed(errors);
    const subjectRef = optionalSubjectRefParam(q.subjectRef, 'subjectRef');
    await this.consistency.await(parseMinPosition(q));
    const filter = {
      ...(q.status ? { status: q.status as ErasureStatus } : {}),
      ...(q.controller ? { controller: q.controller } : {}),
      ...(q.holder ? { holder: q.holder } : {}),
      ...(subjectRef ? { subjectRef } : {}),
    };
    const [page, total] = await Promise.all([
      this.queries.listErasures(filter, { ...(q.limit ? { limit: Number(q.limit) } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) }),
      this.queries.countErasures(filter),
    ]);
    await this.audit.record(who, 'erasures.read', subjectRef ?? '*', page.items.length);
    return { total, ...page };
  }
}
