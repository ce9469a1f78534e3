import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule, SqliteEventStore } from '@ashiato/event-store';
import { ApplicationModule } from '../application.module';
import { RebuildCommand, type ChainCheck, type RebuildOptions } from './rebuild.command';

const ref = (n: number) => `hmac:${n.toString(16).padStart(64, '0')}`;

/** `count` acquisitions, one per subject, in a SQLite log at `path`. */
async function writeLog(path: string, count: number): Promise<void> {
  const store = new SqliteEventStore({ path });
  try {
    for (let i = 1; i <= count; i++) {
      const event = { eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type: 'DataAcquired', occurredAt: '2026-04-01T09:30:00+09:00' };
      const data = { ...event, controller: 'jcert', subjectRef: ref(i), items: ['email'], source: { kind: 'subject' } };
      await store.append(`subject-${ref(i)}`, [{ eventId: event.eventId, type: event.type, data }], 'any');
    }
  } finally {
    await store.close();
  }
}

describe('rebuilding the read model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-rebuild-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let runs = 0;

  /** Rebuilds from the log at `log` into an in-memory read model (so in this thread). */
  async function rebuild(log: string, options: RebuildOptions) {
    const rebuildSettings = { eventStore: { dbPath: log }, readModelUrl: 'sqlite::memory:', erasureDeadlineDays: 30, partitions: 1 };
    const context = await NestFactory.createApplicationContext(
      {
        module: class RebuildOnly {},
        imports: [
          CqrsModule.forRoot(),
          EventStoreModule.forRoot({ dbPath: log }),
          ApplicationModule.forRoot({ futureSkewMs: 0 }, { log: false, rebuild: rebuildSettings }),
        ],
      },
      { logger: false },
    );
    try {
      return await context.get(CommandBus).execute(new RebuildCommand(options));
    } finally {
      await context.close();
    }
  }

  const freshLog = async (count: number) => {
    const log = join(dir, `events-${++runs}.db`);
    await writeLog(log, count);
    return log;
  };

  it('projects every event of an intact log and reports how many and up to which position', async () => {
    const log = await freshLog(7);
    const checked: ChainCheck[] = [];
    const phases = new Set<string>();
    const outcome = await rebuild(log, { onChainChecked: (c) => checked.push(c), onProgress: (p) => phases.add(p.phase) });
    expect(outcome).toMatchObject({ events: 7, position: 7, chain: { state: 'intact' } });
    expect(checked).toEqual([{ state: 'intact' }]);
    expect(phases).toContain('projecting');
  });

  it('refuses a log whose chain was altered, naming the first broken position; forced, rebuilds and says where it breaks', async () => {
    const log = await freshLog(6);
    const db = new Database(log);
    db.exec(`UPDATE events SET data = json_set(data, '$.items', json('["phone"]')) WHERE position = 4`);
    db.close();
    await expect(rebuild(log, {})).rejects.toMatchObject({ code: 'CHAIN_BROKEN', message: expect.stringMatching(/chain breaks at position 4\b/) });
    const forced = await rebuild(log, { force: true });
    expect(forced).toMatchObject({ events: 6, chain: { state: 'broken', verification: { brokenAt: 4, reason: 'hash-mismatch' } } });
  });
});
