import type { EventEmitter } from 'node:events';
import { Client, type ClientConfig } from 'pg';
import { APPENDED } from '../sqlite/sqlite-subscription';

/** After a lost LISTEN connection, the next try waits this long (subscriptions poll meanwhile). */
const RECONNECT_AFTER_MS = 5_000;

/**
 * One LISTEN connection per store, shared by its subscriptions: every NOTIFY an append sends on commit
 * (also from other processes) wakes them. It is only a wake-up: subscriptions read the table, and poll
 * as well, so a dropped connection or a missed notification delays delivery, never loses an event.
 */
export class PgNotifier {
  private client?: Client;
  private connecting?: Promise<void>;
  private failedAt = 0;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly appends: EventEmitter,
  ) {}

  /** Starts listening if it is not already (or retries after a failure); never throws. */
  listen(): void {
    if (this.closed || this.client || this.connecting || Date.now() - this.failedAt < RECONNECT_AFTER_MS) return;
    this.connecting = this.connect().finally(() => (this.connecting = undefined));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    const lost = () => {
      if (this.client === client) this.client = undefined;
      this.failedAt = Date.now();
      void client.end().catch(() => undefined);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.appends.emit(APPENDED, Number(message.payload));
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      // Appends committed while we were connecting were not notified to us: wake subscriptions once.
      this.appends.emit(APPENDED, 0);
    } catch {
      lost();
    }
  }
}
