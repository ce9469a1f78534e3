import { existsSync } from 'node:fs';
import { createEventStore, eventStoreConfigFromEnv, type EventStore } from '@ashiato/event-store';
import { loadConfig, type AppConfig } from '../../api/src/config/app-config';

/** The event store the environment names (ASHIATO_DB or EVENTSTORE_URL), as the server would open it. */
export function openStoreFromEnv(env: NodeJS.ProcessEnv = process.env): EventStore {
  return createEventStore(eventStoreConfigFromEnv(env));
}

/** The full validated configuration (needs ASHIATO_HMAC_KEY unless ASHIATO_DEMO=1). */
export function configFromEnv(overrides: Partial<AppConfig> = {}, env: NodeJS.ProcessEnv = process.env): AppConfig {
  return loadConfig(env, overrides);
}

export function readModelUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.READ_MODEL_URL || undefined;
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
