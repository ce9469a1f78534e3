export * from './event-store.port';
export * from './expected-version';
export * from './event-store.config';
export * from './event-store.module';
export { SqliteEventStore, EventStoreClosedError, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { EsdbEventStore, type EsdbEventStoreOptions } from './esdb/esdb-event-store';
