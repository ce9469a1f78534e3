import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type ModuleMetadata } from '@nestjs/common';
import { parseEnv } from '@ashiato/config';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import {
  EVENT_STORE,
  EsdbEventStore,
  EventStoreModule,
  PgEventStore,
  SqliteEventStore,
  createEventStore,
  eventStoreKind,
  type EventStore,
} from '@ashiato/event-store';
import { someEvents, uniqueStream } from './event-store.conformance';

const dir = mkdtempSync(join(tmpdir(), 'ashiato-esmod-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function contextWith(...imports: NonNullable<ModuleMetadata['imports']>) {
  @Module({ imports })
  class AppModule {}
  return NestFactory.createApplicationContext(AppModule, { logger: false });
}

describe('EventStoreModule', () => {
  it('forRoot provides a SQLite store at the configured path, creating its directory, and closes it with the app', async () => {
    const path = join(dir, 'forroot', 'nested', 'events.db');
    const app = await contextWith(EventStoreModule.forRoot({ dbPath: path }));
    const store = app.get<EventStore>(EVENT_STORE);
    expect(store).toBeInstanceOf(SqliteEventStore);
    await store.append(uniqueStream('subject'), someEvents(1), 'no_stream');
    expect(existsSync(path)).toBe(true);
    await app.close();
    await expect(store.headPosition()).rejects.toMatchObject({ code: 'EVENT_STORE_CLOSED' });
  });

  it('forRootAsync reads ASHIATO_DB from @nestjs/config', async () => {
    const path = join(dir, 'async', 'events.db');
    const config = ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ASHIATO_DB: path })] });
    const app = await contextWith(config, EventStoreModule.forRootAsync());
    await app.get<EventStore>(EVENT_STORE).append(uniqueStream('subject'), someEvents(2), 'no_stream');
    await app.close();
    const reopened = new SqliteEventStore({ path });
    expect(await reopened.headPosition()).toBe(2);
    await reopened.close();
  });

  it('forRootAsync with a factory selects EventStoreDB when a URL is given', async () => {
    const app = await contextWith(EventStoreModule.forRootAsync({ useFactory: () => ({ eventStoreUrl: 'esdb://127.0.0.1:2113?tls=false' }) }));
    expect(app.get(EVENT_STORE)).toBeInstanceOf(EsdbEventStore);
    await app.close();
  });

  it('selects PostgreSQL for a postgres:// URL (no connection is made until the store is used)', async () => {
    const eventStoreUrl = 'postgres://nobody@127.0.0.1:1/none?schema=ashiato';
    const app = await contextWith(EventStoreModule.forRootAsync({ useFactory: () => ({ eventStoreUrl }) }));
    expect(app.get(EVENT_STORE)).toBeInstanceOf(PgEventStore);
    expect(eventStoreKind({ eventStoreUrl })).toBe('postgres');
    await app.close();
  });
});

describe('createEventStore', () => {
  it('opens SQLite at the parsed ASHIATO_DB when EVENTSTORE_URL is not set', async () => {
    const path = join(dir, 'env', 'events.db');
    const env = parseEnv({ ASHIATO_DB: path, EVENTSTORE_URL: '' });
    const store = createEventStore({ eventStoreUrl: env.EVENTSTORE_URL, dbPath: env.ASHIATO_DB });
    expect(store).toBeInstanceOf(SqliteEventStore);
    await store.append(uniqueStream('subject'), someEvents(1), 'no_stream');
    await store.close();
    expect(existsSync(path)).toBe(true);
  });
});
