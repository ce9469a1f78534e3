import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RecordOfProcessingQuerySchema, type RecordOfProcessingAnswer } from '@ashiato/domain';
import type { Response } from 'express';
import { ProjectionQueries } from '@ashiato/projections';
import { contractRef } from '../openapi/contract-schemas';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { notFound, validationFailed } from '../errors/api-error';
import { ApiQueryFrom, validateQuery } from '../http/validate-query';
import { ID_PATTERN } from '../http/validators';
import { recordOfProcessingCsv } from './record-of-processing.csv';

/**
 * The record of processing a controller's regime asks for (GDPR Art. 30(1); APPI Art. 75 file
 * register; APPI business: Art. 32(1) matters and Arts. 27-29 recipient facts), from the policy in
 * force at `to`, each line annotated with what the log shows in [from, to]: declared and observed,
 * declared but never observed, observed but not declared. Audited like every DPO read.
 */
@ApiTags('records')
@ApiBearerAuth()
@Roles('dpo')
@Controller('v1/controllers')
export class RecordOfProcessingController {
  constructor(
    private readonly queries: ProjectionQueries,
    private readonly consistency: ReadYourWrites,
    private readonly audit: AuditService,
  ) {}

  @Get(':id/record-of-processing')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ schema: contractRef('RecordOfProcessing') })
  @ApiOperation({
    summary:
      "A controller's record of processing in its regime's form, each line annotated with the recorded flows of a period (declared+observed, declared-not-observed, observed-not-declared), and transfers by country",
  })
  @ApiQueryFrom(RecordOfProcessingQuerySchema)
  async get(
    @Param('id') id: string,
    @Query() raw: unknown,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordOfProcessingAnswer | string> {
    if (!ID_PATTERN.test(id))
      throw validationFailed([{ path: 'id', message: 'must be a policy id (letters, digits, ".", "_", "-")' }], 'invalid controller id');
    const q = validateQuery(RecordOfProcessingQuerySchema, raw);
    if (q.from && q.to && Date.parse(q.from) > Date.parse(q.to)) throw validationFailed([{ path: 'from', message: 'must not be after to' }], 'invalid period');
    await this.consistency.await(q.minPosition);
    const record = await this.queries.recordOfProcessing(id, { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) });
    if (!record) throw notFound(`no version of this controller's policy was in force ${q.to ? 'at that instant' : 'now'}`);
    await this.audit.record(who, 'recordOfProcessing.read', id);
    if (q.format !== 'csv') return record;
    res.type('text/csv; charset=utf-8').setHeader('content-disposition', `attachment; filename="record-of-processing-${id}.csv"`);
    return recordOfProcessingCsv(record);
  }
}
