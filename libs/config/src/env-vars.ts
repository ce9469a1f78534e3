import { parseDurationMs } from '@ashiato/domain';
import { EVENT_STORE_URL, isNatsUrlList, parseByteSize, parseShortDurationMs, PUBLIC_URL, STREAM_NAME, SUBJECT } from './formats';
import { flag, integer, oneOf, optionalText, parsed, text, variable } from './variable';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const PROJECTION_THREADS = ['auto', 'inline', 'worker'] as const;
export const MAX_BROKER_BATCH = 10_000;

const matching = (pattern: RegExp) => text().regex(pattern);
const optionalMatching = (pattern: RegExp) => text().regex(pattern).optional();

/**
 * Every environment variable Ashiato reads, once: name, default, what a valid value is. The README's
 * configuration table is checked against this list (env-vars.spec.ts).
 */
export const ENV_VARS = {
  PORT: variable({ group: 'server', default: '3000', expected: 'an integer between 0 and 65535' }, integer(0, 65535)),
  ASHIATO_PUBLIC_URL: variable(
    { group: 'server', expected: 'an http(s) URL without query or fragment' },
    optionalText()
      .transform((v) => v?.replace(/\/+$/, ''))
      .pipe(optionalMatching(PUBLIC_URL)),
  ),
  ASHIATO_HOST: variable({ group: 'server', default: '127.0.0.1', expected: 'an address to bind, such as 127.0.0.1 or 0.0.0.0' }, text()),
  ASHIATO_DB: variable({ group: 'server', default: './data/ashiato.db', expected: 'the path of the SQLite event store file' }, text()),
  READ_MODEL_URL: variable({ group: 'server', default: 'sqlite:./data/ashiato-read.db', expected: 'sqlite:<file> or a postgres:// URL' }, text()),
  ASHIATO_CONTROL_URL: variable({ group: 'server', expected: 'sqlite:<file> or a postgres:// URL', secret: true }, optionalText()),
  EVENTSTORE_URL: variable({ group: 'server', expected: 'a postgres:// or esdb:// connection string', secret: true }, optionalMatching(EVENT_STORE_URL)),
  ASHIATO_HMAC_KEY: variable({ group: 'server', expected: 'at least 32 bytes of random material', secret: true, trim: false }, optionalText()),
  ASHIATO_ADMIN_KEY: variable({ group: 'server', expected: 'at least 32 random characters', secret: true }, optionalText()),
  ASHIATO_DEMO: variable({ group: 'server', expected: '1 (demo mode) or 0' }, demoFlag()),
  ASHIATO_AUTH: variable(
    { group: 'server', default: 'on', expected: 'on or off' },
    oneOf(['on', 'off']).transform((v) => v === 'on'),
  ),
  ASHIATO_AUTH_FAILURE_LIMIT: variable({ group: 'server', default: '10', expected: 'a positive integer' }, integer(1)),
  ASHIATO_AUTH_FAILURE_WINDOW: variable({ group: 'server', default: '60', expected: 'a positive number of seconds' }, integer(1)),
  ASHIATO_MAX_BODY: variable(
    { group: 'server', default: '10mb', expected: 'a size such as 10mb, 512kb or 1048576' },
    parsed((t) => {
      const bytes = parseByteSize(t);
      return bytes === undefined ? undefined : { text: t, bytes };
    }),
  ),
  ASHIATO_FUTURE_SKEW: variable({ group: 'server', default: '5m', expected: 'a duration such as 300s, 5m, 2h or 1d' }, parsed(parseDurationMs)),
  ASHIATO_PROJECTION_THREAD: variable({ group: 'server', default: 'auto', expected: `one of ${PROJECTION_THREADS.join(', ')}` }, oneOf(PROJECTION_THREADS)),
  ASHIATO_PROJECTION_PARTITIONS: variable({ group: 'server', default: '1', expected: 'an integer from 1 to 64' }, integer(1, 64)),
  ASHIATO_REBUILD_ON_MISMATCH: variable({ group: 'server', default: 'false', expected: 'true or false' }, flag()),
  ASHIATO_ERASURE_DEADLINE_DAYS: variable(
    { group: 'server', default: '30', expected: 'a positive number of days' },
    parsed(
      (t) => (/^\d+(\.\d+)?$/.test(t) ? Number(t) : undefined),
      (days) => days > 0,
    ),
  ),
  LOG_LEVEL: variable({ group: 'server', default: 'info', expected: `one of ${LOG_LEVELS.join(', ')}` }, oneOf(LOG_LEVELS)),
  ASHIATO_DASHBOARD_DIR: variable({ group: 'server', default: 'dist/dashboard', expected: 'the directory of the built dashboard' }, text()),

  ASHIATO_NATS_URL: variable(
    { group: 'broker', expected: 'a nats:// URL (or host:port), comma-separated for several servers', secret: true },
    optionalText().refine((v) => v === undefined || isNatsUrlList(v)),
  ),
  ASHIATO_NATS_STREAM: variable({ group: 'broker', default: 'ASHIATO_EVENTS', expected: 'a stream name (letters, digits, "_" or "-")' }, matching(STREAM_NAME)),
  ASHIATO_NATS_SUBJECT: variable(
    { group: 'broker', default: 'ashiato.events', expected: 'a subject without wildcards (tokens of letters, digits, "_" or "-" joined by ".")' },
    matching(SUBJECT),
  ),
  ASHIATO_NATS_DURABLE: variable(
    { group: 'broker', default: 'ashiato-ingest', expected: 'a consumer name (letters, digits, "_" or "-")' },
    matching(STREAM_NAME),
  ),
  ASHIATO_NATS_DEAD_LETTER_SUBJECT: variable({ group: 'broker', default: 'ashiato.dead-letter', expected: 'a subject without wildcards' }, matching(SUBJECT)),
  ASHIATO_NATS_DEAD_LETTER_STREAM: variable(
    { group: 'broker', default: 'ASHIATO_DEAD_LETTER', expected: 'a stream name (letters, digits, "_" or "-")' },
    matching(STREAM_NAME),
  ),
  ASHIATO_NATS_BATCH: variable({ group: 'broker', default: '1000', expected: `an integer from 1 to ${MAX_BROKER_BATCH}` }, integer(1, MAX_BROKER_BATCH)),
  ASHIATO_NATS_ACK_WAIT: variable(
    { group: 'broker', default: '60s', expected: 'a duration of at least 1s, such as 30s or 2m' },
    parsed(parseShortDurationMs, (ms) => ms >= 1_000),
  ),

  ASHIATO_URL: variable({ group: 'cli', expected: 'the http:// or https:// URL of the Ashiato API' }, optionalText()),
  ASHIATO_KEY: variable({ group: 'cli', expected: 'an API key', secret: true, trim: false }, optionalText()),
  ASHIATO_SIGNING_KEY: variable({ group: 'cli', expected: 'an Ed25519 private key (PKCS#8 PEM)', secret: true, trim: false }, optionalText()),
  OPENLINEAGE_API_KEY: variable({ group: 'cli', expected: 'the API key of the OpenLineage endpoint', secret: true, trim: false }, optionalText()),

  LANG: variable({ group: 'locale', expected: 'a locale such as ja_JP.UTF-8' }, optionalText()),
  LC_ALL: variable({ group: 'locale', expected: 'a locale such as ja_JP.UTF-8' }, optionalText()),
  LC_MESSAGES: variable({ group: 'locale', expected: 'a locale such as ja_JP.UTF-8' }, optionalText()),
  // Set by shells to all sorts of things: an unreadable width is ignored, not an error.
  COLUMNS: variable(
    { group: 'locale', expected: 'a terminal width' },
    optionalText().transform((v) => (v && /^\d+$/.test(v) ? Number(v) : undefined)),
  ),
} as const;

/** `1` turns demo mode on; anything but `1` or `0` is refused rather than silently read as off. */
function demoFlag() {
  return optionalText()
    .refine((v) => v === undefined || v === '1' || v === '0')
    .transform((v) => v === '1');
}

export type EnvVarName = keyof typeof ENV_VARS;
