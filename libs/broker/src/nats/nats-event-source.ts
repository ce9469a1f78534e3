import {
  AckPolicy,
  connect,
  DeliverPolicy,
  headers,
  nanos,
  type Consumer,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import type { BrokerConfig } from '@ashiato/server-config';
import type { BrokerMessage, EventSource, Rejection } from '../broker.port';

/** Headers of a dead letter; the body is the message as it arrived. */
export const DEAD_LETTER_HEADERS = {
  code: 'Ashiato-Error-Code',
  message: 'Ashiato-Error-Message',
  errors: 'Ashiato-Errors',
  origin: 'Ashiato-Origin',
} as const;

/** How long a fetch waits for a batch to fill before answering what it has. */
const FETCH_WAIT_MS = 1_000;

class NatsMessage implements BrokerMessage {
  constructor(readonly msg: JsMsg) {}
  get data(): Uint8Array {
    return this.msg.data;
  }
  get origin(): string {
    return `${this.msg.info.stream}:${this.msg.seq}`;
  }
}

/**
 * The broker port on NATS JetStream: a durable pull consumer with explicit acknowledgement on the
 * configured stream (both created when missing), dead letters published to their own subject with a
 * message id per origin, so a dead letter published again after a crash is kept once (within the
 * stream's duplicate window).
 */
export class NatsEventSource implements EventSource {
  /** Messages the server said were waiting after the last one fetched: a fetch asks for no more, so it returns without waiting. */
  private backlog = 0;
  private consumer?: Consumer;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly config: BrokerConfig,
  ) {}

  /** Connects (waiting for the server if it is not up yet) and makes sure the streams and the consumer exist. */
  static async open(config: BrokerConfig, name = 'ashiato-ingest'): Promise<NatsEventSource> {
    const nc = await connect({ servers: config.url.split(',').map((s) => s.trim()), name, waitOnFirstConnect: true, maxReconnectAttempts: -1 });
    try {
      const jsm = await nc.jetstreamManager();
      await ensureStream(jsm, config.stream, config.subject);
      await ensureDeadLetterStream(jsm, config.deadLetterStream, config.deadLetterSubject);
      await ensureConsumer(jsm, config);
      return new NatsEventSource(nc, nc.jetstream(), config);
    } catch (err) {
      await nc.close();
      throw err;
    }
  }

  async fetch(max: number): Promise<BrokerMessage[]> {
    const consumer = (this.consumer ??= await this.js.consumers.get(this.config.stream, this.config.durable));
    const out: NatsMessage[] = [];
    // A fetch answers when it has its count or its time is up: asking for the known backlog (when there
    // is one) returns as soon as it is delivered instead of waiting for a batch that will not fill.
    const wanted = this.backlog > 0 ? Math.min(max, this.backlog) : max;
    for await (const msg of await consumer.fetch({ max_messages: wanted, expires: FETCH_WAIT_MS })) out.push(new NatsMessage(msg));
    this.backlog = out.length ? out[out.length - 1].msg.info.pending : 0;
    return out;
  }

  async deadLetter(message: BrokerMessage, rejection: Rejection): Promise<void> {
    const h = headers();
    h.set(DEAD_LETTER_HEADERS.code, rejection.code);
    h.set(DEAD_LETTER_HEADERS.message, rejection.message);
    h.set(DEAD_LETTER_HEADERS.errors, JSON.stringify(rejection.errors));
    h.set(DEAD_LETTER_HEADERS.origin, message.origin);
    await this.js.publish(this.config.deadLetterSubject, message.data, { msgID: `dead-letter:${message.origin}`, headers: h });
  }

  async ack(messages: readonly BrokerMessage[]): Promise<void> {
    for (const m of messages) (m as NatsMessage).msg.ack();
    // A round trip: the acknowledgements have reached the server when this resolves.
    await this.nc.flush();
  }

  async close(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { code?: string; api_error?: { code?: number } };
  return e?.api_error?.code === 404 || e?.code === '404';
}

async function ensureStream(jsm: JetStreamManager, name: string, subject: string): Promise<void> {
  try {
    await jsm.streams.info(name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await addTolerant(() => jsm.streams.add({ name, subjects: [subject] }));
  }
}

async function ensureDeadLetterStream(jsm: JetStreamManager, name: string, subject: string): Promise<void> {
  try {
    // Any stream already capturing the subject keeps the dead letters.
    await jsm.streams.find(subject);
  } catch {
    await addTolerant(() => jsm.streams.add({ name, subjects: [subject] }));
  }
}

async function ensureConsumer(jsm: JetStreamManager, config: BrokerConfig): Promise<void> {
  try {
    await jsm.consumers.info(config.stream, config.durable);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await addTolerant(() =>
      jsm.consumers.add(config.stream, {
        durable_name: config.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: config.subject,
        ack_wait: nanos(config.ackWaitMs),
        max_ack_pending: Math.max(1_000, config.batchSize * 2),
      }),
    );
  }
}

/** Another consumer process may create the same stream or consumer at the same moment: that is fine. */
async function addTolerant(add: () => Promise<unknown>): Promise<void> {
  try {
    await add();
  } catch (err) {
    if (!/already in use|already exists/i.test((err as Error)?.message ?? '')) throw err;
  }
}
