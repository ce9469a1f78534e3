import { Command } from '@nestjs/cqrs';
import type { AshiatoEvent } from '@ashiato/domain';
import type { IngestResult } from './append-events';

export type IngestEventsResult = IngestResult & { warningCount: number };

/** Store a batch of already validated and pseudonymised events, atomically. */
export class IngestEventsCommand extends Command<IngestEventsResult> {
  /** `json[i]`: the exact JSON text `events[i]` was parsed from, when it is unchanged (stored as is). */
  constructor(
    readonly events: readonly AshiatoEvent[],
    readonly json?: readonly (string | undefined)[],
  ) {
    super();
  }
}
