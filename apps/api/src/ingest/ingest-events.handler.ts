import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { appendEvents, type IngestResult } from './append-events';
import { IngestEventsCommand } from './ingest-events.command';

@CommandHandler(IngestEventsCommand)
export class IngestEventsHandler implements ICommandHandler<IngestEventsCommand, IngestResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: IngestEventsCommand): Promise<IngestResult> {
    return appendEvents(this.store, command.events, command.json);
  }
}
