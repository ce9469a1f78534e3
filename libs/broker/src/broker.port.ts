import type { FieldError } from '@ashiato/application';

/**
 * The broker port: where events come from when they arrive by message instead of by HTTP. One
 * message carries one event (its JSON text). Adapters live beside it: NATS JetStream (`nats/`) is
 * implemented; Kafka and RabbitMQ would be further adapters of this same interface.
 *
 * Delivery is at least once: a message is acknowledged only after its event is stored (or, when it is
 * invalid, after it was dead-lettered), so a consumer that dies before acknowledging sees it again.
 */
export const EVENT_SOURCE = Symbol('EVENT_SOURCE');

export interface BrokerMessage {
  /** The message body as sent: one event as JSON. */
  readonly data: Uint8Array;
  /** Where the message sits in the broker (e.g. stream and sequence), for logs and dead letters; never content. */
  readonly origin: string;
}

/** Why a message was not stored, attached to its dead letter. `code` is one of the API's stable error codes. */
export interface Rejection {
  code: 'VALIDATION_FAILED' | 'MALFORMED_JSON' | 'EVENT_ID_CONFLICT';
  message: string;
  /** Every bad field of the event, as `POST /v1/events` reports it (paths relative to the event). */
  errors: Omit<FieldError, 'index'>[];
}

export interface EventSource {
  /** Waits for messages and answers up to `max` of them (none when nothing arrived in a while). */
  fetch(max: number): Promise<BrokerMessage[]>;
  /** Publishes the message, unchanged, with its rejection to the dead-letter destination, durably. */
  deadLetter(message: BrokerMessage, rejection: Rejection): Promise<void>;
  /** Acknowledges messages whose events are stored or dead-lettered: the broker will not deliver them again. */
  ack(messages: readonly BrokerMessage[]): Promise<void>;
  /** Stops fetching and closes the connection; unacknowledged messages are delivered again later. */
  close(): Promise<void>;
}
