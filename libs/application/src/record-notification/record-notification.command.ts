import { Command } from '@nestjs/cqrs';
import type { BreachWriteResult } from '../declare-breach/breach-stream';

/** Record that `count` affected persons were notified; closes the notification clock. */
export class RecordNotificationCommand extends Command<BreachWriteResult> {
  constructor(
    readonly breachId: string,
    readonly count: number,
    readonly occurredAt?: string,
  ) {
    super();
  }
}
