import { randomBytes } from 'node:crypto';
import { isPostgresUrl, parsePgUrl } from '@ashiato/event-store';
import { parseDurationMs } from '@ashiato/domain';
import { demoHmacKey } from './demo-hmac-key';
import { controlUrlFrom } from '../control/control-url';
import { weakSecretProblem } from './key-strength';
import { brokerConfigFrom, type BrokerConfig } from '../broker/broker-config';
import { PROJECTION_THREADS, projectionThreadFromEnv, workerObstacle, type ProjectionThread } from '@ashiato/projections/engine/projection-thread';

/** The validated configuration of one Ashiato process (env names in DESIGN.md / README). */
export interface AppConfig {
  port: number;
  /**
   * ASHIATO_HOST: the address the HTTP server binds, 127.0.0.1 by default (this machine only);
   * `0.0.0.0` to serve other machines (a container). Demo mode always binds 127.0.0.1.
   */
  host: string;
  /** SQLite event store file (ASHIATO_DB). */
  dbPath: string;
  /** READ_MODEL_URL: `sqlite:<file>` or `postgres://…`. */
  readModelUrl: string;
  /** EVENTSTORE_URL: use PostgreSQL (`postgres://`) or EventStoreDB (`esdb://`) instead of SQLite when set. */
  /**
   * ASHIATO_CONTROL_URL: the control database (API keys; durable, migrated, never rebuilt):
   * `sqlite:<file>` or `postgres://…`; default `ashiato-control.db` beside ASHIATO_DB.
   */
  controlUrl: string;
  /** EVENTSTORE_URL: use EventStoreDB instead of SQLite when set. */
  eventStoreUrl?: string;
  hmacKey: string;
  /** True when no ASHIATO_HMAC_KEY was given and demo mode generated one for this process only. */
  hmacKeyGenerated: boolean;
  /** Demo mode without ASHIATO_HMAC_KEY: the file in the data directory the key is kept in. */
  hmacKeyFile?: string;
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
  /** ASHIATO_AUTH_FAILURE_LIMIT: wrong API keys a client may send per window before it gets 429. */
  authFailureLimit: number;
  /** ASHIATO_AUTH_FAILURE_WINDOW: that window, in seconds. */
  authFailureWindowSeconds: number;
  /** ASHIATO_FUTURE_SKEW (default 5m): an event dated later than now + this is stored with an OCCURRED_IN_FUTURE warning. */
  futureSkewMs: number;
  /**
   * ASHIATO_PUBLIC_URL: the URL clients reach this server at (no trailing slash), used where an answer
   * names the server itself (the OpenLineage producer and facet schema URL). Default
   * `http://<host>:<port>` (127.0.0.1 for a wildcard host).
   */
  publicUrl: string;
  /** ASHIATO_NATS_URL and the ASHIATO_NATS_* names: consume events from NATS JetStream beside HTTP (see broker-config.ts). */
  broker?: BrokerConfig;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export const LOOPBACK_HOST = '127.0.0.1';
export const DEFAULT_HOST = LOOPBACK_HOST;

/** 127.0.0.0/8, ::1 and `localhost`: addresses other machines cannot reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
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
  const host = overrides.host ?? (env.ASHIATO_HOST?.trim() || DEFAULT_HOST);
  if (demo && !isLoopbackHost(host)) problems.push('ASHIATO_DEMO=1 serves this machine only: ASHIATO_HOST must be a loopback address (127.0.0.1, ::1 or localhost) or unset');
  const maxBody = overrides.maxBody ?? env.ASHIATO_MAX_BODY ?? '10mb';
  const maxBodyBytes = overrides.maxBodyBytes ?? parseByteSize(maxBody);
  if (maxBodyBytes === undefined) problems.push('ASHIATO_MAX_BODY must be a size such as 10mb, 512kb or 1048576');
  const logLevel = overrides.logLevel ?? ((env.LOG_LEVEL ?? 'info') as AppConfig['logLevel']);
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const dbPath = overrides.dbPath ?? env.ASHIATO_DB ?? './data/ashiato.db';
  let hmacKey = overrides.hmacKey ?? env.ASHIATO_HMAC_KEY ?? '';
  let hmacKeyGenerated = false;
  let hmacKeyFile: string | undefined;
  if (!hmacKey) {
    if (demo) {
      // Kept in the data directory, so a restarted demo finds the same subjects; random only in memory.
      const kept = demoHmacKey(dbPath);
      hmacKey = kept?.key ?? randomBytes(32).toString('hex');
      hmacKeyFile = kept?.file;
      hmacKeyGenerated = !kept;
    } else {
      problems.push('ASHIATO_HMAC_KEY is required (or ASHIATO_DEMO=1 for a demo key kept in the data directory)');
    }
  } else {
    const weak = weakSecretProblem('ASHIATO_HMAC_KEY', hmacKey, 'bytes');
    if (weak) problems.push(weak);
  }
  // The admin key itself is read by the auth module (auth.config.ts); its strength is checked here so
  // that a weak one stops the server before it listens.
  const adminKey = env.ASHIATO_ADMIN_KEY?.trim();
  if (adminKey) {
    const weak = weakSecretProblem('ASHIATO_ADMIN_KEY', adminKey, 'characters');
    if (weak) problems.push(weak);
  }
  const eventStoreUrl = overrides.eventStoreUrl ?? (env.EVENTSTORE_URL || undefined);
  if (eventStoreUrl && !/^(esdb|esdb\+discover|kurrentdb|kdb|postgres|postgresql):\/\//.test(eventStoreUrl)) {
    problems.push('EVENTSTORE_URL must be a postgres:// or esdb:// connection string');
  } else if (eventStoreUrl && isPostgresUrl(eventStoreUrl)) {
    try {
      parsePgUrl(eventStoreUrl);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const projectionThread = overrides.projectionThread ?? projectionThreadFromEnv(env) ?? 'auto';
  if (!PROJECTION_THREADS.includes(projectionThread)) problems.push(`ASHIATO_PROJECTION_THREAD must be one of ${PROJECTION_THREADS.join(', ')}`);
  const authFailureLimit = overrides.authFailureLimit ?? Number(env.ASHIATO_AUTH_FAILURE_LIMIT ?? 10);
  if (!Number.isInteger(authFailureLimit) || authFailureLimit < 1) problems.push('ASHIATO_AUTH_FAILURE_LIMIT must be a positive integer');
  const authFailureWindowSeconds = overrides.authFailureWindowSeconds ?? Number(env.ASHIATO_AUTH_FAILURE_WINDOW ?? 60);
  if (!Number.isInteger(authFailureWindowSeconds) || authFailureWindowSeconds < 1) problems.push('ASHIATO_AUTH_FAILURE_WINDOW must be a positive number of seconds');
  const futureSkewMs = overrides.futureSkewMs ?? parseDurationMs(env.ASHIATO_FUTURE_SKEW ?? '5m');
  if (futureSkewMs === undefined) problems.push('ASHIATO_FUTURE_SKEW must be a duration such as 300s, 5m, 2h or 1d');
  const readModelUrl = overrides.readModelUrl ?? env.READ_MODEL_URL ?? 'sqlite:./data/ashiato-read.db';
  const obstacle = projectionThread === 'worker' ? workerObstacle(readModelUrl, { eventStoreUrl, dbPath }) : undefined;
  if (obstacle) problems.push(`ASHIATO_PROJECTION_THREAD=worker cannot be used: ${obstacle}`);
  const publicUrl = (overrides.publicUrl ?? env.ASHIATO_PUBLIC_URL?.trim() ?? `http://${host === '0.0.0.0' || host === '::' ? LOOPBACK_HOST : host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(publicUrl)) problems.push('ASHIATO_PUBLIC_URL must be an http(s) URL without query or fragment');
  const broker = 'broker' in overrides ? overrides.broker : brokerConfigFrom(env, {}, problems);
  if (problems.length) throw new ConfigError(problems);
  return {
    ...(broker ? { broker } : {}),
    publicUrl,
    port,
    host,
    dbPath,
    readModelUrl,
    controlUrl: overrides.controlUrl ?? controlUrlFrom(env, dbPath),
    ...(eventStoreUrl ? { eventStoreUrl } : {}),
    hmacKey,
    hmacKeyGenerated,
    ...(hmacKeyFile ? { hmacKeyFile } : {}),
    demo,
    maxBody,
    maxBodyBytes: maxBodyBytes!,
    logLevel,
    dashboardDir: overrides.dashboardDir ?? env.ASHIATO_DASHBOARD_DIR ?? 'dist/dashboard',
    projectionThread,
    authFailureLimit,
    authFailureWindowSeconds,
    futureSkewMs: futureSkewMs!,
  };
}
