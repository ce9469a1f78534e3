import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { LiveProjection } from '@ashiato/projections';
import { ApiError } from '../errors/api-error';

/** How long a read with `?minPosition=` waits for the projection before answering 503. */
export const MIN_POSITION_WAIT_MS = 10_000;

/**
 * `?minPosition=<lastPosition of a write>` makes a read wait until the read models include that
 * write, so a client can read its own writes although projections are asynchronous. A position
 * beyond the log's head was never returned by a write: 400 MIN_POSITION_AHEAD at once, not a wait.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly runner: LiveProjection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async await(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined || minPosition <= 0) return;
    if (await this.runner.waitFor(minPosition, 0)) return;
    if (minPosition > (await this.store.headPosition())) {
      throw new ApiError(400, 'MIN_POSITION_AHEAD', 'minPosition is beyond the last position of the log; pass the lastPosition a write returned', [
        { path: 'minPosition', message: 'no write has reached this position' },
      ]);
    }
    if (await this.runner.waitFor(minPosition, MIN_POSITION_WAIT_MS)) return;
    throw new ApiError(503, 'PROJECTION_LAGGING', 'read models have not reached that position yet; retry later');
  }
}
