import type { EventEmitter } from 'node:events';
import type { StoredEvent, Subscription } from '../event-store.port';

export const APPENDED = 'appended';

export interface PollingSubscriptionOptions {
  /** Reads up to `limit` events with position > `after`, in position order. */
  readPage: (after: number, limit: number) => StoredEvent[] | Promise<StoredEvent[]>;
  /** Emits APPENDED after every in-process commit (and, on PostgreSQL, on every NOTIFY of another process's). */
  appends: EventEmitter;
  pageSize: number;
  /** How often to look for appends committed by another process (on PostgreSQL: when a notification was missed). */
  pollMs: number;
  onClose: (subscription: PollingSubscription) => void;
}

/**
 * Catches up page by page (never the whole log in memory), then waits: an in-process append wakes it
 * at once, and a short poll picks up appends made by another process. `close()` ends the iteration,
 * also while a consumer is waiting in `next()`.
 */
export class PollingSubscription implements Subscription {
  private closed = false;
  private woken = false;
  private wake?: () => void;
  private iterator?: AsyncGenerator<StoredEvent>;
  private readonly onAppend = () => this.signal();

  constructor(
    private readonly fromPosition: number,
    private readonly options: PollingSubscriptionOptions,
  ) {
    options.appends.on(APPENDED, this.onAppend);
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    // One iterator per subscription: a second for-await continues where the first stopped.
    this.iterator ??= this.run();
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.options.appends.off(APPENDED, this.onAppend);
    this.options.onClose(this);
    this.signal();
  }

  private async *run(): AsyncGenerator<StoredEvent> {
    let at = this.fromPosition;
    try {
      while (!this.closed) {
        this.woken = false;
        const page = await this.options.readPage(at, this.options.pageSize);
        for (const event of page) {
          if (this.closed) return;
          at = event.position;
          yield event;
        }
        if (page.length < this.options.pageSize) await this.idle();
      }
    } finally {
      await this.close();
    }
  }

  /** Resolves on an in-process append, on close, or after the poll interval. */
  private idle(): Promise<void> {
    if (this.woken || this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollMs);
      this.wake = done;
    });
  }

  private signal(): void {
    this.woken = true;
    this.wake?.();
  }
}
