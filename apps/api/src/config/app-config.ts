import { randomBytes } from 'node:crypto';
import { PROJECTION_THREADS, projectionThreadFromEnv, workerObstacle, type ProjectionThread } from '@ashiato/projections/engine/projection-thread';

/** The validated configuration of one Ashiato process (env names in DESIGN.md / README). */
export interface AppConfig {
  port: number;
  /** SQLite event store file (ASHIATO_DB). */
  dbPath: string;
  /** READ_MODEL_URL: `sqlite:<file>` or `postgres://…`. */
  readModelUrl: string;
  /** EVENTSTORE_URL: use EventStoreDB instead of SQLite when set. */
  eventStoreUrl?: string;
  hmacKey: string;
  /** True when no ASHIATO_HMAC_KEY was given and demo mode generated one for this process only. */
  hmacKeyGenerated: boolean;
  demo: boolean;
  /** ASHIATO_MAX_BODY in bytes. */
  maxBodyBytes: number;
  /** The same limit as written in the environment (for body-parser and messages). */
  maxBody: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Built dashboard served at `/`; ignored when the directory does not exist. */
  dashboardDir: string;
  /**
   * ASHIATO_PROJECTION_THREAD: `worker` runs the live projection in a worker thread, `inline` in the
   * API's event loop; `auto` (default) uses the worker unless a database is in-memory SQLite.
   */
  projectionThread: ProjectionThread;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `10mb`, `512kb`, `2048` → bytes; undefined when unreadable. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]);
  return bytes > 0 ? bytes : undefined;
}

/**
 * Reads and validates the configuration; throws a ConfigError naming every problem, so a server
 * with a bad environment refuses to start instead of failing on the first request.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const problems: string[] = [];
  const demo = overrides.demo ?? env.ASHIATO_DEMO === '1';
  const port = overrides.port ?? Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('PORT must be an integer between 0 and 65535');
  const maxBody = overrides.maxBody ?? env.ASHIATO_MAX_BODY ?? '10mb';
  const maxBodyBytes = overrides.maxBodyBytes ?? parseByteSize(maxBody);
  if (maxBodyBytes === undefined) problems.push('ASHIATO_MAX_BODY must be a size such as 10mb, 512kb or 1048576');
  const logLevel = overrides.logLevel ?? ((env.LOG_LEVEL ?? 'info') as AppConfig['logLevel']);
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  let hmacKey = overrides.hmacKey ?? env.ASHIATO_HMAC_KEY ?? '';
  let hmacKeyGenerated = false;
  if (!hmacKey) {
    if (demo) {
      hmacKey = randomBytes(32).toString('hex');
      hmacKeyGenerated = true;
    } else {
      problems.push('ASHIATO_HMAC_KEY is required (or ASHIATO_DEMO=1 for an ephemeral demo key)');
    }
  } else if (hmacKey.length < 16) {
    problems.push('ASHIATO_HMAC_KEY must be at least 16 characters');
  }
  const eventStoreUrl = overrides.eventStoreUrl ?? (env.EVENTSTORE_URL || undefined);
  if (eventStoreUrl && !/^(esdb|esdb\+discover|kurrentdb|kdb):\/\//.test(eventStoreUrl)) problems.push('EVENTSTORE_URL must be an esdb:// connection string');
  const projectionThread = overrides.projectionThread ?? projectionThreadFromEnv(env) ?? 'auto';
  if (!PROJECTION_THREADS.includes(projectionThread)) problems.push(`ASHIATO_PROJECTION_THREAD must be one of ${PROJECTION_THREADS.join(', ')}`);
  const dbPath = overrides.dbPath ?? env.ASHIATO_DB ?? './data/ashiato.db';
  const readModelUrl = overrides.readModelUrl ?? env.READ_MODEL_URL ?? 'sqlite:./data/ashiato-read.db';
  const obstacle = projectionThread === 'worker' ? workerObstacle(readModelUrl, { eventStoreUrl, dbPath }) : undefined;
  if (obstacle) problems.push(`ASHIATO_PROJECTION_THREAD=worker cannot be used: ${obstacle}`);
  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    dbPath,
    readModelUrl,
    ...(eventStoreUrl ? { eventStoreUrl } : {}),
    hmacKey,
    hmacKeyGenerated,
    demo,
    maxBody,
    maxBodyBytes: maxBodyBytes!,
    logLevel,
    dashboardDir: overrides.dashboardDir ?? env.ASHIATO_DASHBOARD_DIR ?? 'dist/dashboard',
    projectionThread,
  };
}
