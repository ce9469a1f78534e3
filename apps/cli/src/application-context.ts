import { Global, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { ApplicationModule, type ApplicationSettings } from '@ashiato/application';
import { DEFAULT_FUTURE_SKEW_MS } from '@ashiato/domain';
import { EVENT_STORE, EventStoreModule, type EventStore, type EventStoreConfig } from '@ashiato/event-store';

@Module({})
class OfflineModule {}

/** An event store opened by the caller, who also closes it. */
@Global()
@Module({})
class GivenStoreModule {
  static of(store: EventStore): DynamicModule {
    return { module: GivenStoreModule, providers: [{ provide: EVENT_STORE, useValue: store }], exports: [EVENT_STORE] };
  }
}

export interface OfflineApplication {
  commands: CommandBus;
  queries: QueryBus;
  store: EventStore;
}

/**
 * The commands that work on the log without a server dispatch to the same handlers as the API, in a
 * Nest application context of their own. Given a configuration, the store is opened here and closes when
 * `run` ends; given an open store, it stays open.
 */
export async function withApplication<T>(
  store: EventStoreConfig | EventStore,
  run: (app: OfflineApplication) => Promise<T>,
  settings: ApplicationSettings = { futureSkewMs: DEFAULT_FUTURE_SKEW_MS },
): Promise<T> {
  const storeModule = 'appendBatch' in store ? GivenStoreModule.of(store) : EventStoreModule.forRoot(store);
  const context = await NestFactory.createApplicationContext(
    { module: OfflineModule, imports: [CqrsModule.forRoot(), storeModule, ApplicationModule.forRoot(settings)] },
    { logger: false, abortOnError: false },
  );
  try {
    return await run({ commands: context.get(CommandBus), queries: context.get(QueryBus), store: context.get<EventStore>(EVENT_STORE) });
  } finally {
    await context.close();
  }
}
