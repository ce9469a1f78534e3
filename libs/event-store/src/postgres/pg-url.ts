/** What a `postgres://…[?schema=name]` EVENTSTORE_URL names. */
export interface PgLocation {
  /** The URL without `schema`, for pg. */
  connectionString: string;
  /** The schema holding the log's tables (`public` when not given). */
  schema: string;
}

export class EventStoreUrlError extends Error {
  readonly code = 'EVENT_STORE_BAD_URL';
  constructor(reason: string) {
    // Never quotes the URL: it may carry a password.
    super(`EVENTSTORE_URL: ${reason}`);
    this.name = 'EventStoreUrlError';
  }
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function parsePgUrl(url: string): PgLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EventStoreUrlError('not a valid postgres:// URL');
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(schema)) throw new EventStoreUrlError('schema must be a plain identifier of at most 40 characters');
  return { connectionString: parsed.toString(), schema };
}
