import { randomBytes } from 'node:crypto';
import { ConfigError, PUBLIC_URL, type Env } from '@ashiato/config';
import { isPostgresUrl, parsePgUrl } from '@ashiato/event-store';
import { demoHmacKey } from './demo-hmac-key';
import { controlUrlFrom } from './control-url';
import { weakSecretProblem } from './key-strength';
import { brokerConfigFrom, type BrokerConfig } from './broker-config';
import { workerObstacle, type ProjectionThread } from '@ashiato/projections/runtime/projection-thread';

/** The validated configuration of one Ashiato server, built from the parsed environment (libs/config; README's table). */
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
  /** ASHIATO_PROJECTION_PARTITIONS (default 1): partitions of the subjects the live projection and its rebuild run in. */
  projectionPartitions: number;
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
  /** ASHIATO_AUTH: false when set to `off` (no key checked). */
  authEnabled: boolean;
  /** ASHIATO_ADMIN_KEY: a key with every role (the auth module keeps only its digest). */
  adminKey?: string;
  /** ASHIATO_ERASURE_DEADLINE_DAYS: days a recipient has to confirm an erasure. */
  erasureDeadlineDays: number;
  /** ASHIATO_REBUILD_ON_MISMATCH: rebuild a read model built from another log instead of withholding it. */
  rebuildOnMismatch: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export { ConfigError };

export const LOOPBACK_HOST = '127.0.0.1';
export const DEFAULT_HOST = LOOPBACK_HOST;

/** 127.0.0.0/8, ::1 and `localhost`: addresses other machines cannot reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The server's configuration from the parsed environment (`overrides` win: tests and CLI options);
 * throws a ConfigError naming every problem between variables, so a server with a bad environment
 * refuses to start instead of failing on the first request. Each variable alone was checked by parseEnv.
 */
export function loadConfig(env: Env, overrides: Partial<AppConfig> = {}): AppConfig {
  const problems: string[] = [];
  const demo = overrides.demo ?? env.ASHIATO_DEMO;
  const port = overrides.port ?? env.PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('PORT must be an integer between 0 and 65535');
  const host = overrides.host ?? env.ASHIATO_HOST;
  if (demo && !isLoopbackHost(host))
    problems.push('ASHIATO_DEMO=1 serves this machine only: ASHIATO_HOST must be a loopback address (127.0.0.1, ::1 or localhost) or unset');
  const maxBody = overrides.maxBody ?? env.ASHIATO_MAX_BODY.text;
  const maxBodyBytes = overrides.maxBodyBytes ?? env.ASHIATO_MAX_BODY.bytes;
  const logLevel = overrides.logLevel ?? env.LOG_LEVEL;
  const dbPath = overrides.dbPath ?? env.ASHIATO_DB;
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
  // A weak admin key stops the server before it listens.
  const adminKey = 'adminKey' in overrides ? overrides.adminKey : env.ASHIATO_ADMIN_KEY;
  if (adminKey) {
    const weak = weakSecretProblem('ASHIATO_ADMIN_KEY', adminKey, 'characters');
    if (weak) problems.push(weak);
  }
  const eventStoreUrl = overrides.eventStoreUrl ?? env.EVENTSTORE_URL;
  if (eventStoreUrl && isPostgresUrl(eventStoreUrl)) {
    try {
      parsePgUrl(eventStoreUrl);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const projectionThread = overrides.projectionThread ?? env.ASHIATO_PROJECTION_THREAD;
  const readModelUrl = overrides.readModelUrl ?? env.READ_MODEL_URL;
  const obstacle = projectionThread === 'worker' ? workerObstacle(readModelUrl, { eventStoreUrl, dbPath }) : undefined;
  if (obstacle) problems.push(`ASHIATO_PROJECTION_THREAD=worker cannot be used: ${obstacle}`);
  const publicUrl = (
    overrides.publicUrl ??
    env.ASHIATO_PUBLIC_URL ??
    `http://${host === '0.0.0.0' || host === '::' ? LOOPBACK_HOST : host.includes(':') ? `[${host}]` : host}:${port}`
  ).replace(/\/+$/, '');
  if (!PUBLIC_URL.test(publicUrl)) problems.push('ASHIATO_PUBLIC_URL must be an http(s) URL without query or fragment');
  const broker = 'broker' in overrides ? overrides.broker : brokerConfigFrom(env, {}, problems);
  if (problems.length) throw new ConfigError(problems);
  return {
    ...(broker ? { broker } : {}),
    publicUrl,
    port,
    host,
    dbPath,
    readModelUrl,
    controlUrl: overrides.controlUrl ?? controlUrlFrom(env.ASHIATO_CONTROL_URL, dbPath),
    ...(eventStoreUrl ? { eventStoreUrl } : {}),
    hmacKey,
    hmacKeyGenerated,
    ...(hmacKeyFile ? { hmacKeyFile } : {}),
    demo,
    maxBody,
    maxBodyBytes,
    logLevel,
    dashboardDir: overrides.dashboardDir ?? env.ASHIATO_DASHBOARD_DIR,
    projectionThread,
    projectionPartitions: overrides.projectionPartitions ?? env.ASHIATO_PROJECTION_PARTITIONS,
    authFailureLimit: overrides.authFailureLimit ?? env.ASHIATO_AUTH_FAILURE_LIMIT,
    authFailureWindowSeconds: overrides.authFailureWindowSeconds ?? env.ASHIATO_AUTH_FAILURE_WINDOW,
    futureSkewMs: overrides.futureSkewMs ?? env.ASHIATO_FUTURE_SKEW,
    authEnabled: overrides.authEnabled ?? env.ASHIATO_AUTH,
    ...(adminKey ? { adminKey } : {}),
    erasureDeadlineDays: overrides.erasureDeadlineDays ?? env.ASHIATO_ERASURE_DEADLINE_DAYS,
    rebuildOnMismatch: overrides.rebuildOnMismatch ?? env.ASHIATO_REBUILD_ON_MISMATCH,
  };
}
