import type { Env } from '@ashiato/config';
/**
 * A small HTTP client for the DPO and breach commands: they talk to a running Ashiato API so that
 * every read is authorised and audited under the caller's key, exactly as over HTTP.
 * `--url`, else ASHIATO_URL, else http://127.0.0.1:$PORT (PORT defaults to 3000, as for `serve`);
 * `--key`, else ASHIATO_KEY, else ASHIATO_ADMIN_KEY.
 */
export interface ApiClientOptions {
  url?: string;
  key?: string;
}

interface FieldProblem {
  index?: number;
  path?: string;
  message?: string;
}

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** Why a connection failed, in words (Node's fetch puts the system error code in `cause`). */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'the connection closed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  ERR_SSL_WRONG_VERSION_NUMBER: 'it does not speak TLS (try http://)',
};

export function unreachableReason(cause: unknown): string {
  const inner = (cause as { cause?: { code?: string; message?: string } })?.cause;
  const code = inner?.code ?? (cause as { code?: string })?.code;
  if (code) return REASONS[code] ?? code;
  const message = inner?.message ?? (cause as Error)?.message ?? 'no answer';
  return message === 'bad port' ? 'a port HTTP clients refuse to connect to' : message;
}

/** The API could not be reached at all: the message names the URL tried and how to point elsewhere. */
export class ApiUnreachableError extends Error {
  readonly code = 'API_UNREACHABLE';
  constructor(url: string, cause: unknown) {
    super(`cannot reach the Ashiato API at ${url}: ${unreachableReason(cause)} — is the server running (\`ashiato serve\`)? set --url or ASHIATO_URL`);
    this.name = 'ApiUnreachableError';
  }
}

/** `VALIDATION_FAILED …` followed by one line per field the API named (event index and JSON path). */
function describeFailure(prefix: string, body: { message?: string; errors?: FieldProblem[] }): string {
  const lines = [body.message ? `${prefix}: ${body.message}` : prefix];
  for (const e of (body.errors ?? []).slice(0, 50))
    lines.push(`  ${e.index !== undefined ? `event ${e.index} ` : ''}${e.path ?? '$'}: ${e.message ?? 'invalid'}`);
  if ((body.errors?.length ?? 0) > 50) lines.push(`  … ${body.errors!.length - 50} more`);
  return lines.join('\n');
}

export class AshiatoApiClient {
  private readonly base: string;
  private readonly key?: string;

  constructor(opts: ApiClientOptions, env: Pick<Env, 'ASHIATO_URL' | 'PORT' | 'ASHIATO_KEY' | 'ASHIATO_ADMIN_KEY'>) {
    const from = opts.url ? '--url' : env.ASHIATO_URL ? 'ASHIATO_URL' : 'PORT';
    this.base = (opts.url || env.ASHIATO_URL || `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, '');
    let protocol = '';
    try {
      protocol = new URL(this.base).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw Object.assign(new Error(`${from} gives ${JSON.stringify(this.base.slice(0, 200))}, which is not an http:// or https:// URL of the Ashiato API`), {
        code: 'API_URL_INVALID',
      });
    }
    this.key = opts.key ?? env.ASHIATO_KEY ?? env.ASHIATO_ADMIN_KEY;
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; text: string; contentType: string }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.key) headers.authorization = `Bearer ${this.key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new ApiUnreachableError(this.base, err);
    }
    const text = await res.text();
    if (!res.ok) {
      let code = 'HTTP_ERROR';
      let message = `${method} ${this.base}${path.split('?')[0]} answered ${res.status}`;
      try {
        const parsed = JSON.parse(text) as { code?: string; message?: string; errors?: FieldProblem[] };
        code = parsed.code ?? code;
        message = describeFailure(message, parsed);
      } catch {
        // not JSON: keep the generic message
      }
      throw new ApiCallError(res.status, code, message);
    }
    return { status: res.status, text, contentType: res.headers.get('content-type') ?? '' };
  }

  async json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    try {
      return JSON.parse(res.text) as T;
    } catch {
      throw Object.assign(
        new Error(
          `${method} ${this.base}${path.split('?')[0]} answered ${res.status} with ${res.contentType || 'no content type'}, not JSON: is ${this.base} the Ashiato API? set --url or ASHIATO_URL`,
        ),
        { code: 'API_ANSWER_NOT_JSON' },
      );
    }
  }
}

export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
