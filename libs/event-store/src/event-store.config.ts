import type { EventStore } from './event-store.port';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { PgEventStore } from './postgres/pg-event-store';
import { isPostgresUrl } from './postgres/pg-url';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export const DEFAULT_DB_PATH = './data/ashiato.db';

/** Field names match the API's AppConfig, so that config can be passed as is. */
export interface EventStoreConfig {
  /** EVENTSTORE_URL: `postgres://…[?schema=name]` for PostgreSQL, `esdb://…` for EventStoreDB; SQLite when unset. */
  eventStoreUrl?: string;
  /** ASHIATO_DB: the SQLite file (its directory is created), or ':memory:'. */
  dbPath?: string;
  /** How often a subscription looks for appends made by another process (PostgreSQL: a fallback to LISTEN/NOTIFY). */
  pollIntervalMs?: number;
}

/** Which adapter a configuration selects (for logs and health output; no secrets in it). */
export function eventStoreKind(config: EventStoreConfig): 'postgres' | 'eventstoredb' | 'sqlite' {
  if (!config.eventStoreUrl) return 'sqlite';
  return isPostgresUrl(config.eventStoreUrl) ? 'postgres' : 'eventstoredb';
}

/** The plain factory (used by the CLI and by EventStoreModule): PostgreSQL or ESDB when a URL is set, else SQLite. */
export function createEventStore(config: EventStoreConfig): EventStore {
  if (config.eventStoreUrl && isPostgresUrl(config.eventStoreUrl))
    return new PgEventStore({ url: config.eventStoreUrl, pollIntervalMs: config.pollIntervalMs });
  if (config.eventStoreUrl) return new EsdbEventStore({ connectionString: config.eventStoreUrl });
  return new SqliteEventStore({ path: config.dbPath || DEFAULT_DB_PATH, pollIntervalMs: config.pollIntervalMs });
}
