/** Time is injected: the domain never calls `new Date()` itself. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: string | Date): Clock {
  const d = new Date(at);
  return { now: () => new Date(d) };
}
