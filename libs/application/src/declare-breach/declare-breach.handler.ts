import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { BreachDeclared, Clock } from '@ashiato/domain';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { DPO_CLOCK } from '../clock';
import { validationFailed } from '../errors/api-error';
import { appendBreachEvent, type BreachWriteResult } from './breach-stream';
import { DeclareBreachCommand } from './declare-breach.command';

@CommandHandler(DeclareBreachCommand)
export class DeclareBreachHandler implements ICommandHandler<DeclareBreachCommand, BreachWriteResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DPO_CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ declaration: d }: DeclareBreachCommand): Promise<BreachWriteResult> {
    if (Date.parse(d.window.from) > Date.parse(d.window.to)) throw validationFailed([{ path: 'window.to', message: 'must not be before window.from' }]);
    const event: BreachDeclared = {
      type: 'BreachDeclared',
      eventId: randomUUID(),
      occurredAt: this.clock.now().toISOString(),
      breachId: d.breachId ?? randomUUID(),
      holder: d.holder,
      items: [...new Set(d.items)],
      window: { from: d.window.from, to: d.window.to },
      discoveredAt: d.discoveredAt,
      ...(d.title ? { title: d.title } : {}),
      ...(d.cause ? { cause: d.cause } : {}),
      ...(d.description ? { description: d.description } : {}),
      ...(d.protection ? { protection: d.protection } : {}),
      ...(d.riskAssessment ? { riskAssessment: { ...d.riskAssessment } } : {}),
      ...(d.controller ? { controller: d.controller } : {}),
    };
    return appendBreachEvent(this.store, event, 'no_stream');
  }
}
