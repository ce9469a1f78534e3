import { Injectable } from '@nestjs/common';
import { LiveProjection } from '@ashiato/projections';
import { ApiError } from '../errors/api-error';

/** How long a read with `?minPosition=` waits for the projection before answering 503. */
export const MIN_POSITION_WAIT_MS = 10_000;

/**
 * `?minPosition=<lastPosition of a write>` makes a read wait until the read models include that
 * write, so a client can read its own writes although projections are asynchronous.
 */
@Injectable()
export class ReadYourWrites {
  constructor(private readonly runner: LiveProjection) {}

  async await(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined || minPosition <= 0) return;
    if (await this.runner.waitFor(minPosition, MIN_POSITION_WAIT_MS)) return;
    throw new ApiError(503, 'PROJECTION_LAGGING', `read models have not reached position ${minPosition} yet; retry later`);
  }
}
