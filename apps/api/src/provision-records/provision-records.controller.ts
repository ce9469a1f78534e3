import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ProjectionQueries, type ProvisionRecordFilter, type ProvisionRecordView } from '@ashiato/projections';
import { AuditService } from '../audit/audit.service';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { parseMinPosition } from '../subjects/lineage-params';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { validationFailed } from '../errors/api-error';
import { toCsv } from '../http/csv';
import { optionalSubjectRefParam } from '../identity/subject-ref-param';
import { ID_PATTERN } from '../http/validators';

/** CSV columns in the order of the Rules' record items (APPI Rules Art. 20), then retention (Art. 21). */
const CSV_HEADER = [
  'provided_at',
  'controller',
  'provider',
  'recipient_id',
  'recipient_name',
  'recipient_address',
  'recipient_country',
  'subject_ref',
  'items',
  'purposes',
  'basis',
  'consent_ref',
  'consent_event_ids',
  'record_required',
  'retention_until',
  'event_id',
];

function csvRow(r: ProvisionRecordView): unknown[] {
  return [
    r.occurredAt,
    r.controller,
    r.provider,
    r.recipient.id,
    r.recipient.name,
    r.recipient.address,
    r.recipient.country,
    r.subjectRef,
    r.items.join(' '),
    r.purposes.join(' '),
    r.basis,
    r.consentRef,
    r.consent?.consentEventIds.join(' '),
    r.recordRequired,
    r.retentionUntil,
    r.eventId,
  ];
}

/** APPI Art. 29 third-party provision records, with each record's retention end. */
@ApiTags('provision-records')
@ApiBearerAuth()
@Roles('dpo')
@Controller('v1/provision-records')
export class ProvisionRecordsController {
  constructor(
    private readonly queries: ProjectionQueries,
    private readonly audit: AuditService,
    private readonly consistency: ReadYourWrites,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Provision records (date, recipient name and address, subject, items, consent) as JSON or CSV' })
  @ApiQuery({ name: 'controller', required: false })
  @ApiQuery({ name: 'minPosition', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'subjectRef', required: false })
  @ApiQuery({ name: 'required', required: false, description: 'true: only records Art. 29 requires (not entrustment, joint use or statutory)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async list(@Query() q: Record<string, string | undefined>, @CurrentPrincipal() who: Principal, @Res({ passthrough: true }) res: Response) {
    const errors = [];
    for (const k of ['from', 'to'] as const)
      if (q[k] !== undefined && Number.isNaN(Date.parse(q[k]!))) errors.push({ path: k, message: 'must be an ISO-8601 instant' });
    const format = (q.format ?? 'json').toLowerCase();
    if (format !== 'json' && format !== 'csv') errors.push({ path: 'format', message: 'must be json or csv' });
    if (q.limit !== undefined && !/^\d+$/.test(q.limit)) errors.push({ path: 'limit', message: 'must be a positive integer' });
    if (q.controller !== undefined && !ID_PATTERN.test(q.controller))
      errors.push({ path: 'controller', message: 'must be a policy id (letters, digits, ".", "_", "-")' });
    if (errors.length) throw validationFailed(errors);
    const subjectRef = optionalSubjectRefParam(q.subjectRef, 'subjectRef');
    await this.consistency.await(parseMinPosition(q));
    const filter: ProvisionRecordFilter = {
      ...(q.controller ? { controller: q.controller } : {}),
      ...(subjectRef ? { subjectRef } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.required === 'true' ? { requiredOnly: true } : {}),
    };
    await this.audit.record(who, 'provisionRecords.read', subjectRef ?? q.controller ?? '*');
    if (format === 'json') {
      const [page, total] = await Promise.all([
        this.queries.listProvisionRecords(filter, { ...(q.limit ? { limit: Number(q.limit) } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) }),
        this.queries.countProvisionRecords(filter),
      ]);
      return { total, ...page };
    }
    res.type('text/csv; charset=utf-8').setHeader('content-disposition', 'attachment; filename="provision-records.csv"');
    const rows: unknown[][] = [];
    let cursor: string | null = null;
    do {
      const page = await this.queries.listProvisionRecords(filter, { limit: 1000, ...(cursor ? { cursor } : {}) });
      rows.push(...page.items.map(csvRow));
      cursor = page.nextCursor;
    } while (cursor);
    return toCsv(rows, CSV_HEADER);
  }
}
