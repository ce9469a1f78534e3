import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ingestWarnings, systemClock } from '@ashiato/domain';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { APPLICATION_SETTINGS, type ApplicationSettings } from '../settings';
import { appendEvents } from './append-events';
import { declaredItems } from './declared-items';
import { IngestEventsCommand, type IngestEventsResult } from './ingest-events.command';

/** A 202 lists at most this many warnings; `warningCount` gives them all. */
export const MAX_REPORTED_WARNINGS = 1000;

@CommandHandler(IngestEventsCommand)
export class IngestEventsHandler implements ICommandHandler<IngestEventsCommand, IngestEventsResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APPLICATION_SETTINGS) private readonly settings: ApplicationSettings,
  ) {}

  async execute(command: IngestEventsCommand): Promise<IngestEventsResult> {
    const warnings = ingestWarnings(command.events, await declaredItems(this.store, command.events), {
      now: systemClock.now(),
      futureSkewMs: this.settings.futureSkewMs,
    });
    const result = await appendEvents(this.store, command.events, command.json);
    return { ...result, warnings: warnings.slice(0, MAX_REPORTED_WARNINGS), warningCount: warnings.length };
  }
}
