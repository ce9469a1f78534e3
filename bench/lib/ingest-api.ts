import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../apps/api/src/create-app';

/**
 * The API in this process on a random loopback port, keys off, bodies up to 64 MB: how the HTTP
 * ingest benchmarks run it (its live projection follows the log as in production).
 */
export async function startInProcessApi(dbPath: string, readModelPath: string): Promise<{ app: NestExpressApplication; url: string }> {
  process.env.ASHIATO_AUTH = 'off';
  const app = await createApp({
    port: 0,
    dbPath,
    readModelUrl: `sqlite:${readModelPath}`,
    hmacKey: 'bench-hmac-key-without-meaning-1f8e4a7c',
    logLevel: 'silent',
    maxBody: '64mb',
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, url: `http://127.0.0.1:${port}` };
}

/** POST /v1/events with one NDJSON body; anything but 202 throws with the API's code and message. */
export async function postEvents(url: string, lines: string[]): Promise<{ accepted: number; lastPosition: number }> {
  const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines.join('\n') });
  const body = (await res.json()) as { accepted?: number; lastPosition?: number; code?: string; message?: string };
  if (res.status !== 202) throw new Error(`POST /v1/events answered ${res.status} ${body.code ?? ''}: ${body.message ?? ''}`);
  return { accepted: body.accepted ?? 0, lastPosition: body.lastPosition ?? 0 };
}
