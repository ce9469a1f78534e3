import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import type { StoredEvent, Subscription } from '../event-store.port';
import { isSystemEvent, toStoredEvent } from './esdb-mapping';

/** Events buffered before the gRPC stream is paused (backpressure for a slow consumer). */
const HIGH_WATER = 1000;

/**
 * Adapts an ESDB catch-up subscription to the port. The queue is our own (instead of the Readable's
 * async iterator) so that close() ends a pending next() at once: cancelling the gRPC call alone
 * leaves the piped Readable open.
 */
export class EsdbSubscription implements Subscription {
  private readonly queue: StoredEvent[] = [];
  private failure?: Error;
  private ended = false;
  private wake?: () => void;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly fromPosition: number,
  ) {
    source.on('data', (resolved: AllStreamResolvedEvent) => this.push(resolved));
    source.on('error', (error: Error) => this.finish(error));
    source.on('end', () => this.finish());
    source.on('close', () => this.finish());
  }

  async close(): Promise<void> {
    if (this.ended && !this.queue.length) return;
    this.queue.length = 0;
    this.finish();
    await this.source.unsubscribe().catch(() => undefined);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    try {
      for (;;) {
        const next = this.queue.shift();
        if (next) {
          if (this.queue.length < HIGH_WATER / 2 && this.source.isPaused()) this.source.resume();
          yield next;
          continue;
        }
        if (this.failure) throw this.failure;
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      await this.close();
    }
  }

  private push(resolved: AllStreamResolvedEvent): void {
    if (this.ended || isSystemEvent(resolved)) return;
    const event = toStoredEvent(resolved);
    // ESDB starts after the given position already; this guards a server that resends it.
    if (event.position <= this.fromPosition) return;
    this.queue.push(event);
    if (this.queue.length >= HIGH_WATER) this.source.pause();
    this.signal();
  }

  private finish(error?: Error): void {
    if (error && !this.ended) this.failure = error;
    this.ended = true;
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
