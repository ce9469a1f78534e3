import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { streamOf, type BreachDeclared, type BreachEvent, type BreachReported, type Clock, type SubjectsNotified } from '@ashiato/domain';
import { EVENT_STORE, WrongExpectedVersionError, type EventStore, type ExpectedVersion } from '@ashiato/event-store';
import { DPO_CLOCK } from '../audit/clock';
import { ApiError, notFound, validationFailed } from '../errors/api-error';
import type { BreachReportDto, DeclareBreachDto, SubjectsNotifiedDto } from './breach.dto';

export interface BreachWriteResult {
  breachId: string;
  eventId: string;
  /** Pass as `?minPosition=` to read this write back. */
  lastPosition: number;
}

/** The write side of breaches: each command appends one event to stream `breach-<id>`. */
@Injectable()
export class BreachCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DPO_CLOCK) private readonly clock: Clock,
  ) {}

  async declare(dto: DeclareBreachDto): Promise<BreachWriteResult> {
    if (Date.parse(dto.window.from) > Date.parse(dto.window.to)) throw validationFailed([{ path: 'window.to', message: 'must not be before window.from' }]);
    const event: BreachDeclared = {
      type: 'BreachDeclared',
      eventId: randomUUID(),
      occurredAt: this.clock.now().toISOString(),
      breachId: dto.breachId ?? randomUUID(),
      holder: dto.holder,
      items: [...new Set(dto.items)],
      window: { from: dto.window.from, to: dto.window.to },
      discoveredAt: dto.discoveredAt,
      ...(dto.title ? { title: dto.title } : {}),
      ...(dto.cause ? { cause: dto.cause } : {}),
      ...(dto.description ? { description: dto.description } : {}),
      ...(dto.protection ? { protection: dto.protection } : {}),
      ...(dto.riskAssessment ? { riskAssessment: { ...dto.riskAssessment } } : {}),
      ...(dto.controller ? { controller: dto.controller } : {}),
    };
    return this.append(event, 'no_stream');
  }

  async report(breachId: string, dto: BreachReportDto): Promise<BreachWriteResult> {
    const version = await this.versionOf(breachId);
    const event: BreachReported = {
      type: 'BreachReported',
      eventId: randomUUID(),
      occurredAt: dto.occurredAt ?? this.clock.now().toISOString(),
      breachId,
      report: dto.report,
      ...(dto.authority ? { authority: dto.authority } : {}),
      ...(dto.controller ? { controller: dto.controller } : {}),
    };
    return this.append(event, version);
  }

  async notified(breachId: string, dto: SubjectsNotifiedDto): Promise<BreachWriteResult> {
    const version = await this.versionOf(breachId);
    const event: SubjectsNotified = { type: 'SubjectsNotified', eventId: randomUUID(), occurredAt: dto.occurredAt ?? this.clock.now().toISOString(), breachId, count: dto.count };
    return this.append(event, version);
  }

  /** The breach stream's current version; 404 when the breach was never declared. */
  private async versionOf(breachId: string): Promise<number> {
    const events = await this.store.readStream(`breach-${breachId}`);
    if (!events.length) throw notFound('no breach with this id is declared');
    return events[events.length - 1].version;
  }

  private async append(event: BreachEvent, expected: ExpectedVersion): Promise<BreachWriteResult> {
    try {
      const r = await this.store.append(streamOf(event), [{ eventId: event.eventId, type: event.type, data: { ...event } }], expected);
      return { breachId: event.breachId, eventId: event.eventId, lastPosition: r.lastPosition };
    } catch (err) {
      if (err instanceof WrongExpectedVersionError) {
        throw new ApiError(409, 'WRONG_EXPECTED_VERSION', expected === 'no_stream' ? 'a breach with this breachId is already declared' : 'the breach changed meanwhile; retry');
      }
      throw err;
    }
  }
}
