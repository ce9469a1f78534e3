import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ashiato/event-store';
import { acquisition, toNdjson } from './support/events';
import { startServer, testPort } from './support/spawn-cli';

jest.setTimeout(240_000);

const BATCH = 200;
const IN_FLIGHT = 4;

interface Batch {
  id: number;
  body: string;
  eventIds: string[];
}

function makeBatch(id: number): Batch {
  const events = Array.from({ length: BATCH }, () => acquisition());
  return { id, body: toNdjson(events), eventIds: events.map((e) => e.eventId as string) };
}

/** Resolves when the process has exited, also if it already had. */
const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

const post = (port: number, body: string) =>
  fetch(`http://127.0.0.1:${port}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });

describe('kill -9 of the server while batches stream in', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-kill-'));
  const env = {
    ASHIATO_DB: join(dir, 'events.db'),
    READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}`,
    ASHIATO_HMAC_KEY: 'crash-test-hmac-key-3e7a9c1f5b2d8604',
    ASHIATO_AUTH: 'off',
    ASHIATO_DEMO: '',
  };
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every batch answered 202 complete after a restart, and no batch partially', async () => {
    const port = testPort();
    server = await startServer(env, port);
    const batches: Batch[] = [];
    const acked = new Set<number>();
    let killed = false;
    const killAfter = 15 + Math.floor(Math.random() * 10);

    const worker = async () => {
      while (!killed) {
        const batch = makeBatch(batches.length);
        batches.push(batch);
        try {
          const res = await post(port, batch.body);
          if (res.status === 202) acked.add(batch.id);
          else throw new Error(`unexpected answer ${res.status}: ${await res.text()}`);
        } catch (err) {
          if (!killed) throw err;
          return; // the connection died with the server: this batch's outcome is unknown
        }
        if (acked.size >= killAfter && !killed) {
          killed = true;
          // A random delay lands the kill inside other workers' appends, not between them.
          setTimeout(() => server!.kill('SIGKILL'), Math.random() * 30);
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    await exited(server);
    expect(acked.size).toBeGreaterThanOrEqual(killAfter);

    server = await startServer(env, port);
    for (const id of acked) {
      const again = await post(port, batches[id].body);
      expect(await again.json()).toMatchObject({ accepted: 0, duplicates: BATCH });
    }
    server.kill('SIGTERM');
    await exited(server);
    server = undefined;

    const store = new SqliteEventStore({ path: env.ASHIATO_DB });
    const stored = new Set((await store.readAll()).map((e) => e.eventId));
    await store.close();
    for (const batch of batches) {
      const present = batch.eventIds.filter((id) => stored.has(id)).length;
      if (acked.has(batch.id)) expect(present).toBe(BATCH);
      else expect([0, BATCH]).toContain(present);
    }
  });
});
