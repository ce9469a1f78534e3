import type { EventStore } from './event-store.port';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export const DEFAULT_DB_PATH = './data/ashiato.db';

/** Field names match the API's AppConfig, so that config can be passed as is. */
export interface EventStoreConfig {
  /** EVENTSTORE_URL: when set, EventStoreDB is used instead of SQLite. */
  eventStoreUrl?: string;
  /** ASHIATO_DB: the SQLite file (its directory is created), or ':memory:'. */
  dbPath?: string;
  /** How often a SQLite subscription looks for appends made by another process. */
  pollIntervalMs?: number;
}

export function eventStoreConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EventStoreConfig {
  return { eventStoreUrl: env.EVENTSTORE_URL || undefined, dbPath: env.ASHIATO_DB || DEFAULT_DB_PATH };
}

/** Which adapter a configuration selects (for logs and health output; no secrets in it). */
export function eventStoreKind(config: EventStoreConfig): 'eventstoredb' | 'sqlite' {
  return config.eventStoreUrl ? 'eventstoredb' : 'sqlite';
}

/** The plain factory (used by the CLI and by EventStoreModule): ESDB when a URL is set, else SQLite. */
export function createEventStore(config: EventStoreConfig = eventStoreConfigFromEnv()): EventStore {
  if (config.eventStoreUrl) return new EsdbEventStore({ connectionString: config.eventStoreUrl });
  return new SqliteEventStore({ path: config.dbPath || DEFAULT_DB_PATH, pollIntervalMs: config.pollIntervalMs });
}
