import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { SqliteEventStore } from '@ashiato/event-store';
import { BROKER_DEFAULTS, type BrokerConfig } from '@ashiato/server-config';
import { BrokerIngest, NatsEventSource, type EventSource } from '@ashiato/broker';
import { IngestEventsCommand, IngestEventsHandler, prepareEvents, SubjectHasher } from '@ashiato/application';
import { writeWorkload } from './generate';
import { describeMachine } from './lib/machine';

/**
 * Broker ingest throughput: the seeded bench workload published to a NATS JetStream stream of its own
 * (one event per message), then consumed by the product's consumer (fetch a batch, validate, one
 * append to a SQLite log on disk, acknowledge) until every message is acknowledged. Timed from the
 * first fetch to the last acknowledgement; the publishing is not timed. Prints a Markdown row per batch size.
 *
 *   npm run bench:broker -- [--subjects 10000] [--batches 250,1000,5000] [--url nats://127.0.0.1:4222]
 */
const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const log = (m: string) => process.stderr.write(`[bench broker] ${m}\n`);

async function main(): Promise<void> {
  const url = arg('--url', process.env.ASHIATO_NATS_URL || 'nats://127.0.0.1:4222');
  const subjects = Number(arg('--subjects', '10000'));
  const batches = arg('--batches', '250,1000,5000').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-bench-broker-'));
  const machine = describeMachine();
  const load = loadavg()[0];
  try {
    const file = join(dir, 'workload.ndjson');
    const { events } = writeWorkload(file, { subjects, seed: 20260401 });
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    log(`${events} events of ${subjects} subjects`);
    const rows: string[] = [];
    for (const batchSize of batches) {
      rows.push(await measure(url, dir, lines, batchSize));
      rows.push(await baseline(dir, lines, batchSize));
    }
    process.stdout.write(
      [
        `Machine: ${machine.cpuCount} × ${machine.cpu}, ${machine.ramGb} GB RAM, Node ${machine.node}, NATS at ${url}. ${machine.date} at commit ${machine.commit}; load average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end.`,
        '',
        '| path | batch | events | stored in | events/s |',
        '|---|---|---|---|---|',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(url: string, dir: string, lines: string[], batchSize: number): Promise<string> {
  const run = `BENCH_${randomBytes(4).toString('hex')}`;
  const config: BrokerConfig = {
    ...BROKER_DEFAULTS,
    kind: 'nats',
    url,
    stream: run,
    subject: `ashiato-bench.${run}`,
    durable: run,
    deadLetterSubject: `ashiato-bench.${run}.dead`,
    deadLetterStream: `${run}_DL`,
    batchSize,
  };
  const nc = await connect({ servers: url });
  const jsm = await nc.jetstreamManager();
  const dbPath = join(dir, `${run}.db`);
  const store = new SqliteEventStore({ path: dbPath });
  try {
    await jsm.streams.add({ name: config.stream, subjects: [config.subject] });
    const js = nc.jetstream();
    const encoder = new TextEncoder();
    for (let i = 0; i < lines.length; i += 1000) await Promise.all(lines.slice(i, i + 1000).map((l) => js.publish(config.subject, encoder.encode(l))));
    log(`published ${lines.length}; consuming in batches of ${batchSize}`);
    const nats = await NatsEventSource.open(config);
    // The consumer's own loop, stopped at the acknowledgement of the batch that stored the last event.
    const stop = new AbortController();
    let finished = 0n;
    const source: EventSource = {
      fetch: (max) => nats.fetch(max),
      deadLetter: (m, r) => nats.deadLetter(m, r),
      close: () => nats.close(),
      ack: async (messages) => {
        await nats.ack(messages);
        if (ingest.totals.stored >= lines.length) {
          finished = process.hrtime.bigint();
          stop.abort();
        }
      },
    };
    const handler = new IngestEventsHandler(store, { futureSkewMs: 300_000 });
    const ingest = new BrokerIngest(
      source,
      (e, j) => handler.execute(new IngestEventsCommand(e, j)),
      new SubjectHasher('bench-broker-hmac-key-0f3a9c5e7b1d2468'),
      { log, warn: log, error: log },
    );
    const started = process.hrtime.bigint();
    await ingest.run(batchSize, stop.signal);
    const seconds = Number(finished - started) / 1e9;
    await source.close();
    if (ingest.totals.stored !== lines.length) throw new Error(`stored ${ingest.totals.stored} of ${lines.length}`);
    const rate = Math.round(lines.length / seconds);
    log(`batch ${batchSize}: ${rate} events/s (${ingest.totals.duplicates} delivered twice)`);
    return row('NATS JetStream → `ashiato consume`', batchSize, lines.length, seconds);
  } finally {
    await store.close();
    for (const s of [config.stream, config.deadLetterStream]) await jsm.streams.delete(s).catch(() => undefined);
    await nc.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  }
}

/** The same events through the same validation and ingest command, without a broker: what the broker adds is the difference. */
async function baseline(dir: string, lines: string[], batchSize: number): Promise<string> {
  const dbPath = join(dir, `baseline-${batchSize}.db`);
  const store = new SqliteEventStore({ path: dbPath });
  try {
    const handler = new IngestEventsHandler(store, { futureSkewMs: 300_000 });
    const hasher = new SubjectHasher('bench-broker-hmac-key-0f3a9c5e7b1d2468');
    const started = process.hrtime.bigint();
    for (let i = 0; i < lines.length; i += batchSize) {
      const texts = lines.slice(i, i + batchSize);
      const prepared = prepareEvents(
        texts.map((t) => JSON.parse(t) as unknown),
        hasher,
        { texts },
      );
      await handler.execute(new IngestEventsCommand(prepared.events, prepared.json));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    log(`baseline ${batchSize}: ${Math.round(lines.length / seconds)} events/s`);
    return row('the same, validated and stored without a broker', batchSize, lines.length, seconds);
  } finally {
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  }
}

function row(path: string, batch: number, events: number, seconds: number): string {
  return `| ${path} | ${batch.toLocaleString('en')} | ${events.toLocaleString('en')} | ${seconds.toFixed(1)} s | ${Math.round(events / seconds).toLocaleString('en')} |`;
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
