import { isNatsUrlList, MAX_BROKER_BATCH, STREAM_NAME, SUBJECT, type Env } from '@ashiato/config';

/**
 * Broker ingest settings. Ingest from NATS JetStream is on when ASHIATO_NATS_URL is set (the server
 * then consumes beside serving HTTP) or when `ashiato consume` runs. Names default as documented in
 * the README; the stream, the dead-letter stream and the durable consumer are created when missing.
 */
export interface BrokerConfig {
  kind: 'nats';
  /** ASHIATO_NATS_URL, e.g. nats://127.0.0.1:4222 (comma-separated for a cluster). */
  url: string;
  /** ASHIATO_NATS_STREAM: the JetStream stream holding incoming events. */
  stream: string;
  /** ASHIATO_NATS_SUBJECT: the subject events are published on (captured by the stream). */
  subject: string;
  /** ASHIATO_NATS_DURABLE: the durable pull consumer; its position survives restarts. */
  durable: string;
  /** ASHIATO_NATS_DEAD_LETTER_SUBJECT: invalid events go here, unchanged, with their errors in headers. */
  deadLetterSubject: string;
  /** ASHIATO_NATS_DEAD_LETTER_STREAM: the stream created to keep dead letters when no stream captures their subject. */
  deadLetterStream: string;
  /** ASHIATO_NATS_BATCH: messages fetched and stored per append. */
  batchSize: number;
  /** ASHIATO_NATS_ACK_WAIT (e.g. 60s): a message not acknowledged within this time is delivered again; set when the consumer is created. */
  ackWaitMs: number;
}

export const BROKER_DEFAULTS = {
  stream: 'ASHIATO_EVENTS',
  subject: 'ashiato.events',
  durable: 'ashiato-ingest',
  deadLetterSubject: 'ashiato.dead-letter',
  deadLetterStream: 'ASHIATO_DEAD_LETTER',
  batchSize: 1000,
  ackWaitMs: 60_000,
} as const;

export { MAX_BROKER_BATCH };

type BrokerEnv = Pick<
  Env,
  | 'ASHIATO_NATS_URL'
  | 'ASHIATO_NATS_STREAM'
  | 'ASHIATO_NATS_SUBJECT'
  | 'ASHIATO_NATS_DURABLE'
  | 'ASHIATO_NATS_DEAD_LETTER_SUBJECT'
  | 'ASHIATO_NATS_DEAD_LETTER_STREAM'
  | 'ASHIATO_NATS_BATCH'
  | 'ASHIATO_NATS_ACK_WAIT'
>;

/**
 * The broker settings of the parsed environment, or undefined when ASHIATO_NATS_URL is unset and no
 * override gives a URL. The environment was checked when parsed; overrides (`ashiato consume`'s
 * options) are checked here, and so is the rule between two variables. Problems are pushed to
 * `problems`, naming the variable, never its value.
 */
export function brokerConfigFrom(env: BrokerEnv, overrides: Partial<BrokerConfig> = {}, problems: string[] = []): BrokerConfig | undefined {
  const url = overrides.url ?? env.ASHIATO_NATS_URL;
  if (!url) return undefined;
  const config: BrokerConfig = {
    kind: 'nats',
    url,
    stream: overrides.stream ?? env.ASHIATO_NATS_STREAM,
    subject: overrides.subject ?? env.ASHIATO_NATS_SUBJECT,
    durable: overrides.durable ?? env.ASHIATO_NATS_DURABLE,
    deadLetterSubject: overrides.deadLetterSubject ?? env.ASHIATO_NATS_DEAD_LETTER_SUBJECT,
    deadLetterStream: overrides.deadLetterStream ?? env.ASHIATO_NATS_DEAD_LETTER_STREAM,
    batchSize: overrides.batchSize ?? env.ASHIATO_NATS_BATCH,
    ackWaitMs: overrides.ackWaitMs ?? env.ASHIATO_NATS_ACK_WAIT,
  };
  if (!isNatsUrlList(config.url)) problems.push('ASHIATO_NATS_URL must be a nats:// URL (or host:port), comma-separated for several servers');
  if (!STREAM_NAME.test(config.stream)) problems.push('ASHIATO_NATS_STREAM must be a stream name (letters, digits, "_" or "-")');
  if (!STREAM_NAME.test(config.deadLetterStream)) problems.push('ASHIATO_NATS_DEAD_LETTER_STREAM must be a stream name (letters, digits, "_" or "-")');
  if (!STREAM_NAME.test(config.durable)) problems.push('ASHIATO_NATS_DURABLE must be a consumer name (letters, digits, "_" or "-")');
  if (!SUBJECT.test(config.subject))
    problems.push('ASHIATO_NATS_SUBJECT must be a subject without wildcards (tokens of letters, digits, "_" or "-" joined by ".")');
  if (!SUBJECT.test(config.deadLetterSubject)) problems.push('ASHIATO_NATS_DEAD_LETTER_SUBJECT must be a subject without wildcards');
  else if (config.deadLetterSubject === config.subject) problems.push('ASHIATO_NATS_DEAD_LETTER_SUBJECT must differ from ASHIATO_NATS_SUBJECT');
  if (!Number.isInteger(config.batchSize) || config.batchSize < 1 || config.batchSize > MAX_BROKER_BATCH)
    problems.push(`ASHIATO_NATS_BATCH must be an integer from 1 to ${MAX_BROKER_BATCH}`);
  if (!Number.isFinite(config.ackWaitMs) || config.ackWaitMs < 1_000)
    problems.push('ASHIATO_NATS_ACK_WAIT must be a duration of at least 1s, such as 30s or 2m');
  return config;
}

/** The servers of a URL list without any user or password, for logs. */
export function safeServers(url: string): string {
  return url
    .split(',')
    .map((u) => u.trim().replace(/\/\/[^@/]*@/, '//'))
    .join(',');
}
