/** A page of answers; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit?: number;
  cursor?: string | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1_000;

export function pageLimit(req: PageRequest): number {
  const n = Math.floor(req.limit ?? DEFAULT_LIMIT);
  return Math.min(Math.max(Number.isFinite(n) ? n : DEFAULT_LIMIT, 1), MAX_LIMIT);
}

/** Cursors are opaque to clients: base64url of the key the next page starts after. */
export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends string | number>(cursor: string | null | undefined, kind: 'string' | 'number'): T | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (typeof value === kind) return value as T;
  } catch {
    // fall through to the error below
  }
  throw Object.assign(new Error('invalid pagination cursor'), { code: 'INVALID_CURSOR' });
}

/** Fetch `limit + 1` rows; this trims the extra one and derives the next cursor from the last kept row. */
export function toPage<R, T>(rows: R[], limit: number, map: (r: R) => T, key: (r: R) => string | number): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), nextCursor: more ? encodeCursor(key(kept[kept.length - 1])) : null };
}

/** Offset pagination for lists without a unique sort key. */
export function offsetOf(req: PageRequest): number {
  return decodeCursor<number>(req.cursor, 'number') ?? 0;
}

export function toOffsetPage<R, T>(rows: R[], limit: number, offset: number, map: (r: R) => T): Page<T> {
  const more = rows.length > limit;
  return { items: (more ? rows.slice(0, limit) : rows).map(map), nextCursor: more ? encodeCursor(offset + limit) : null };
}

export function parseJson<T>(text: string | null): T | undefined {
  return text === null ? undefined : (JSON.parse(text) as T);
}

export function utc(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw Object.assign(new Error('invalid instant'), { code: 'INVALID_INSTANT' });
  return new Date(ms).toISOString();
}
