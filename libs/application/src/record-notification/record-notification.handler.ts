import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Clock, SubjectsNotified } from '@ashiato/domain';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { DPO_CLOCK } from '../clock';
import { appendBreachEvent, breachVersion, type BreachWriteResult } from '../declare-breach/breach-stream';
import { RecordNotificationCommand } from './record-notification.command';

@CommandHandler(RecordNotificationCommand)
export class RecordNotificationHandler implements ICommandHandler<RecordNotificationCommand, BreachWriteResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DPO_CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ breachId, count, occurredAt }: RecordNotificationCommand): Promise<BreachWriteResult> {
    const version = await breachVersion(this.store, breachId);
    const event: SubjectsNotified = {
      type: 'SubjectsNotified',
      eventId: randomUUID(),
      occurredAt: occurredAt ?? this.clock.now().toISOString(),
      breachId,
      count,
    };
    return appendBreachEvent(this.store, event, version);
  }
}
