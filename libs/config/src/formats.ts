/** Value formats shared by the schema and the code that checks programmatic overrides of the same settings. */

const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `10mb`, `512kb`, `2048` → bytes; undefined when unreadable. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * BYTE_UNITS[(m[2] ?? 'b').toLowerCase()]);
  return bytes > 0 ? bytes : undefined;
}

/** `30s`, `2m`, `1500ms` → milliseconds (the form of ASHIATO_NATS_ACK_WAIT). */
export function parseShortDurationMs(text: string): number | undefined {
  const m = /^\s*(\d+)\s*(ms|s|m)\s*$/i.exec(text);
  return m ? Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2].toLowerCase() as 'ms' | 's' | 'm'] : undefined;
}

/** `nats://host:4222`, `tls://…`, `ws(s)://…` or `host:port`, comma-separated for a cluster. */
export function isNatsUrlList(url: string): boolean {
  return url.split(',').every((u) => /^(nats|tls|wss?):\/\/[^\s/]+\/?$|^[^\s:/]+:\d+$/.test(u.trim()));
}

/** An http(s) URL without query or fragment (and without the trailing slash, which callers strip). */
export const PUBLIC_URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;

export const EVENT_STORE_URL = /^(esdb|esdb\+discover|kurrentdb|kdb|postgres|postgresql):\/\//;

/** A JetStream stream or consumer name. */
export const STREAM_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** A NATS subject without wildcards. */
export const SUBJECT = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
