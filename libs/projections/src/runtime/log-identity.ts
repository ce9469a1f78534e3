import type { EventStore } from '@ashiato/event-store';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/read-model.types';

/**
 * Why a read model does not belong to the log in front of it:
 * - `other-log`: the checkpoint names another log id (the log was replaced or pointed elsewhere);
 * - `log-shorter`: the log's head is below the checkpoint (events were removed, or a new log);
 * - `event-differs`: the event at the checkpoint position hashes differently (same id, other content);
 * - `unrecorded`: a read model made before log ids whose newest recorded event is not the log's.
 */
export type LogMismatchReason = 'other-log' | 'log-shorter' | 'event-differs' | 'unrecorded';

/** What the check found: ids and positions only (log ids are random, not personal data). */
export interface LogMismatch {
  reason: LogMismatchReason;
  /** The log the read model was built from; null when it was made before log ids were recorded. */
  readModelLogId: string | null;
  /** The log the server reads now. */
  logId: string;
  checkpoint: number;
  headPosition: number;
}

export const READ_MODEL_LOG_MISMATCH = 'READ_MODEL_LOG_MISMATCH';

/** The sentence users see (API 503, `/health`, logs, CLI): both ids and the remedy. */
export function logMismatchMessage(m: LogMismatch): string {
  const built = m.readModelLogId ? `log ${m.readModelLogId}` : 'a log it did not record (read model made before log ids)';
  const why: Record<LogMismatchReason, string> = {
    'other-log': '',
    'log-shorter': `; the log ends at position ${m.headPosition}, below the read model's checkpoint ${m.checkpoint}`,
    'event-differs': `; the log's event at the read model's checkpoint ${m.checkpoint} is not the one projected`,
    unrecorded: '',
  };
  return (
    `the read model was built from ${built}, not from the event log ${m.logId}${why[m.reason]}: ` +
    'its answers are withheld; run `ashiato rebuild`, or restart the server with ASHIATO_REBUILD_ON_MISMATCH=true'
  );
}

export class ReadModelLogMismatchError extends Error {
  readonly code = READ_MODEL_LOG_MISMATCH;
  constructor(readonly mismatch: LogMismatch) {
    super(logMismatchMessage(mismatch));
    this.name = 'ReadModelLogMismatchError';
  }
}

/** `adopted`: a read model made before log ids, recognised as this log's and stamped with its id. */
export type LogIdentityCheck = { ok: true; adopted: boolean } | { ok: false; mismatch: LogMismatch };

/** Tables whose rows carry the event id and log position of the event behind them. */
const EVENT_ROW_TABLES = ['flows', 'policies', 'breaches', 'breach_facts'] as const;

/**
 * Compares the read model's checkpoint with the log: same log id, the log reaches the checkpoint, and
 * the log's event at the checkpoint has the hash recorded with it. An empty read model belongs to any
 * log. A read model made before log ids (no id recorded) is adopted when its newest event row is the
 * log's event at that position (same event id) and the log reaches its checkpoint; the checkpoint is
 * then stamped with this log's id and hash, so later checks compare hashes.
 */
export async function checkLogIdentity(db: Kysely<ReadModelDatabase>, store: EventStore, projection: string): Promise<LogIdentityCheck> {
  const row = await db.selectFrom('checkpoints').select(['position', 'log_id', 'event_hash']).where('projection', '=', projection).executeTakeFirst();
  const checkpoint = row ? Number(row.position) : 0;
  if (checkpoint <= 0) return { ok: true, adopted: false };
  const { logId, headPosition } = await store.identity();
  const mismatch = (reason: LogMismatchReason): LogIdentityCheck => ({
    ok: false,
    mismatch: { reason, readModelLogId: row?.log_id ?? null, logId, checkpoint, headPosition },
  });
  if (row?.log_id && row.log_id !== logId) return mismatch('other-log');
  if (headPosition < checkpoint) return mismatch('log-shorter');
  const hash = await store.hashAt(checkpoint);
  if (row?.log_id) {
    if (row.event_hash && hash !== row.event_hash) return mismatch('event-differs');
    return { ok: true, adopted: false };
  }
  if (!(await newestEventIsInLog(db, store))) return mismatch('unrecorded');
  await db
    .updateTable('checkpoints')
    .set({ log_id: logId, event_hash: hash })
    .where('projection', '=', projection)
    .where('position', '=', checkpoint)
    .where('log_id', 'is', null)
    .execute();
  return { ok: true, adopted: true };
}

async function newestEventIsInLog(db: Kysely<ReadModelDatabase>, store: EventStore): Promise<boolean> {
  let newest: { position: number; eventId: string } | undefined;
  for (const table of EVENT_ROW_TABLES) {
    const r = await db.selectFrom(table).select(['position', 'event_id']).orderBy('position', 'desc').limit(1).executeTakeFirst();
    if (r && (!newest || Number(r.position) > newest.position)) newest = { position: Number(r.position), eventId: r.event_id };
  }
  if (!newest) return false;
  const [event] = await store.readAll({ fromPosition: newest.position - 1, limit: 1 });
  return event?.position === newest.position && event.eventId === newest.eventId;
}
