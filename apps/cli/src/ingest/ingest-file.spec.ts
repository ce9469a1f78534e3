import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esdbGuarantees, SqliteEventStore, type StoreGuarantees } from '@ashiato/event-store';
import { SubjectHasher } from '@ashiato/application';
import { withApplication } from '../application-context';
import { ingestFile } from './ingest-file';

/** A SQLite log that states EventStoreDB's guarantees (no server runs here). */
class StreamByStreamStore extends SqliteEventStore {
  override readonly guarantees: StoreGuarantees = esdbGuarantees(1000);
}

describe('ingestFile: what the summary promises', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-ingest-file-'));
  const file = join(dir, 'events.ndjson');
  const hasher = new SubjectHasher('unit-test-key-0123456789');
  const event = (n: number) => ({
    eventId: randomUUID(),
    type: 'DataAcquired',
    occurredAt: '2026-04-01T09:30:00+09:00',
    controller: 'jcert',
    subjectRef: `hmac:${String(n).repeat(64)}`,
    items: ['email'],
    source: { kind: 'subject' },
  });
  writeFileSync(file, [event(1), event(2)].map((e) => JSON.stringify(e)).join('\n') + '\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the event store guarantees when batches are not atomic, and not on SQLite', async () => {
    const esdbLike = new StreamByStreamStore({ path: ':memory:' });
    const partial = await withApplication(esdbLike, (app) => ingestFile(file, app, hasher));
    expect(partial).toMatchObject({ accepted: 2, guarantees: { adapter: 'eventstoredb', atomicBatch: false, idempotency: 'window', duplicateWindow: 1000 } });
    await esdbLike.close();

    const sqlite = new SqliteEventStore({ path: ':memory:' });
    const atomic = await withApplication(sqlite, (app) => ingestFile(file, app, hasher));
    expect(atomic.accepted).toBe(2);
    expect(atomic).not.toHaveProperty('guarantees');
    await sqlite.close();
  });
});
