import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { SqliteEventStore } from '@ashiato/event-store';
import { DEAD_LETTER_HEADERS } from '@ashiato/broker';
import { acquisition } from './support/events';
import { NATS_URL, natsSuiteRuns } from './support/nats';
import { spawnCli, startServer, testPort } from './support/spawn-cli';

jest.setTimeout(300_000);

/**
 * Broker ingest against the real NATS server: 10,000 messages with republished duplicates and 10
 * invalid events, a consumer killed with SIGKILL part-way, then the server (ASHIATO_NATS_URL) finishing
 * the rest. Each run has its own streams, subjects and consumer, deleted at the end.
 */
const RUN = `${process.pid}_${randomBytes(4).toString('hex')}`;
const names = {
  ASHIATO_NATS_URL: NATS_URL,
  ASHIATO_NATS_STREAM: `ASHIATO_TEST_${RUN}`,
  ASHIATO_NATS_SUBJECT: `ashiato-test.${RUN}.events`,
  ASHIATO_NATS_DURABLE: `ingest_${RUN}`,
  ASHIATO_NATS_DEAD_LETTER_SUBJECT: `ashiato-test.${RUN}.dead-letter`,
  ASHIATO_NATS_DEAD_LETTER_STREAM: `ASHIATO_TEST_DL_${RUN}`,
};
const TOTAL = 10_000;
const INVALID = 10;
const DUPLICATES = 500;
const FIRST_PART = 6_000;

interface Sent {
  text: string;
  /** The eventId a valid event must be stored under; undefined for an invalid one. */
  eventId?: string;
  expectedCode?: string;
}

/** The ten invalid events, each a different fault; every text is unique so its dead letter can be matched. */
function invalidEvents(): Sent[] {
  const bad = (overrides: Record<string, unknown>, drop: string[] = []) => {
    const e: Record<string, unknown> = acquisition(overrides);
    for (const k of drop) delete e[k];
    return { text: JSON.stringify(e), expectedCode: 'VALIDATION_FAILED' };
  };
  return [
    { text: `{"eventId":"${randomUUID()}","type":`, expectedCode: 'MALFORMED_JSON' },
    { text: `[1,2,"${randomUUID()}"]`, expectedCode: 'VALIDATION_FAILED' },
    bad({}, ['type']),
    bad({ type: 'DataTeleported' }),
    bad({ occurredAt: 'yesterday' }),
    bad({}, ['subjectRef']),
    bad({ items: 'email' }),
    bad({ eventId: `not-a-uuid-${randomUUID()}` }),
    bad({ subject: { email: 'both@example.com' } }),
    bad({ colour: 'blue' }),
  ];
}

/** Deterministic shuffle (mulberry32), so a failing order can be reproduced from the printed seed. */
function shuffle<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function messages(seed: number): Sent[] {
  const distinct = TOTAL - INVALID - DUPLICATES;
  const valid: Sent[] = Array.from({ length: distinct }, (_, i) => {
    // One in 50 names its subject by e-mail: stored only as the keyed HMAC, the same for its duplicate.
    const e = i % 50 === 0 ? acquisition({ subject: { email: `person${i}@example.com` }, subjectRef: undefined }) : acquisition();
    return { text: JSON.stringify(e), eventId: e.eventId as string };
  });
  const list = shuffle([...valid, ...invalidEvents()], seed);
  // Duplicates: half republished right after the original (same batch), half somewhere later.
  for (let d = 0; d < DUPLICATES; d++) {
    const original = valid[(d * 7919) % valid.length];
    const at = list.indexOf(original);
    const where = d % 2 === 0 ? at + 1 : at + 1 + ((d * 104729) % (list.length - at));
    list.splice(where, 0, { ...original });
  }
  return list;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const runs = natsSuiteRuns();
(runs ? describe : describe.skip)('broker ingest from NATS JetStream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ashiato-nats-'));
  const env = {
    ...names,
    ASHIATO_DB: join(dir, 'events.db'),
    READ_MODEL_URL: `sqlite:${join(dir, 'read.db')}`,
    ASHIATO_HMAC_KEY: 'broker-test-hmac-key-5c1e7a93d20b4f68',
    ASHIATO_AUTH: 'off',
    ASHIATO_DEMO: '',
    LOG_LEVEL: 'warn',
    // Messages the killed consumer held come again after this (the default is a minute).
    ASHIATO_NATS_ACK_WAIT: '3s',
  };
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: NATS_URL });
    jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: names.ASHIATO_NATS_STREAM, subjects: [names.ASHIATO_NATS_SUBJECT] });
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    for (const stream of [names.ASHIATO_NATS_STREAM, names.ASHIATO_NATS_DEAD_LETTER_STREAM]) await jsm?.streams.delete(stream).catch(() => undefined);
    await nc?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const consumerState = () => jsm.consumers.info(names.ASHIATO_NATS_STREAM, names.ASHIATO_NATS_DURABLE).catch(() => undefined);

  it('stores each valid event once, dead-letters the invalid with their errors, and loses nothing acknowledged when killed', async () => {
    const seed = Date.now() % 2 ** 31;
    const sent = messages(seed);
    expect(sent).toHaveLength(TOTAL);
    const bySeq = new Map<number, Sent>();
    const js = nc.jetstream();
    const publish = async (part: Sent[]) => {
      for (let i = 0; i < part.length; i += 500) {
        const acks = await Promise.all(part.slice(i, i + 500).map((m) => js.publish(names.ASHIATO_NATS_SUBJECT, new TextEncoder().encode(m.text))));
        acks.forEach((a, k) => bySeq.set(a.seq, part[i + k]));
      }
    };
    await publish(sent.slice(0, FIRST_PART));

    // 1. `ashiato consume`, stopped abruptly (SIGKILL) once it has acknowledged some.
    const consumer = spawnCli(['consume', '--batch-size', '250'], env);
    children.push(consumer.child);
    let ackFloor = 0;
    while (ackFloor < 1_500) {
      if (consumer.child.exitCode !== null) throw new Error(`consume exited (seed ${seed}): ${consumer.output().slice(-2000)}`);
      await sleep(50);
      ackFloor = (await consumerState())?.ack_floor.stream_seq ?? 0;
    }
    consumer.child.kill('SIGKILL');
    await exited(consumer.child);
    await publish(sent.slice(FIRST_PART));

    // Acknowledged means stored: every valid message up to the acknowledged floor is in the log already.
    const floor = (await consumerState())!.ack_floor.stream_seq;
    const store = new SqliteEventStore({ path: env.ASHIATO_DB });
    const storedAtKill = new Set((await store.readAll()).map((e) => e.eventId));
    await store.close();
    for (let seq = 1; seq <= floor; seq++) {
      const m = bySeq.get(seq)!;
      if (m.eventId) expect(storedAtKill.has(m.eventId)).toBe(true);
    }

    // 2. The server with ASHIATO_NATS_URL takes over from the durable consumer's position.
    const server = await startServer(env, testPort());
    children.push(server);
    for (;;) {
      const state = await consumerState();
      if (state && state.num_pending === 0 && state.num_ack_pending === 0 && state.ack_floor.stream_seq === TOTAL) break;
      if (server.exitCode !== null) throw new Error('server exited before consuming everything');
      await sleep(200);
    }
    server.kill('SIGTERM');
    await exited(server);

    // Each valid event exactly once, nothing else; e-mail subjects only as keyed HMACs.
    const log = await (async () => {
      const s = new SqliteEventStore({ path: env.ASHIATO_DB });
      try {
        return await s.readAll();
      } finally {
        await s.close();
      }
    })();
    const expected = new Set(sent.filter((m) => m.eventId).map((m) => m.eventId));
    expect(expected.size).toBe(TOTAL - INVALID - DUPLICATES);
    expect(log).toHaveLength(expected.size);
    expect(new Set(log.map((e) => e.eventId))).toEqual(expected);
    const logText = JSON.stringify(log.map((e) => e.data));
    expect(logText).not.toContain('@example.com');
    expect(log.every((e) => /^hmac:[0-9a-f]{64}$/.test(String(e.data.subjectRef)))).toBe(true);

    // The dead-letter subject holds the ten invalid events, unchanged, each with its errors.
    const dl = await jsm.streams.info(names.ASHIATO_NATS_DEAD_LETTER_STREAM);
    expect(dl.state.messages).toBe(INVALID);
    const letters: { text: string; code: string; errors: { path: string; message: string }[] }[] = [];
    for (let seq = dl.state.first_seq; seq <= dl.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(names.ASHIATO_NATS_DEAD_LETTER_STREAM, { seq });
      expect(m.subject).toBe(names.ASHIATO_NATS_DEAD_LETTER_SUBJECT);
      letters.push({
        text: new TextDecoder().decode(m.data),
        code: m.header.get(DEAD_LETTER_HEADERS.code),
        errors: JSON.parse(m.header.get(DEAD_LETTER_HEADERS.errors)),
      });
    }
    const invalid = sent.filter((m) => !m.eventId);
    expect(letters.map((l) => l.text).sort()).toEqual(invalid.map((m) => m.text).sort());
    for (const letter of letters) {
      expect(letter.code).toBe(invalid.find((m) => m.text === letter.text)!.expectedCode);
      expect(letter.errors.length).toBeGreaterThan(0);
      for (const e of letter.errors) expect(e).toEqual({ path: expect.any(String), message: expect.any(String) });
      // Errors name fields, never values: the e-mail of the event with both subject forms is not quoted.
      expect(JSON.stringify(letter.errors)).not.toContain('@example.com');
    }
  });
});
