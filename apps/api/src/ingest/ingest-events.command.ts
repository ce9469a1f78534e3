import type { AshiatoEvent } from '@ashiato/domain';

/** Store a batch of already validated and pseudonymised events, atomically. */
export class IngestEventsCommand {
  /** `json[i]`: the exact JSON text `events[i]` was parsed from, when it is unchanged (stored as is). */
  constructor(
    readonly events: readonly AshiatoEvent[],
    readonly json?: readonly (string | undefined)[],
  ) {}
}
