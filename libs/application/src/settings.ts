/** What the use cases need of the process's configuration (the API and the CLI bind it from theirs). */
export interface ApplicationSettings {
  /** ASHIATO_FUTURE_SKEW in ms: later occurredAt values are stored with an OCCURRED_IN_FUTURE warning. */
  futureSkewMs: number;
}

export const APPLICATION_SETTINGS = Symbol('APPLICATION_SETTINGS');
