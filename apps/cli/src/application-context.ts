import { Global, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { ApplicationModule, type ApplicationOptions, type ApplicationSettings } from '@ashiato/application';
import { ControlModule } from '@ashiato/control';
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

export interface Buses {
  commands: CommandBus;
  queries: QueryBus;
}

export interface OfflineApplication extends Buses {
  store: EventStore;
}

const DEFAULT_SETTINGS: ApplicationSettings = { futureSkewMs: DEFAULT_FUTURE_SKEW_MS };

/** The use cases `imports` bring, in a Nest application context that closes (and closes what it opened) when `run` ends. */
async function inContext<T>(imports: DynamicModule[], run: (context: INestApplicationContext) => Promise<T>): Promise<T> {
  const context = await NestFactory.createApplicationContext(
    { module: OfflineModule, imports: [CqrsModule.forRoot(), ...imports] },
    { logger: false, abortOnError: false },
  );
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

const storeModule = (store: EventStoreConfig | EventStore) => ('appendBatch' in store ? GivenStoreModule.of(store) : EventStoreModule.forRoot(store));

/**
 * The commands that work on the log without a server dispatch to the same handlers as the API, in a
 * Nest application context of their own. Given a configuration, the store is opened here and closes when
 * `run` ends; given an open store, it stays open. `options` adds use cases beside those writing to the log.
 */
export function withApplication<T>(
  store: EventStoreConfig | EventStore,
  run: (app: OfflineApplication) => Promise<T>,
  settings: ApplicationSettings = DEFAULT_SETTINGS,
  options: Omit<ApplicationOptions, 'keys'> = {},
): Promise<T> {
  return inContext([storeModule(store), ApplicationModule.forRoot(settings, options)], (context) =>
    run({ commands: context.get(CommandBus), queries: context.get(QueryBus), store: context.get<EventStore>(EVENT_STORE) }),
  );
}

/** `ashiato keys`: the key use cases on the control database alone (no event log is opened). */
export function withKeyStore<T>(controlUrl: string, run: (app: Buses) => Promise<T>): Promise<T> {
  return inContext([ControlModule.forRoot(controlUrl), ApplicationModule.forRoot(DEFAULT_SETTINGS, { log: false, keys: true })], (context) =>
    run({ commands: context.get(CommandBus), queries: context.get(QueryBus) }),
  );
}
