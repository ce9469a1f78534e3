import { systemClock, type Clock } from '@ashiato/domain';

/** The clock use cases stamp events and judge deadlines by; tests may bind a fixed one. */
export const DPO_CLOCK = Symbol('DPO_CLOCK');
export const dpoClockProvider = { provide: DPO_CLOCK, useValue: systemClock satisfies Clock };
