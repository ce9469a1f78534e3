import { existsSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { createEventStore, eventStoreConfigFromEnv } from '@ashiato/event-store';
import {
  chooseProjectionThread,
  DEFAULT_READ_MODEL_URL,
  erasureDeadlineFromEnv,
  rebuildInWorker,
  rebuildProjections,
  type RebuildPhase,
  type RebuildProgress,
  type RebuildResult,
} from '@ashiato/projections';
import { readModelUrlFromEnv, stdout } from '../cli-env';

/**
 * Rebuilds where the API would: in a worker thread, whose heap is sized for projecting
 * (PROJECTION_YOUNG_GENERATION_MB), unless the store or the read model lives in this process's memory.
 */
async function rebuild(onProgress: (p: RebuildProgress) => void): Promise<RebuildResult> {
  const eventStore = eventStoreConfigFromEnv();
  refuseMissingLog(eventStore.eventStoreUrl, eventStore.dbPath);
  const url = readModelUrlFromEnv() ?? DEFAULT_READ_MODEL_URL;
  if (chooseProjectionThread('auto', url, eventStore) === 'worker') {
    return rebuildInWorker({ eventStore, readModelUrl: url, erasureDeadlineDays: erasureDeadlineFromEnv() }, onProgress);
  }
  const store = createEventStore(eventStore);
  try {
    return await rebuildProjections(store, { url, onProgress });
  } finally {
    await store.close();
  }
}

/**
 * A rebuild from a SQLite file that is not there would create an empty log and swap an empty read model
 * in for the real one (a mistyped ASHIATO_DB): refused before anything is opened. The path is the
 * operator's own setting, not personal data.
 */
function refuseMissingLog(eventStoreUrl: string | undefined, dbPath: string | undefined): void {
  if (eventStoreUrl || !dbPath || dbPath === ':memory:' || dbPath.startsWith('file:') || existsSync(dbPath)) return;
  throw Object.assign(new Error(`no event log at ${dbPath}; set ASHIATO_DB to the SQLite file to rebuild from`), { code: 'EVENT_LOG_NOT_FOUND' });
}

/** What the progress bar says each phase is doing. */
const PHASE_LABELS: Record<RebuildPhase, string> = {
  projecting: 'projecting events',
  closing: 'ending erased holdings',
  indexing: 'building indexes',
  breaches: 'filling breach impact',
  swapping: 'swapping in',
};

/** `ashiato rebuild`: project the whole log into fresh read-model tables and swap them in. */
export function registerRebuildCommand(program: Command): Command {
  return program
    .command('rebuild')
    .description('rebuild every read model from the event log into fresh tables and swap them in; a running server follows on from the rebuilt position')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: { progress: boolean }) => {
      const bar = new SingleBar({ stream: process.stderr, format: 'rebuild [{bar}] {percentage}% | {value}/{total} events | {phase}', hideCursor: true });
      let started = false;
      const t0 = Date.now();
      try {
        const result = await rebuild(({ done, total, phase }) => {
          if (!opts.progress) return;
          if (!started) bar.start(total, 0, { phase: PHASE_LABELS[phase] });
          started = true;
          bar.setTotal(total);
          bar.update(done, { phase: PHASE_LABELS[phase] });
        });
        if (started) bar.stop();
        stdout(`rebuilt read models from ${result.events} events up to position ${result.position} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } finally {
        if (started) bar.stop();
      }
    });
}
