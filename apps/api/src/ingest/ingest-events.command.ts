import type { AshiatoEvent } from '@ashiato/domain';

/** Store a batch of already validated and pseudonymised events, atomically. */
export class IngestEventsCommand {
  constructor(readonly events: readonly AshiatoEvent[]) {}
}
