import type { SubjectHasher } from '@ashiato/application';
import { safeServers, type BrokerConfig } from '@ashiato/server-config';
import { BrokerIngest, type BrokerLogger, type IngestBatch } from './broker-ingest';
import type { EventSource } from './broker.port';
import { NatsEventSource } from './nats/nats-event-source';

export interface RunningBrokerIngest {
  /** Counts so far (messages, stored, duplicates, dead letters). */
  readonly ingest: BrokerIngest | undefined;
  /** Stops fetching, lets the batch in hand finish (stored and acknowledged), closes the connection. */
  stop(): Promise<void>;
  /** Settles when the consumer has stopped. */
  readonly done: Promise<void>;
}

/** Opens the broker named by `config` (retrying while it is unreachable or refuses) and consumes until stopped. */
export function startBrokerIngest(
  config: BrokerConfig,
  ingestBatch: IngestBatch,
  hasher: SubjectHasher,
  logger: BrokerLogger,
  open: (config: BrokerConfig) => Promise<EventSource> = (c) => NatsEventSource.open(c),
): RunningBrokerIngest {
  const abort = new AbortController();
  let ingest: BrokerIngest | undefined;
  let source: EventSource | undefined;
  const done = (async () => {
    let attempts = 0;
    while (!abort.signal.aborted && !source) {
      try {
        logger.log(
          `broker ingest: connecting to NATS at ${safeServers(config.url)} (stream ${config.stream}, subject ${config.subject}, consumer ${config.durable})`,
        );
        source = await open(config);
      } catch (err) {
        attempts++;
        logger.error(`broker ingest: cannot open the stream or consumer (${(err as { code?: string })?.code ?? (err as Error)?.name ?? 'error'}); retrying`);
        await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** Math.min(attempts, 6))));
      }
    }
    if (!source) return;
    ingest = new BrokerIngest(source, ingestBatch, hasher, logger);
    logger.log(`broker ingest: consuming ${config.subject}; invalid events go to ${config.deadLetterSubject}`);
    try {
      await ingest.run(config.batchSize, abort.signal);
    } finally {
      await source.close().catch(() => undefined);
      const t = ingest.totals;
      logger.log(
        `broker ingest stopped: ${t.messages} message(s), ${t.stored} stored, ${t.duplicates} duplicate(s), ${t.deadLettered} dead-lettered, ${t.warnings} warning(s)`,
      );
    }
  })();
  return {
    get ingest() {
      return ingest;
    },
    done,
    async stop() {
      abort.abort();
      await done;
    },
  };
}
