import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { BreachReported, Clock } from '@ashiato/domain';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { DPO_CLOCK } from '../clock';
import { appendBreachEvent, breachVersion, type BreachWriteResult } from '../declare-breach/breach-stream';
import { FileReportCommand } from './file-report.command';

@CommandHandler(FileReportCommand)
export class FileReportHandler implements ICommandHandler<FileReportCommand, BreachWriteResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DPO_CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ breachId, filed }: FileReportCommand): Promise<BreachWriteResult> {
    const version = await breachVersion(this.store, breachId);
    const event: BreachReported = {
      type: 'BreachReported',
      eventId: randomUUID(),
      occurredAt: filed.occurredAt ?? this.clock.now().toISOString(),
      breachId,
      report: filed.report,
      ...(filed.authority ? { authority: filed.authority } : {}),
      ...(filed.controller ? { controller: filed.controller } : {}),
    };
    return appendBreachEvent(this.store, event, version);
  }
}
