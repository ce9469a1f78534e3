import { documentProblem, type AshiatoEvent } from '@ashiato/domain';
import type { IngestResult, SubjectHasher } from '@ashiato/application';
import { prepareEvents } from '@ashiato/application';
import type { BrokerMessage, EventSource, Rejection } from './broker.port';

/** Stores a validated batch: the ingest use case behind `POST /v1/events` (IngestEventsCommand). */
export type IngestBatch = (
  events: readonly AshiatoEvent[],
  json: readonly (string | undefined)[] | undefined,
) => Promise<IngestResult & { warningCount: number }>;

export interface BrokerIngestTotals {
  /** Messages handled (stored, duplicate or dead-lettered) and acknowledged. */
  messages: number;
  stored: number;
  duplicates: number;
  deadLettered: number;
  warnings: number;
  batches: number;
}

/** What the consumer logs: counts and codes, never an event's content. */
export interface BrokerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

interface Parsed {
  message: BrokerMessage;
  item: unknown;
  text: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
/** Dead letters list at most this many field errors each. */
const MAX_ERRORS_PER_LETTER = 100;

/**
 * Moves events from a broker into the log, batch by batch, with the validation, pseudonymisation and
 * idempotency of HTTP ingest (`prepareEvents` and the same ingest use case). Per batch: valid events
 * are stored in one append, invalid ones dead-lettered with their errors, and only then is every
 * message of the batch acknowledged. A redelivered or republished event is stored once (eventId); one
 * whose eventId is stored with other content is dead-lettered as EVENT_ID_CONFLICT.
 */
export class BrokerIngest {
  readonly totals: BrokerIngestTotals = { messages: 0, stored: 0, duplicates: 0, deadLettered: 0, warnings: 0, batches: 0 };

  constructor(
    private readonly source: EventSource,
    private readonly ingest: IngestBatch,
    private readonly hasher: SubjectHasher,
    private readonly logger: BrokerLogger,
  ) {}

  /**
   * Fetches and handles batches until `signal` aborts; the batch in hand is still stored and
   * acknowledged. A failing batch stays unacknowledged (the broker delivers it again) and the loop
   * pauses. No batch is fetched while one is being stored: storing blocks the event loop, and a
   * fetch left waiting meanwhile could time out with messages on the wire, which the broker would
   * then hold until its acknowledgement wait ends.
   */
  async run(batchSize: number, signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const messages = await this.source.fetch(batchSize);
        if (messages.length) await this.handle(messages);
        failures = 0;
      } catch (err) {
        if (signal.aborted) break;
        failures++;
        const e = err as { code?: string; name?: string };
        // Name and code only: a store or broker error message may quote more than it should.
        this.logger.error(`broker batch failed (${e?.code ?? e?.name ?? 'error'}); its messages stay unacknowledged and come again; retrying`);
        await pause(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)), signal);
      }
    }
  }

  /** Handles one batch of messages; resolves after they are all acknowledged. */
  async handle(messages: readonly BrokerMessage[]): Promise<void> {
    const rejected: [BrokerMessage, Rejection][] = [];
    const parsed: Parsed[] = [];
    for (const message of messages) {
      const result = parse(message);
      if ('rejection' in result) rejected.push([message, result.rejection]);
      else parsed.push(result);
    }
    for (const round of rounds(parsed)) await this.store(round, rejected);
    for (const [message, rejection] of rejected) await this.source.deadLetter(message, rejection);
    await this.source.ack(messages);
    this.totals.messages += messages.length;
    this.totals.deadLettered += rejected.length;
    this.totals.batches++;
    if (rejected.length) this.logger.warn(`dead-lettered ${rejected.length} of ${messages.length} message(s): ${countCodes(rejected.map(([, r]) => r.code))}`);
  }

  private async store(round: Parsed[], rejected: [BrokerMessage, Rejection][]): Promise<void> {
    const prepared = prepareEvents(
      round.map((p) => p.item),
      this.hasher,
      { texts: round.map((p) => p.text) },
    );
    const errorsOf = new Map<number, Rejection['errors']>();
    for (const { index, ...error } of prepared.errors) {
      const list = errorsOf.get(index!) ?? [];
      list.push(error);
      errorsOf.set(index!, list);
    }
    for (const [index, errors] of errorsOf) {
      rejected.push([
        round[index].message,
        { code: 'VALIDATION_FAILED', message: `${errors.length} invalid field(s); the event was not stored`, errors: errors.slice(0, MAX_ERRORS_PER_LETTER) },
      ]);
    }
    const events = [...prepared.events];
    const json = prepared.json ? [...prepared.json] : undefined;
    const origins = prepared.indexes.map((i) => round[i].message);
    while (events.length) {
      try {
        const result = await this.ingest(events, json);
        this.totals.stored += result.accepted;
        this.totals.duplicates += result.duplicates;
        this.totals.warnings += result.warningCount;
        // Stored events someone should look at, as over HTTP; counted by code only (no paths, no values).
        if (result.warningCount)
          this.logger.warn(
            `stored ${result.accepted} event(s) with ${result.warningCount} warning(s): ${countCodes((result.warnings ?? []).map((w) => w.code))}`,
          );
        return;
      } catch (err) {
        const conflict = err as { code?: string; eventId?: unknown };
        const at = conflict?.code === 'EVENT_ID_CONFLICT' ? events.findIndex((e) => e.eventId === conflict.eventId) : -1;
        if (at < 0) throw err;
        // The rest of the batch is stored without it; the conflicting event goes to the dead letters.
        rejected.push([
          origins[at],
          {
            code: 'EVENT_ID_CONFLICT',
            message: 'an event with this eventId is already stored with different content',
            errors: [{ path: 'eventId', message: 'already stored with different content' }],
          },
        ]);
        events.splice(at, 1);
        json?.splice(at, 1);
        origins.splice(at, 1);
      }
    }
  }
}

function parse(message: BrokerMessage): Parsed | { rejection: Rejection } {
  let text: string;
  let item: unknown;
  try {
    text = decoder.decode(message.data).trim();
    item = JSON.parse(text);
  } catch {
    return {
      rejection: {
        code: 'MALFORMED_JSON',
        message: 'the message is not one JSON event in UTF-8; nothing was stored',
        errors: [{ path: '$', message: 'is not valid JSON' }],
      },
    };
  }
  const problem = documentProblem(item);
  if (problem)
    return {
      rejection: { code: 'MALFORMED_JSON', message: 'the message is not a storable JSON event; nothing was stored', errors: [{ path: '$', message: problem }] },
    };
  return { message, item, text };
}

/**
 * Splits a batch so that no eventId appears twice in one round: a message repeated within a batch (a
 * redelivery, a publisher's retry) is stored by the first round and found a duplicate by the next, as
 * if it had come in a later batch, instead of failing its batch's validation.
 */
function rounds(parsed: readonly Parsed[]): Parsed[][] {
  const out: Parsed[][] = [];
  const seen = new Map<string, number>();
  for (const p of parsed) {
    const id =
      typeof p.item === 'object' && p.item !== null && typeof (p.item as { eventId?: unknown }).eventId === 'string'
        ? (p.item as { eventId: string }).eventId
        : undefined;
    const round = id === undefined ? 0 : (seen.get(id) ?? -1) + 1;
    if (id !== undefined) seen.set(id, round);
    (out[round] ??= []).push(p);
  }
  return out;
}

function countCodes(codes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([c, n]) => `${c} ${n}`).join(', ');
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
