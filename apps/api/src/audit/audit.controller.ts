import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AccessLogProjection } from '@ashiato/projections/dpo/access-log.projection';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { SUBJECT_LOOKUP_ROUTE, SUBJECT_REF_HINT, type AuditPage } from '@ashiato/domain';
import { contractRef } from '../openapi/contract-schemas';
import { ApiError, validationFailed } from '../errors/api-error';
import { AuditService, isAuditTarget } from './audit.service';

export const ACCESS_LOG = Symbol('ACCESS_LOG');

/** Who read which subject's lineage, which report, which breach: the accountability trail for a DPO. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('dpo')
@Controller('v1/audit')
export class AuditController {
  constructor(
    @Inject(ACCESS_LOG) private readonly accessLog: AccessLogProjection,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Recorded reads of personal data (AccessRecorded), newest first' })
  @ApiQuery({ name: 'target', required: false, description: 'a subject ref or breach id' })
  @ApiQuery({ name: 'actor', required: false, description: 'an API key id' })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiOkResponse({ schema: contractRef('AuditPage') })
  async list(@Query() q: Record<string, string | undefined>, @CurrentPrincipal() who: Principal): Promise<AuditPage> {
    const errors = [];
    for (const k of ['from', 'to'] as const)
      if (q[k] !== undefined && Number.isNaN(Date.parse(q[k]!))) errors.push({ path: k, message: 'must be an ISO-8601 instant' });
    for (const k of ['limit', 'offset'] as const)
      if (q[k] !== undefined && !/^\d+$/.test(q[k]!)) errors.push({ path: k, message: 'must be a non-negative integer' });
    if (errors.length) throw validationFailed(errors);
    if (q.target !== undefined && !isAuditTarget(q.target)) {
      throw new ApiError(
        400,
        'SUBJECT_REF_INVALID',
        `target is neither a subject ref nor a breach id; send a raw identifier in the body of ${SUBJECT_LOOKUP_ROUTE}`,
        [{ path: 'target', message: SUBJECT_REF_HINT }],
      );
    }
    if (q.actor !== undefined && !/^[A-Za-z0-9._-]{1,100}$/.test(q.actor)) errors.push({ path: 'actor', message: 'must be an API key id' });
    if (errors.length) throw validationFailed(errors);
    const { total, entries } = await this.accessLog.list({
      target: q.target,
      actor: q.actor,
      from: q.from,
      to: q.to,
      limit: Math.min(Number(q.limit ?? 100), 1000),
      offset: Number(q.offset ?? 0),
    });
    await this.audit.record(who, 'audit.read', q.target ?? '*');
    return {
      total,
      items: entries.map((e) => ({ eventId: e.event_id, occurredAt: e.occurred_at, actor: e.actor, action: e.action, target: e.target })),
    };
  }
}
