import { Inject, Injectable, Module, type DynamicModule, type ModuleMetadata, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createEventStore, DEFAULT_DB_PATH, type EventStoreConfig } from './event-store.config';
import { EVENT_STORE, type EventStore } from './event-store.port';

export const EVENT_STORE_CONFIG = Symbol('EVENT_STORE_CONFIG');

export interface EventStoreModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Defaults to reading EVENTSTORE_URL and ASHIATO_DB from ConfigService (SQLite at the default path without it). */
  useFactory?: (...args: never[]) => EventStoreConfig | Promise<EventStoreConfig>;
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
}

/**
 * Closes the store when the application shuts down. It runs after every module's onModuleDestroy,
 * so projections and other consumers stop their subscriptions before the file is closed.
 */
@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

const storeProvider = {
  provide: EVENT_STORE,
  useFactory: (config: EventStoreConfig): EventStore => createEventStore(config),
  inject: [EVENT_STORE_CONFIG],
};

function configFromConfigService(config?: ConfigService): EventStoreConfig {
  if (!config) return { dbPath: DEFAULT_DB_PATH };
  return {
    eventStoreUrl: config.get<string>('EVENTSTORE_URL') || undefined,
    dbPath: config.get<string>('ASHIATO_DB') || DEFAULT_DB_PATH,
  };
}

/** Provides EVENT_STORE globally: EventStoreDB when EVENTSTORE_URL is set, else SQLite at ASHIATO_DB. */
@Module({})
export class EventStoreModule {
  static forRoot(config: EventStoreConfig): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [{ provide: EVENT_STORE_CONFIG, useValue: config }, storeProvider, EventStoreCloser],
      exports: [EVENT_STORE],
    };
  }

  static forRootAsync(options: EventStoreModuleAsyncOptions = {}): DynamicModule {
    const configProvider = options.useFactory
      ? { provide: EVENT_STORE_CONFIG, useFactory: options.useFactory, inject: options.inject ?? [] }
      : { provide: EVENT_STORE_CONFIG, useFactory: configFromConfigService, inject: [{ token: ConfigService, optional: true }] };
    return {
      module: EventStoreModule,
      global: true,
      imports: options.imports ?? [],
      providers: [configProvider, storeProvider, EventStoreCloser],
      exports: [EVENT_STORE],
    };
  }
}
