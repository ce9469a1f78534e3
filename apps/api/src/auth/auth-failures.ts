import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../errors/api-error';

/**
 * Failed authentications per client (its network address): after `limit` wrong keys within
 * `windowSeconds`, every request from that client that carries a key answers 429
 * `TOO_MANY_AUTH_FAILURES` with `Retry-After` until the window ends — a correct key too, or a blocked
 * client could keep guessing and recognise the right key by its answer. Requests with a valid key
 * never count and are never delayed; requests without any key do not count either (they guess nothing).
 * The count lives in this process's memory.
 */
export class AuthFailureLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(
    readonly limit: number,
    readonly windowSeconds: number,
  ) {
    this.limiter = new RateLimiterMemory({ points: limit, duration: windowSeconds, keyPrefix: 'auth-failures' });
  }

  /** Throws the 429 when `client` has used up its failures in the current window. */
  async assertNotBlocked(client: string): Promise<void> {
    const state = await this.limiter.get(client);
    if (state && state.consumedPoints >= this.limit) throw tooMany(state);
  }

  /** Counts one wrong key; throws the 429 instead of a 401 once the limit is passed. */
  async recordFailure(client: string): Promise<void> {
    try {
      const state = await this.limiter.penalty(client, 1);
      if (state.consumedPoints > this.limit) throw tooMany(state);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw tooMany(err);
      throw err;
    }
  }
}

function tooMany(state: RateLimiterRes): ApiError {
  const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new ApiError(429, 'TOO_MANY_AUTH_FAILURES', `too many failed authentications from this client; retry after ${seconds} s`, undefined, {
    'Retry-After': String(seconds),
  });
}

export const AUTH_FAILURES = Symbol('AUTH_FAILURES');
