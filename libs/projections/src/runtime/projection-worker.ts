import { parentPort, workerData } from 'node:worker_threads';
// The config module alone: the package's index also loads its Nest module, which this thread does not need.
import { createEventStore } from '@ashiato/event-store/event-store.config';
import { openReadModel } from '../db/connect';
import { ProjectionRunner } from './projection-runner';
import { rebuildProjections } from '../projections.factory';
import { errorInfo, type FromWorker, type ProjectionWorkerData, type ToWorker } from './projection-worker-protocol';
import { loadPartitionOnOwnConnection } from './partitioned-load';

/**
 * How often the worker's SQLite subscription looks for appends: they are made by the API's thread on
 * another connection, so no in-process signal reaches this one.
 */
const SQLITE_POLL_MS = 20;

/**
 * Events per transaction while the worker follows the log (the runner's default, 2,000, suits the
 * API's own event loop, which a batch blocks while it is written). A backlog — after a bulk load
 * through the API — is projected in batches this large: every batch dirties pages all over the read
 * model's random-key indexes, and fewer, larger batches dirty each page fewer times. 155,510 events
 * posted in 5,000-event bodies reached the read model 34–37 s after the last answer with 2,000, 22–25 s
 * with 10,000 and 19 s with 25,000 (BENCHMARKS.md). A stream that goes idle is
 * applied at once whatever its size, so a single write is not held back; a rebuild keeps the engine's
 * own batch size (rebuild.ts).
 */
export const WORKER_BATCH_SIZE = 10_000;

/**
 * Entry of the live projection's worker thread (started by WorkerProjectionRunner): opens its own
 * event-store and read-model connections, follows the log from the stored checkpoint and reports
 * the projected position to the API's thread. Nothing but positions, names and codes crosses back.
 */
async function main(port: NonNullable<typeof parentPort>, data: ProjectionWorkerData): Promise<void> {
  const post = (message: FromWorker) => port.postMessage(message);
  let lastPosted = -1;
  // A mismatch found by start() goes with 'started'; later changes as messages of their own.
  let started = false;
  const store = createEventStore({ ...data.eventStore, pollIntervalMs: data.eventStore.pollIntervalMs ?? SQLITE_POLL_MS });
  const readModel = openReadModel(data.readModelUrl);
  const runner = new ProjectionRunner(readModel, store, {
    erasureDeadlineDays: data.erasureDeadlineDays,
    futureSkewMs: data.futureSkewMs,
    batchSize: data.batchSize ?? WORKER_BATCH_SIZE,
    retryDelayMs: data.retryDelayMs,
    rebuildOnMismatch: data.rebuildOnMismatch,
    partition: data.partition,
    onError: (info) => post({ type: 'error', ...info }),
    onMismatch: (mismatch) => started && post({ type: 'log-mismatch', mismatch }),
    onPosition: (position) => {
      if (position === lastPosted) return;
      lastPosted = position;
      post({ type: 'position', position });
    },
  });
  const close = async () => {
    await runner.stop();
    await store.close();
    await readModel.close();
  };
  try {
    await runner.start();
  } catch (err) {
    post({ type: 'start-failed', failure: errorInfo(err) });
    await close().catch(() => undefined);
    port.close();
    return;
  }
  started = true;
  post({ type: 'started', position: runner.projectedPosition(), mismatch: runner.logMismatch() });

  port.on('message', (message: ToWorker) => {
    if (message.type === 'stop') {
      port.removeAllListeners('message');
      void close()
        .catch(() => undefined)
        .then(() => {
          post({ type: 'stopped' });
          port.close();
        });
    } else if (message.type === 'rebuild') {
      runner
        .rebuild((progress) => post({ type: 'rebuild-progress', progress }))
        .then(
          (result) => post({ type: 'rebuilt', result }),
          (err: unknown) => post({ type: 'rebuild-failed', failure: errorInfo(err) }),
        );
    }
  });
}

/** `mode: 'rebuild'`: one rebuild (as `ashiato rebuild` asks for), then the thread ends. */
async function rebuildOnce(port: NonNullable<typeof parentPort>, data: ProjectionWorkerData): Promise<void> {
  const post = (message: FromWorker) => port.postMessage(message);
  const store = createEventStore(data.eventStore);
  try {
    const result = await rebuildProjections(store, {
      url: data.readModelUrl,
      erasureDeadlineDays: data.erasureDeadlineDays,
      futureSkewMs: data.futureSkewMs,
      batchSize: data.batchSize,
      partitions: data.partitions,
      eventStoreConfig: data.eventStore,
      onProgress: (progress) => post({ type: 'rebuild-progress', progress }),
    });
    post({ type: 'rebuilt', result });
  } catch (err) {
    post({ type: 'rebuild-failed', failure: errorInfo(err) });
  } finally {
    await store.close().catch(() => undefined);
    port.close();
  }
}

/** `mode: 'partition'`: one partition of a rebuild's load (partitioned-load.ts), then the thread ends. */
async function loadPartition(port: NonNullable<typeof parentPort>, data: ProjectionWorkerData): Promise<void> {
  const post = (message: FromWorker) => port.postMessage(message);
  const store = createEventStore(data.eventStore);
  const readModel = openReadModel(data.readModelUrl);
  try {
    const job = data.partitionLoad!;
    const engine = {
      projection: job.projection,
      snapshotCacheSize: job.snapshotCacheSize,
      batchSize: data.batchSize,
      erasureDeadlineDays: data.erasureDeadlineDays,
      futureSkewMs: data.futureSkewMs,
    };
    await loadPartitionOnOwnConnection(readModel, store, engine, job, (position) => post({ type: 'partition-progress', position }));
    post({ type: 'partition-loaded' });
  } catch (err) {
    post({ type: 'rebuild-failed', failure: errorInfo(err) });
  } finally {
    await store.close().catch(() => undefined);
    await readModel.close().catch(() => undefined);
    port.close();
  }
}

if (parentPort) {
  const data = workerData as ProjectionWorkerData;
  void (data.mode === 'rebuild' ? rebuildOnce(parentPort, data) : data.mode === 'partition' ? loadPartition(parentPort, data) : main(parentPort, data));
}
