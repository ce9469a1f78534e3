import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { renderLineageHtml } from '@ashiato/domain/lineage';
import { AuditService } from '../audit/audit.service';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { LookUpLineageQuery, SubjectHasher, type LineageAnswer } from '@ashiato/application';
import { subjectRefParam } from '../identity/subject-ref-param';
import { ProjectionQueries } from '@ashiato/projections';
import { contractRef } from '../openapi/contract-schemas';
import { parseIdentifier, parseLineageQuery, parseMinPosition, type ReportFormat } from './lineage-params';

/**
 * A subject's lineage (APPI Art. 33, GDPR Art. 15). Every read is audited. Identifiers travel only in
 * a POST body and are HMAC'd exactly as at ingest, so no raw identifier reaches a URL or a log line.
 */
@ApiTags('subjects')
@ApiBearerAuth()
@Roles('dpo')
@Controller('v1/subjects')
export class SubjectsController {
  constructor(
    private readonly lineage: QueryBus,
    private readonly audit: AuditService,
    private readonly hasher: SubjectHasher,
    private readonly consistency: ReadYourWrites,
    private readonly queries: ProjectionQueries,
  ) {}

  @Get(':ref/consents')
  @ApiOperation({
    summary:
      "One subject's consent records, every controller, as JSON-LD: ISO/IEC TS 27560 records in the W3C Data Privacy Vocabulary (dpv:ConsentRecord), with purposes, personal data (DPV-PD), recipients, the notice in force and each consent's states",
  })
  @ApiQuery({ name: 'minPosition', required: false })
  async consents(@Param('ref') raw: string, @Query() q: Record<string, string>, @CurrentPrincipal() who: Principal, @Res({ passthrough: true }) res: Response) {
    const ref = subjectRefParam(raw, 'ref');
    await this.consistency.await(parseMinPosition(q));
    const doc = await this.queries.subjectConsentRecords(ref);
    await this.audit.record(who, 'consents.read', ref);
    res.type('application/ld+json; charset=utf-8');
    return doc;
  }

  @Get(':ref/lineage')
  @ApiOperation({
    summary:
      "One subject's lineage as of an instant: items held and by whom, uses, provisions, erasures, consents. `ref` is a subject ref (hmac:<64 hex>); a raw identifier is refused with 400 SUBJECT_REF_INVALID: use lineage:lookup",
  })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  @ApiQuery({ name: 'minPosition', required: false })
  @ApiOkResponse({ schema: contractRef('LineageAnswer'), description: 'The lineage as JSON (`format=html`: the printable report).' })
  async get(@Param('ref') raw: string, @Query() q: Record<string, string>, @CurrentPrincipal() who: Principal, @Res({ passthrough: true }) res: Response) {
    const ref = subjectRefParam(raw, 'ref');
    const { asOf, format } = parseLineageQuery(q);
    await this.consistency.await(parseMinPosition(q));
    const answer = await this.lineage.execute(new LookUpLineageQuery(ref, asOf));
    await this.audit.record(who, 'lineage.read', ref);
    return this.render(answer, format, res);
  }

  @Post('lineage\\:lookup')
  @HttpCode(200)
  @ApiOperation({ summary: 'The same lineage, looked up by an identifier (email, phone or externalId) sent in the body' })
  @ApiBody({ schema: { type: 'object', properties: { email: { type: 'string' }, phone: { type: 'string' }, externalId: { type: 'string' } } } })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  @ApiOkResponse({ schema: contractRef('LineageAnswer'), description: 'The lineage as JSON (`format=html`: the printable report).' })
  async lookup(@Body() body: unknown, @Query() q: Record<string, string>, @CurrentPrincipal() who: Principal, @Res({ passthrough: true }) res: Response) {
    const { asOf, format } = parseLineageQuery(q);
    const ref = this.hasher.refFor(parseIdentifier(body));
    await this.consistency.await(parseMinPosition(q));
    const answer = await this.lineage.execute(new LookUpLineageQuery(ref, asOf));
    await this.audit.record(who, 'lineage.lookup', ref);
    return this.render(answer, format, res);
  }

  private render(answer: LineageAnswer, format: ReportFormat, res: Response): LineageAnswer | string {
    if (format === 'json') return answer;
    res.type('text/html; charset=utf-8');
    return renderLineageHtml(answer);
  }
}
