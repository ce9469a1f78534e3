import { EventSourceParserStream } from 'eventsource-parser/stream';
import { apiKey, projectedPosition } from './api';

/** Polling is the fallback only, while the event stream is down. */
const POLL_MS = 4000;
const RECONNECT_MS = 10_000;

/** The stream's state: the last projected position seen, or offline. */
export type LiveStatus = { ok: true; position: number } | { ok: false };

interface LiveOptions {
  onChange: () => Promise<boolean>;
  onStatus: (status: LiveStatus) => void;
}

/**
 * Follows the read model's projected position pushed by Server-Sent Events (`/v1/stats/live`); when
 * it moves, the current view re-reads its data. If the stream drops, it polls /health until the
 * stream is back. EventSource cannot send the API key, so the stream is read with fetch.
 */
export async function startLiveUpdates(opts: LiveOptions): Promise<() => void> {
  let last = -1;
  let busy = false;
  let stopped = false;
  let poller: number | undefined;
  let controller: AbortController | undefined;

  const seen = async (position: number) => {
    opts.onStatus({ ok: true, position });
    if (busy) return;
    busy = true;
    try {
      // A change the page could not apply yet (its view still loading) is retried on the next event.
      if (last < 0 || position === last || (await opts.onChange())) last = position;
    } finally {
      busy = false;
    }
  };
  const poll = async () => {
    if (document.hidden) return;
    try {
      await seen(await projectedPosition());
    } catch {
      opts.onStatus({ ok: false });
    }
  };
  const startPolling = () => {
    if (poller === undefined && !stopped) poller = window.setInterval(() => void poll(), POLL_MS);
  };
  const stopPolling = () => {
    if (poller !== undefined) window.clearInterval(poller);
    poller = undefined;
  };

  const follow = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const res = await fetch('/v1/stats/live', { headers: { accept: 'text/event-stream', authorization: `Bearer ${apiKey()}` }, signal: controller.signal });
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        const events = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
        const reader = events.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (value.event !== 'position') continue;
          stopPolling();
          await seen((JSON.parse(value.data) as { projectedPosition: number }).projectedPosition);
        }
      } catch {
        if (stopped) return;
      }
      startPolling();
      await new Promise((r) => setTimeout(r, RECONNECT_MS));
    }
  };

  // The baseline is read before the first view reads its data (the caller awaits this): an event
  // projected while that view is loading then still counts as a change and triggers a refresh.
  await poll();
  void follow();
  return () => {
    stopped = true;
    stopPolling();
    controller?.abort();
  };
}
