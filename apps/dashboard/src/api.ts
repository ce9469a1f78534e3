/**
 * The API client. The key lives in sessionStorage (this tab only) and travels as a bearer token.
 * Identifiers (e-mail, phone) are only ever sent in a POST body, never put in a URL or stored.
 */
const KEY_STORAGE = 'ashiato.apiKey';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
  /** 404 on a route (not on a resource): the API does not offer this yet. */
  get missingRoute(): boolean {
    // the API answers an unknown route with this generic message; a missing resource names itself
    return this.status === 404 && this.message === 'no such resource';
  }
}

export function apiKey(): string {
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

export function setApiKey(key: string): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

/** Demo mode hands a browser on the same machine its non-admin keys; the dashboard takes the dpo key. Outside demo mode (404) or from another machine (403) the user types a key. */
export async function adoptDemoKey(): Promise<boolean> {
  if (apiKey()) return false;
  try {
    const res = await fetch('/v1/demo/keys');
    if (!res.ok) return false;
    const keys = (await res.json()) as Record<string, string>;
    const key = keys.dpo;
    if (!key) return false;
    setApiKey(key);
    return true;
  } catch {
    return false;
  }
}

type Query = Record<string, string | number | undefined | null>;

function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request(method: string, path: string, query: Query = {}, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  const key = apiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url(path, query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) {
    let code = `HTTP_${res.status}`;
    let message = res.statusText;
    try {
      const err = (await res.json()) as { code?: string; message?: string };
      code = err.code ?? code;
      message = err.message ?? message;
    } catch {
      // a non-JSON error body keeps the HTTP status as its code
    }
    throw new ApiError(res.status, code, path, message);
  }
  return res;
}

export async function getJson<T>(path: string, query: Query = {}): Promise<T> {
  return (await (await request('GET', path, query)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown, query: Query = {}): Promise<T> {
  return (await (await request('POST', path, query, body)).json()) as T;
}

/** A document (report HTML, CSV) fetched with the key, for `openBlob`. */
export async function getBlob(path: string, query: Query = {}, body?: unknown): Promise<Blob> {
  return (await request(body === undefined ? 'GET' : 'POST', path, query, body)).blob();
}

/** Public: how far the read model has projected (the live-update signal). */
export async function projectedPosition(): Promise<number> {
  const res = await fetch('/health');
  const health = (await res.json()) as { info?: { readModel?: { projectedPosition?: number } }; details?: { readModel?: { projectedPosition?: number } } };
  return health.details?.readModel?.projectedPosition ?? health.info?.readModel?.projectedPosition ?? -1;
}
