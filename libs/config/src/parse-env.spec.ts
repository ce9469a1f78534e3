import { ConfigError, parseEnv } from './parse-env';

const problemsOf = (raw: Record<string, string>): string[] => {
  try {
    parseEnv(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('parseEnv accepted the environment');
};

describe('parseEnv', () => {
  it('applies the documented defaults to an empty environment', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      ASHIATO_HOST: '127.0.0.1',
      ASHIATO_DB: './data/ashiato.db',
      READ_MODEL_URL: 'sqlite:./data/ashiato-read.db',
      ASHIATO_DEMO: false,
      ASHIATO_AUTH: true,
      ASHIATO_AUTH_FAILURE_LIMIT: 10,
      ASHIATO_AUTH_FAILURE_WINDOW: 60,
      ASHIATO_MAX_BODY: { text: '10mb', bytes: 10 * 1024 * 1024 },
      ASHIATO_FUTURE_SKEW: 300_000,
      ASHIATO_PROJECTION_THREAD: 'auto',
      ASHIATO_PROJECTION_PARTITIONS: 1,
      ASHIATO_REBUILD_ON_MISMATCH: false,
      ASHIATO_ERASURE_DEADLINE_DAYS: 30,
      LOG_LEVEL: 'info',
      ASHIATO_NATS_BATCH: 1000,
      ASHIATO_NATS_ACK_WAIT: 60_000,
    });
    expect(env.ASHIATO_HMAC_KEY).toBeUndefined();
    expect(env.EVENTSTORE_URL).toBeUndefined();
    expect(env.ASHIATO_NATS_URL).toBeUndefined();
  });

  it('reads an empty value as unset, as a shell writes `NAME=`', () => {
    expect(parseEnv({ PORT: '', ASHIATO_DB: ' ', ASHIATO_DEMO: '' })).toMatchObject({ PORT: 3000, ASHIATO_DB: './data/ashiato.db', ASHIATO_DEMO: false });
  });

  it('types what it reads: numbers, durations in ms, flags, sizes', () => {
    const env = parseEnv({
      PORT: '8080',
      ASHIATO_FUTURE_SKEW: '2h',
      ASHIATO_REBUILD_ON_MISMATCH: 'YES',
      ASHIATO_AUTH: 'OFF',
      ASHIATO_MAX_BODY: '512kb',
      ASHIATO_PROJECTION_THREAD: 'Worker',
      ASHIATO_DEMO: '1',
      ASHIATO_PUBLIC_URL: 'https://lineage.example/',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      ASHIATO_FUTURE_SKEW: 7_200_000,
      ASHIATO_REBUILD_ON_MISMATCH: true,
      ASHIATO_AUTH: false,
      ASHIATO_MAX_BODY: { bytes: 512 * 1024 },
      ASHIATO_PROJECTION_THREAD: 'worker',
      ASHIATO_DEMO: true,
      ASHIATO_PUBLIC_URL: 'https://lineage.example',
    });
  });

  it.each([
    ['PORT', '70000', 'PORT must be an integer between 0 and 65535'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    ['ASHIATO_PROJECTION_THREAD', 'fork', 'ASHIATO_PROJECTION_THREAD must be one of auto, inline, worker'],
    ['ASHIATO_PROJECTION_PARTITIONS', '0', 'ASHIATO_PROJECTION_PARTITIONS must be an integer from 1 to 64'],
    ['ASHIATO_FUTURE_SKEW', 'soon', 'ASHIATO_FUTURE_SKEW must be a duration such as 300s, 5m, 2h or 1d'],
    ['ASHIATO_MAX_BODY', 'big', 'ASHIATO_MAX_BODY must be a size such as 10mb, 512kb or 1048576'],
    ['ASHIATO_DEMO', 'true', 'ASHIATO_DEMO must be 1 (demo mode) or 0'],
    ['ASHIATO_AUTH', 'disabled', 'ASHIATO_AUTH must be on or off'],
    ['ASHIATO_ERASURE_DEADLINE_DAYS', '-3', 'ASHIATO_ERASURE_DEADLINE_DAYS must be a positive number of days'],
    ['ASHIATO_NATS_BATCH', '0', 'ASHIATO_NATS_BATCH must be an integer from 1 to 10000'],
    ['ASHIATO_NATS_ACK_WAIT', '500ms', 'ASHIATO_NATS_ACK_WAIT must be a duration of at least 1s, such as 30s or 2m'],
    ['ASHIATO_NATS_SUBJECT', 'a.*', 'ASHIATO_NATS_SUBJECT must be a subject without wildcards (tokens of letters, digits, "_" or "-" joined by ".")'],
    ['ASHIATO_PUBLIC_URL', 'https://x.example/?q=1', 'ASHIATO_PUBLIC_URL must be an http(s) URL without query or fragment'],
  ])('a bad %s names the variable and what it must be', (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([message]);
  });

  it('names every bad variable at once, in one ConfigError', () => {
    expect(() => parseEnv({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/^invalid configuration: PORT must be .*; LOG_LEVEL must be /);
  });

  it('never echoes the value of a secret it refuses', () => {
    const secret = 'postgres://ashiato:hunter2-very-secret@db.internal:5432/ashiato';
    const natsSecret = 'http://user:nats-secret-password@broker';
    const problems = problemsOf({ EVENTSTORE_URL: secret.replace('postgres', 'mysql'), ASHIATO_NATS_URL: natsSecret });
    expect(problems).toEqual([
      'EVENTSTORE_URL must be a postgres:// or esdb:// connection string',
      'ASHIATO_NATS_URL must be a nats:// URL (or host:port), comma-separated for several servers',
    ]);
    expect(problems.join(' ')).not.toMatch(/hunter2|nats-secret-password|db\.internal|broker/);
  });

  it('keeps secret key material exactly as given (no trimming changes an HMAC key)', () => {
    expect(parseEnv({ ASHIATO_HMAC_KEY: ' key with blanks \n' }).ASHIATO_HMAC_KEY).toBe(' key with blanks \n');
    expect(parseEnv({ ASHIATO_ADMIN_KEY: ' admin-key \n' }).ASHIATO_ADMIN_KEY).toBe('admin-key');
  });

  it('ignores an unreadable COLUMNS, which shells set freely', () => {
    expect(parseEnv({ COLUMNS: 'wide' }).COLUMNS).toBeUndefined();
    expect(parseEnv({ COLUMNS: '120' }).COLUMNS).toBe(120);
  });
});
