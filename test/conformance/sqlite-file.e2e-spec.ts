import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type StoredEvent } from '@ashiato/event-store';
import { describeEventStoreConformance, someEvents, uniqueStream } from './event-store.conformance';

const dir = mkdtempSync(join(tmpdir(), 'ashiato-es-'));
let files = 0;
// A nested, not yet existing directory: the adapter creates it.
const freshFile = () => join(dir, `run-${++files}`, 'events.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreConformance('SQLite file', () => new SqliteEventStore({ path: freshFile() }));

describe('SQLite file: durability and sharing the file', () => {
  it('shows every event, version and position again after the file is reopened', async () => {
    const path = freshFile();
    const stream = uniqueStream('subject');
    const first = new SqliteEventStore({ path });
    await first.append(stream, someEvents(3), 'no_stream');
    await first.appendBatch([{ stream: uniqueStream('policy'), events: someEvents(2), expectedVersion: 'no_stream' }]);
    const before = await first.readAll();
    await first.close();

    const reopened = new SqliteEventStore({ path });
    expect(await reopened.readAll()).toEqual(before);
    expect(await reopened.headPosition()).toBe(before[before.length - 1].position);
    // Idempotency and versions survive the reopen too.
    const stored = before[0];
    expect(await reopened.append(stream, [{ eventId: stored.eventId, type: stored.type, data: stored.data }], 'any')).toMatchObject({
      appended: 0,
      duplicates: 1,
    });
    expect(await reopened.verifyChain()).toMatchObject({ ok: true, checked: before.length });
    expect(await reopened.append(stream, someEvents(1), 2)).toMatchObject({ appended: 1, nextExpectedVersions: [3] });
    await reopened.close();
  });

  it('a subscription sees appends made through another connection to the same file (another process)', async () => {
    const path = freshFile();
    const reader = new SqliteEventStore({ path, pollIntervalMs: 20 });
    const writer = new SqliteEventStore({ path });
    const subscription = reader.subscribe(0);
    const iterator = subscription[Symbol.asyncIterator]();
    const events = someEvents(3);
    const received: Promise<StoredEvent[]> = Promise.all([iterator.next(), iterator.next(), iterator.next()]).then((r) => r.map((n) => n.value as StoredEvent));
    await writer.append(uniqueStream('subject'), events, 'no_stream');
    expect((await received).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    await reader.close();
    await expect(iterator.next()).resolves.toMatchObject({ done: true });
    await writer.close();
  });

  it('two connections writing the same stream get a version conflict, not a corrupted stream', async () => {
    const path = freshFile();
    const stream = uniqueStream('subject');
    const [one, two] = [new SqliteEventStore({ path }), new SqliteEventStore({ path })];
    await one.append(stream, someEvents(1), 'no_stream');
    await two.append(stream, someEvents(1), 0);
    await expect(one.append(stream, someEvents(1), 0)).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION', actual: 1 });
    expect((await one.readStream(stream)).map((e) => e.version)).toEqual([0, 1]);
    await Promise.all([one.close(), two.close()]);
  });

  it('refuses calls after close with a stable error code', async () => {
    const store = new SqliteEventStore({ path: freshFile() });
    await store.close();
    await expect(store.append(uniqueStream('subject'), someEvents(1), 'any')).rejects.toMatchObject({ code: 'EVENT_STORE_CLOSED' });
  });
});
