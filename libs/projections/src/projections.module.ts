import { Inject, Logger, Module, type DynamicModule, type ModuleMetadata, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { openReadModel, type ReadModel } from './db/connect';
import { migrateReadModel } from './db/migrations';
import { ProjectionRunner } from './engine/projection-runner';
import { erasureDeadlineFromEnv } from './projections.factory';
import { ProjectionQueries } from './queries/projection-queries';

/** DI token of the read model: `{ db: Kysely<ReadModelDatabase>, dialect: 'sqlite' | 'postgres', ... }`. */
export const READ_MODEL = Symbol('READ_MODEL');

const logger = new Logger('Projections');

export interface ProjectionsModuleOptions {
  /** Modules that provide EVENT_STORE, unless it is provided globally. */
  imports?: ModuleMetadata['imports'];
  /** Read-model URL; default READ_MODEL_URL. */
  url?: string;
  erasureDeadlineDays?: number;
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
    provide: ProjectionRunner,
    inject: [READ_MODEL, EVENT_STORE],
    useFactory: (rm: ReadModel, store: EventStore) =>
      new ProjectionRunner(rm, store, {
        erasureDeadlineDays: options.erasureDeadlineDays ?? erasureDeadlineFromEnv(),
        // Error name, stable code and position only: messages of database errors may quote row values.
        onError: (info) => logger.error({ msg: 'projection batch failed; retrying from the checkpoint', ...info }),
      }),
  },
  {
    provide: ProjectionQueries,
    inject: [READ_MODEL],
    useFactory: (rm: ReadModel) => new ProjectionQueries(rm.db),
  },
];

/**
 * Read models for the API: needs EVENT_STORE from the importing application. Starts following the
 * log when the application has bootstrapped and stops before the read model closes.
 */
@Module({ providers: providersFor({}), exports: [READ_MODEL, ProjectionRunner, ProjectionQueries] })
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Use when EVENT_STORE comes from a module that is not global, or to set the URL explicitly. */
  static forRoot(options: ProjectionsModuleOptions = {}): DynamicModule {
    return {
      module: ProjectionsModule,
      imports: options.imports ?? [],
      providers: providersFor(options),
      exports: [READ_MODEL, ProjectionRunner, ProjectionQueries],
    };
  }

  constructor(
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
    private readonly runner: ProjectionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.readModel.close();
  }
}
