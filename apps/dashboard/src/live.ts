import { projectedPosition } from './api';
import { fmtNumber, t } from './i18n';

const INTERVAL_MS = 4000;

/**
 * Polls the read model's projected position (public /health); when it moves, the current view
 * re-reads its data, so newly ingested events appear without a reload.
 */
export async function startLiveUpdates(opts: { onChange: () => Promise<boolean>; onStatus: (text: string, ok: boolean) => void }): Promise<() => void> {
  let last = -1;
  let busy = false;
  const tick = async () => {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const position = await projectedPosition();
      opts.onStatus(`● ${t('live')} · ${t('livePosition', { n: fmtNumber(position) })}`, true);
      // A change the page could not apply yet (its view still loading) is retried on the next tick.
      if (last < 0 || position === last || (await opts.onChange())) last = position;
    } catch {
      opts.onStatus(`○ ${t('offline')}`, false);
    } finally {
      busy = false;
    }
  };
  // The baseline is read before the first view reads its data (the caller awaits this): an event
  // projected while that view is loading then still counts as a change and triggers a refresh.
  await tick();
  const timer = window.setInterval(() => void tick(), INTERVAL_MS);
  return () => window.clearInterval(timer);
}
