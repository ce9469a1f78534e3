import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DeclareBreachSchema, FileBreachReportSchema, RecordSubjectsNotifiedSchema, type BreachAnswerView, type Clock } from '@ashiato/domain';
import { renderBreachReportHtml } from '@ashiato/domain/breach';
import { AuditService } from '../audit/audit.service';
import {
  BreachSubjectsQuery,
  DeclareBreachCommand,
  DPO_CLOCK,
  draftReportView,
  FileReportCommand,
  ListBreachesQuery,
  LookUpBreachQuery,
  RecordNotificationCommand,
  type BreachWriteResult,
} from '@ashiato/application';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { parseMinPosition } from '../subjects/lineage-params';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles, type Principal } from '../auth/roles';
import { validationFailed } from '../errors/api-error';
import { toCsv } from '../http/csv';
import { validateBody } from './validate-body';
import { contractRef } from '../openapi/contract-schemas';
import { WithoutReadModel } from '../consistency/read-model-log';

function pageOf(q: Record<string, string | undefined>): { limit?: number; cursor?: string } {
  if (q.limit !== undefined && !/^\d+$/.test(q.limit)) throw validationFailed([{ path: 'limit', message: 'must be a positive integer' }]);
  return { ...(q.limit ? { limit: Number(q.limit) } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) };
}

/**
 * Breach response (APPI Art. 26 and Rules Arts. 7–8; GDPR Arts. 33–34): declare, then read the blast
 * radius, reportability, legal clocks and draft report; record filed reports and notifications.
 */
@ApiTags('breaches')
@ApiBearerAuth()
@Roles('breach')
@Controller('v1/breaches')
export class BreachesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly audit: AuditService,
    private readonly consistency: ReadYourWrites,
    @Inject(DPO_CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @WithoutReadModel()
  @ApiOperation({ summary: 'Declare a breach: a holder leaked some items during a window (appends BreachDeclared)' })
  @ApiBody({ schema: contractRef('DeclareBreach') })
  declare(@Body() body: unknown): Promise<BreachWriteResult> {
    return this.commands.execute(new DeclareBreachCommand(validateBody(DeclareBreachSchema, body)));
  }

  @Get()
  @ApiOperation({ summary: 'Declared breaches with affected-subject counts, reportability and clocks' })
  async list(@Query() q: Record<string, string>, @CurrentPrincipal() who: Principal) {
    await this.consistency.await(parseMinPosition(q));
    const page = await this.queries.execute(new ListBreachesQuery(pageOf(q)));
    await this.audit.record(who, 'breach.list', '*', page.items.length);
    return page;
  }

  @Get(':id')
  @ApiOperation({ summary: 'Blast radius, reportability, deadline clocks, draft report and subjects to notify' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'minPosition', required: false })
  @ApiOkResponse({ schema: contractRef('BreachAnswer') })
  async get(@Param('id') id: string, @Query() q: Record<string, string>, @CurrentPrincipal() who: Principal): Promise<BreachAnswerView> {
    await this.consistency.await(parseMinPosition(q));
    const answer = await this.queries.execute(new LookUpBreachQuery(id, pageOf(q)));
    await this.audit.record(who, 'breach.read', id);
    return answer;
  }

  @Get(':id/report')
  @ApiOperation({
    summary:
      "A controller's draft report under its regime (APPI Rules Art. 8 / Art. 44 items, GDPR Art. 33(3)) with triggers and clocks, as JSON or printable HTML",
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  @ApiQuery({ name: 'controller', required: false, description: 'Whose draft; defaults to the first controller that must (or may have to) report.' })
  async draftReport(
    @Param('id') id: string,
    @Query() q: Record<string, string>,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const format = (q.format ?? 'json').toLowerCase();
    if (format !== 'json' && format !== 'html') throw validationFailed([{ path: 'format', message: 'must be json or html' }]);
    await this.consistency.await(parseMinPosition(q));
    const answer = await this.queries.execute(new LookUpBreachQuery(id, { limit: 1 }));
    await this.audit.record(who, 'breach.report', id);
    const view = draftReportView(answer, q.controller, this.clock);
    if (format === 'json') return view;
    res.type('text/html; charset=utf-8');
    return renderBreachReportHtml(view);
  }

  @Get(':id/subjects.csv')
  @ApiOperation({ summary: 'Every affected subject (the notification list) as CSV' })
  async csv(@Param('id') id: string, @Query() q: Record<string, string>, @CurrentPrincipal() who: Principal, @Res() res: Response): Promise<void> {
    await this.consistency.await(parseMinPosition(q));
    // The first page answers 404 for an undeclared breach before anything is audited or written.
    let page = await this.queries.execute(new BreachSubjectsQuery(id, { limit: 1000 }));
    await this.audit.record(who, 'breach.subjects', id);
    res.type('text/csv; charset=utf-8').setHeader('content-disposition', `attachment; filename="breach-${id.replace(/[^A-Za-z0-9._-]/g, '_')}-subjects.csv"`);
    res.write('subject_ref,controllers,items,event_ids\n');
    for (;;) {
      res.write(toCsv(page.items.map((s) => [s.subjectRef, s.controllers.join(' '), s.items.join(' '), s.eventIds.join(' ')])));
      if (!page.nextCursor) break;
      page = await this.queries.execute(new BreachSubjectsQuery(id, { limit: 1000, cursor: page.nextCursor }));
    }
    res.end();
  }

  @Post(':id/reports')
  @WithoutReadModel()
  @ApiOperation({ summary: 'Record a filed report (appi-preliminary, appi-final, gdpr-authority); closes its clock' })
  @ApiBody({ schema: contractRef('FileBreachReport') })
  report(@Param('id') id: string, @Body() body: unknown): Promise<BreachWriteResult> {
    return this.commands.execute(new FileReportCommand(id, validateBody(FileBreachReportSchema, body)));
  }

  @Post(':id/notifications')
  @WithoutReadModel()
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that affected persons were notified; closes the notification clock' })
  @ApiBody({ schema: contractRef('RecordSubjectsNotified') })
  notified(@Param('id') id: string, @Body() body: unknown): Promise<BreachWriteResult> {
    const { count, occurredAt } = validateBody(RecordSubjectsNotifiedSchema, body);
    return this.commands.execute(new RecordNotificationCommand(id, count, occurredAt));
  }
}
