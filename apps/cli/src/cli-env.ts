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
