import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore, type StoredEvent } from '@ashiato/event-store';

const root = resolve(__dirname, '../..');
const writerScript = join(__dirname, 'support', 'crash-writer.ts');
const dir = mkdtempSync(join(tmpdir(), 'ashiato-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the writer, SIGKILLs it once `acksBeforeKill` batches were acknowledged, returns the acknowledged ids. */
function writeUntilKilled(path: string, acksBeforeKill: number): Promise<number[]> {
  return new Promise((done, fail) => {
    const child = fork(writerScript, [path], {
      cwd: root,
      execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const acked: number[] = [];
    let buffered = '';
    let stderr = '';
    let killScheduled = false;
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
      if (acked.length >= acksBeforeKill && !killScheduled) {
        killScheduled = true;
        // A random delay lands the kill anywhere inside the next batch's transaction, not just at its start.
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 40);
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') done(acked);
      else fail(new Error(`writer exited before it was killed: ${stderr.slice(0, 500)}`));
    });
  });
}

function batchesOf(events: StoredEvent[]): Map<number, { size: number; count: number }> {
  const batches = new Map<number, { size: number; count: number }>();
  for (const event of events) {
    const { batchId, batchSize } = event.metadata as { batchId: number; batchSize: number };
    const batch = batches.get(batchId) ?? { size: batchSize, count: 0 };
    batch.count++;
    batches.set(batchId, batch);
  }
  return batches;
}

describe('SQLite event store: kill -9 while appending', () => {
  it('keeps every acknowledged batch complete and never leaves a partial batch', async () => {
    const path = join(dir, 'crash.db');
    const acked = await writeUntilKilled(path, 25);
    expect(acked.length).toBeGreaterThanOrEqual(25);

    const store = new SqliteEventStore({ path });
    const events: StoredEvent[] = [];
    for await (const page of store.iterateAll({ pageSize: 2000 })) events.push(...page);
    const batches = batchesOf(events);
    for (const id of acked) expect(batches.get(id)).toEqual({ size: 200, count: 200 });
    const partial = [...batches].filter(([, b]) => b.count !== b.size).map(([id]) => id);
    expect(partial).toEqual([]);
    // The log is usable after the crash: the next append continues the positions.
    const next = await store.append('subject-after-crash', [{ eventId: 'after-crash', type: 'DataUsed', data: {} }], 'no_stream');
    expect(next.lastPosition).toBeGreaterThan(events[events.length - 1].position);
    await store.close();
  });
});
