import { existsSync } from 'node:fs';
import type { Env } from '@ashiato/config';
import { createEventStore, type EventStore, type EventStoreConfig } from '@ashiato/event-store';
import { loadConfig, type AppConfig } from '@ashiato/server-config';

/*
 * The CLI parses the environment once, in main.ts, and hands the parsed Env to every command.
 */

/** The event store the environment names (EVENTSTORE_URL, else the SQLite file ASHIATO_DB). */
export function eventStoreConfigFromEnv(env: Env): EventStoreConfig {
  return { eventStoreUrl: env.EVENTSTORE_URL, dbPath: env.ASHIATO_DB };
}

/** That event store, opened as the server would open it. */
export function openStoreFromEnv(env: Env): EventStore {
  return createEventStore(eventStoreConfigFromEnv(env));
}

/** The server's validated configuration (needs ASHIATO_HMAC_KEY unless ASHIATO_DEMO=1). */
export function configFromEnv(env: Env, overrides: Partial<AppConfig> = {}): AppConfig {
  return loadConfig(env, overrides);
}

export const stderr = (line: string): void => void process.stderr.write(`${line}\n`);
export const stdout = (line: string): void => void process.stdout.write(`${line}\n`);

/**
 * A rebuild from a SQLite file that is not there would create an empty log and swap an empty read model
 * in for the real one (a mistyped ASHIATO_DB): refused before anything is opened. The path is the
 * operator's own setting, not personal data.
 */
export function refuseMissingLog(eventStoreUrl: string | undefined, dbPath: string | undefined): void {
  if (eventStoreUrl || !dbPath || dbPath === ':memory:' || dbPath.startsWith('file:') || existsSync(dbPath)) return;
  throw Object.assign(new Error(`no event log at ${dbPath}; set ASHIATO_DB to the SQLite file of the log`), { code: 'EVENT_LOG_NOT_FOUND' });
}
