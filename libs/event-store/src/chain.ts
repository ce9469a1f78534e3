import { createHash } from 'node:crypto';

/**
 * The hash chain of the log (libs/event-store/README.md, "Hash chain"). Each stored event's hash is
 *
 *   hash_n = hex(sha256(hash_{n-1} + canonical(event_n)))      hash_0 = GENESIS_HASH (64 zeros)
 *
 * where `+` joins the previous hash (64 lowercase hex characters) and the canonical text as one UTF-8
 * string, and `canonical(event)` is the JSON of
 *
 *   { data, eventId, metadata?, recordedAt, streamId, type, version }
 *
 * with the keys of every object sorted (UTF-16 code unit order, as Array.prototype.sort), no
 * whitespace, and values written as JSON.stringify writes them. `data` is the stored event (eventId,
 * type, occurredAt, subjectRef or other stream fields, payload); `metadata` is left out when absent.
 * The position is not part of the text: the chain's order is the log's order, so deleting, inserting
 * or reordering a row breaks the chain at the row after the change.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a stored event the chain covers. */
export interface ChainedFields {
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata?: unknown;
  recordedAt: string;
}

/** JSON with every object's keys sorted and no whitespace (JSON.stringify's rules otherwise). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortKeys);
}

function sortKeys(this: unknown, _key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

/** The canonical text of one stored event (what its hash covers besides the previous hash). */
export function canonicalEvent(event: ChainedFields): string {
  const fields: Record<string, unknown> = {
    data: event.data,
    eventId: event.eventId,
    recordedAt: event.recordedAt,
    streamId: event.streamId,
    type: event.type,
    version: event.version,
  };
  if (event.metadata !== undefined && event.metadata !== null) fields.metadata = event.metadata;
  return canonicalJson(fields);
}

/** hash_n from hash_{n-1} and event n. */
export function chainHash(previous: string, event: ChainedFields): string {
  return createHash('sha256').update(previous).update(canonicalEvent(event)).digest('hex');
}

/** The digest of one event alone (no chain): what adapters that cannot chain report as its hash. */
export function eventDigest(event: ChainedFields): string {
  return chainHash(GENESIS_HASH, event);
}

/** Same content for the idempotency check: an eventId stored again must carry the same event. */
export function sameContent(stored: { type: string; data: unknown }, incoming: { type: string; data: unknown }): boolean {
  return stored.type === incoming.type && canonicalJson(stored.data) === canonicalJson(incoming.data);
}

/**
 * The verification loop over any adapter's pages (position order): recomputes each hash from the
 * previous one and reports the first stored hash that differs.
 */
export async function verifyPages(
  readPage: (after: number, limit: number) => Promise<{ position: number; hash?: string; fields: ChainedFields | null }[]>,
  storedHashAt: (position: number) => Promise<string | null>,
  options: { fromPosition?: number; trustedHash?: string; onProgress?: (position: number) => void; pageSize?: number } = {},
): Promise<
  | { ok: true; checked: number; headPosition: number; headHash: string }
  | { ok: false; checked: number; brokenAt: number; reason: 'hash-mismatch' | 'checkpoint-missing' | 'checkpoint-mismatch' }
> {
  const from = Math.max(0, options.fromPosition ?? 0);
  let previous = GENESIS_HASH;
  if (from > 0) {
    const stored = await storedHashAt(from);
    if (stored === null) return { ok: false, checked: 0, brokenAt: from, reason: 'checkpoint-missing' };
    if (options.trustedHash !== undefined && stored !== options.trustedHash) return { ok: false, checked: 0, brokenAt: from, reason: 'checkpoint-mismatch' };
    previous = stored;
  }
  let at = from;
  let checked = 0;
  for (;;) {
    const rows = await readPage(at, options.pageSize ?? 5_000);
    if (!rows.length) break;
    for (const row of rows) {
      const expected = row.fields ? chainHash(previous, row.fields) : undefined;
      if (expected === undefined || row.hash !== expected) return { ok: false, checked, brokenAt: row.position, reason: 'hash-mismatch' };
      previous = expected;
      at = row.position;
      checked++;
    }
    options.onProgress?.(at);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { ok: true, checked, headPosition: at, headHash: previous };
}
