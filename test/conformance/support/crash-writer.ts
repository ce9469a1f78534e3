/**
 * Child process of sqlite-crash.e2e-spec.ts: appends batches to the SQLite file given as argv[2]
 * until it is killed, printing `ack <batchId>` only after append has returned. Each batch spans
 * several streams and tags every event with its batch id and size, so the parent can tell a
 * complete batch from a partial one.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@ashiato/event-store/sqlite/sqlite-event-store';

const [path, streamsPerBatch = '4', eventsPerStream = '50'] = process.argv.slice(2);
const streams = Number(streamsPerBatch);
const perStream = Number(eventsPerStream);

async function main(): Promise<void> {
  const store = new SqliteEventStore({ path });
  for (let batchId = 1; ; batchId++) {
    const requests = Array.from({ length: streams }, (_, s) => ({
      stream: `subject-crash-${batchId}-${s}`,
      expectedVersion: 'no_stream' as const,
      events: Array.from({ length: perStream }, (_, n) => {
        const eventId = randomUUID();
        return { eventId, type: 'DataUsed', data: { eventId, n, padding: 'x'.repeat(200) }, metadata: { batchId, batchSize: streams * perStream } };
      }),
    }));
    await store.appendBatch(requests);
    // stdout to a pipe is synchronous on Linux: once written, the parent can read it even after SIGKILL.
    process.stdout.write(`ack ${batchId}\n`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`crash-writer failed: ${error.name}\n`);
  process.exit(1);
});
