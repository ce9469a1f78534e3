/**
 * A small HTTP client for the DPO and breach commands: they talk to a running Ashiato API so that
 * every read is authorised and audited under the caller's key, exactly as over HTTP.
 * ASHIATO_URL (default http://127.0.0.1:3000) and ASHIATO_KEY (or ASHIATO_ADMIN_KEY) configure it.
 */
export interface ApiClientOptions {
  url?: string;
  key?: string;
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

export class AshiatoApiClient {
  private readonly base: string;
  private readonly key?: string;

  constructor(opts: ApiClientOptions = {}) {
    this.base = (opts.url ?? process.env.ASHIATO_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
    this.key = opts.key ?? process.env.ASHIATO_KEY ?? process.env.ASHIATO_ADMIN_KEY;
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; text: string; contentType: string }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.key) headers.authorization = `Bearer ${this.key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) {
      let code = 'HTTP_ERROR';
      let message = `${method} ${path.split('?')[0]} answered ${res.status}`;
      try {
        const parsed = JSON.parse(text) as { code?: string; message?: string };
        code = parsed.code ?? code;
        message = parsed.message ? `${message}: ${parsed.message}` : message;
      } catch {
        // not JSON: keep the generic message
      }
      throw new ApiCallError(res.status, code, message);
    }
    return { status: res.status, text, contentType: res.headers.get('content-type') ?? '' };
  }

  async json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    return JSON.parse((await this.request(method, path, body)).text) as T;
  }
}

export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
