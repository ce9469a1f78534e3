import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore, type EventStoreConfig } from '@ashiato/event-store';
import { DEFAULT_READ_MODEL_URL, openReadModel, type ReadModel } from './db/connect';
import { migrateReadModel } from './db/migrations';
import { LiveProjection } from './runtime/live-projection';
import { ProjectionRunner, type RunnerErrorLog } from './runtime/projection-runner';
import { chooseProjectionThread, type ProjectionThread } from './runtime/projection-thread';
import { PartitionedProjection } from './runtime/partitioned-projection';
import { rebuildReadModel } from './runtime/rebuild';
import { rebuildInWorker, WorkerProjectionRunner } from './runtime/worker-projection-runner';
import { logMismatchMessage, type LogMismatch } from './runtime/log-identity';
import { ProjectionQueries } from './queries/projection-queries';

/** DI token of the read model: `{ db: Kysely<ReadModelDatabase>, dialect: 'sqlite' | 'postgres', ... }`. */
export const READ_MODEL = Symbol('READ_MODEL');

const logger = new Logger('Projections');

export interface ProjectionsModuleOptions {
  /** Modules that provide EVENT_STORE, unless it is provided globally. */
  imports?: ModuleMetadata['imports'];
  /** READ_MODEL_URL; its default when not given. The application passes every setting from its parsed configuration. */
  url?: string;
  /** ASHIATO_ERASURE_DEADLINE_DAYS; default 30. */
  erasureDeadlineDays?: number;
  /** ASHIATO_FUTURE_SKEW in ms; default 5 minutes. */
  futureSkewMs?: number;
  /** ASHIATO_REBUILD_ON_MISMATCH: rebuild a read model built from another log instead of withholding it; default false. */
  rebuildOnMismatch?: boolean;
  /**
   * The event store's configuration, for a projection worker thread to open its own connection;
   * without it the projection runs in the API's event loop.
   */
  eventStore?: EventStoreConfig;
  /** ASHIATO_PROJECTION_THREAD: where the live projection runs; default `auto`. */
  thread?: ProjectionThread;
  /** ASHIATO_PROJECTION_PARTITIONS: partitions of the subjects the live projection (and its rebuild) runs in; default 1. */
  partitions?: number;
}

// Error name, stable code and position only: messages of database errors may quote row values.
const onError: RunnerErrorLog = (info) => logger.error({ msg: 'projection batch failed; retrying from the checkpoint', ...info });

/** Log ids, positions and the reason only: the check reads no event content. */
const mismatchLog =
  (rebuilding: boolean) =>
  (m: LogMismatch | undefined): void => {
    if (!m) return logger.log('the read model belongs to the event log: serving and projecting it');
    const fields = {
      code: 'READ_MODEL_LOG_MISMATCH',
      reason: m.reason,
      readModelLogId: m.readModelLogId,
      logId: m.logId,
      checkpoint: m.checkpoint,
      headPosition: m.headPosition,
    };
    if (rebuilding)
      logger.warn({ msg: 'the read model was built from another event log: rebuilding it from this one (ASHIATO_REBUILD_ON_MISMATCH)', ...fields });
    else logger.error({ msg: logMismatchMessage(m), ...fields });
  };

function liveProjection(options: ProjectionsModuleOptions, rm: ReadModel, store: EventStore): LiveProjection {
  const readModelUrl = options.url || DEFAULT_READ_MODEL_URL;
  const { erasureDeadlineDays, futureSkewMs } = options;
  const rebuildOnMismatch = options.rebuildOnMismatch ?? false;
  const onMismatch = mismatchLog(rebuildOnMismatch);
  const thread = chooseProjectionThread(options.thread, readModelUrl, options.eventStore);
  const count = options.partitions ?? 1;
  const inWorker = thread === 'worker';
  if (inWorker)
    logger.log(count > 1 ? `live projection runs in ${count} worker threads, one per partition of the subjects` : 'live projection runs in a worker thread');
  // With partitions, only partition 0 reports (and repairs) a read model of another log: the others' rows are copies of its.
  const one = (partition?: { index: number; count: number }): LiveProjection => {
    const primary = !partition || partition.index === 0;
    const mismatch = { rebuildOnMismatch: rebuildOnMismatch && primary, onMismatch: primary ? onMismatch : undefined };
    return inWorker
      ? new WorkerProjectionRunner(
          { readModelUrl, eventStore: options.eventStore!, erasureDeadlineDays, futureSkewMs, rebuildOnMismatch: mismatch.rebuildOnMismatch, partition },
          { onError, onMismatch: mismatch.onMismatch },
        )
      : new ProjectionRunner(rm, store, { erasureDeadlineDays, futureSkewMs, onError, partition, ...mismatch });
  };
  if (count <= 1) return one();
  return new PartitionedProjection(rm, store, {
    count,
    engine: { erasureDeadlineDays, futureSkewMs },
    partition: (index) => one({ index, count }),
    rebuild: (onProgress) =>
      inWorker
        ? rebuildInWorker({ readModelUrl, eventStore: options.eventStore!, erasureDeadlineDays, futureSkewMs, partitions: count }, onProgress)
        : rebuildReadModel(rm, store, { erasureDeadlineDays, futureSkewMs, partitions: count, onProgress }),
  });
}

const providersFor = (options: ProjectionsModuleOptions): Provider[] => [
  {
    provide: READ_MODEL,
    useFactory: async (): Promise<ReadModel> => {
      const rm = openReadModel(options.url);
      await migrateReadModel(rm);
      return rm;
    },
  },
  {
    provide: LiveProjection,
    inject: [READ_MODEL, EVENT_STORE],
    useFactory: (rm: ReadModel, store: EventStore) => liveProjection(options, rm, store),
  },
  {
    provide: ProjectionQueries,
    inject: [READ_MODEL],
    useFactory: (rm: ReadModel) => new ProjectionQueries(rm.db),
  },
];

/**
 * Read models for the API: needs EVENT_STORE from the importing application. Starts following the
 * log when the application has bootstrapped and stops before the read model closes. The live
 * projection (LiveProjection) runs in a worker thread when `eventStore` is given and both databases
 * can be opened from another thread (files, PostgreSQL, EventStoreDB), else in this event loop.
 */
@Module({ providers: providersFor({}), exports: [READ_MODEL, LiveProjection, ProjectionQueries] })
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Use when EVENT_STORE comes from a module that is not global, or to set the URL explicitly. */
  static forRoot(options: ProjectionsModuleOptions = {}): DynamicModule {
    return {
      module: ProjectionsModule,
      imports: options.imports ?? [],
      providers: providersFor(options),
      exports: [READ_MODEL, LiveProjection, ProjectionQueries],
    };
  }

  constructor(
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
    private readonly runner: LiveProjection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.readModel.close();
  }
}
