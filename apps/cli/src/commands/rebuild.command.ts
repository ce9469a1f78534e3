import type { Env } from '@ashiato/config';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { ChainUnsupportedError, createEventStore } from '@ashiato/event-store';
import { chooseProjectionThread, rebuildInWorker, rebuildProjections, type RebuildPhase, type RebuildProgress, type RebuildResult } from '@ashiato/projections';
import { eventStoreConfigFromEnv, refuseMissingLog, stderr, stdout } from '../cli-env';
import { brokenMessage, verifyWithProgress } from './verify.command';

/**
 * Rebuilds where the API would: in a worker thread, whose heap is sized for projecting
 * (PROJECTION_YOUNG_GENERATION_MB), unless the store or the read model lives in this process's memory.
 */
async function rebuild(env: Env, onProgress: (p: RebuildProgress) => void, opts: RebuildOptions): Promise<RebuildResult> {
  const eventStore = eventStoreConfigFromEnv(env);
  refuseMissingLog(eventStore.eventStoreUrl, eventStore.dbPath);
  await refuseBrokenChain(env, opts);
  const url = env.READ_MODEL_URL;
  const settings = {
    erasureDeadlineDays: env.ASHIATO_ERASURE_DEADLINE_DAYS,
    futureSkewMs: env.ASHIATO_FUTURE_SKEW,
    partitions: env.ASHIATO_PROJECTION_PARTITIONS,
  };
  if (chooseProjectionThread('auto', url, eventStore) === 'worker') {
    return rebuildInWorker({ eventStore, readModelUrl: url, ...settings }, onProgress);
  }
  const store = createEventStore(eventStore);
  try {
    return await rebuildProjections(store, { url, onProgress, ...settings, eventStoreConfig: eventStore });
  } finally {
    await store.close();
  }
}

interface RebuildOptions {
  progress: boolean;
  json?: boolean;
  force?: boolean;
}

/**
 * A read model rebuilt from a log whose chain is broken would serve the altered events as the record:
 * refused, naming the first broken position, unless `--force` (then it is said on stderr).
 */
async function refuseBrokenChain(env: Env, opts: RebuildOptions): Promise<void> {
  const store = createEventStore(eventStoreConfigFromEnv(env));
  try {
    const result = await verifyWithProgress(store, { progress: opts.progress, label: 'verify chain' });
    if (result.ok) return;
    if (!opts.force) throw Object.assign(new Error(`${brokenMessage(result)}; not rebuilding from it (--force to rebuild anyway)`), { code: 'CHAIN_BROKEN' });
    stderr(`warning: ${brokenMessage(result)}; rebuilding anyway (--force)`);
  } catch (err) {
    if (!(err instanceof ChainUnsupportedError)) throw err;
    stderr('this event store keeps no hash chain: rebuilding without verifying it');
  } finally {
    await store.close();
  }
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
export function registerRebuildCommand(program: Command, env: Env): Command {
  return program
    .command('rebuild')
    .description('rebuild every read model from the event log into fresh tables and swap them in; a running server follows on from the rebuilt position')
    .option('--no-progress', 'no progress bar')
    .option('--force', "rebuild even when the log's hash chain is broken")
    .option('--json', 'print the result as JSON')
    .action(async (opts: RebuildOptions) => {
      const bar = new SingleBar({ stream: process.stderr, format: 'rebuild [{bar}] {percentage}% | {value}/{total} events | {phase}', hideCursor: true });
      let started = false;
      const t0 = Date.now();
      try {
        const result = await rebuild(
          env,
          ({ done, total, phase }) => {
            if (!opts.progress) return;
            if (!started) bar.start(total, 0, { phase: PHASE_LABELS[phase] });
            started = true;
            bar.setTotal(total);
            bar.update(done, { phase: PHASE_LABELS[phase] });
          },
          opts,
        );
        if (started) bar.stop();
        const elapsedMs = Date.now() - t0;
        const replaced = result.replacedLog ? { readModelLogId: result.replacedLog.readModelLogId, logId: result.replacedLog.logId } : undefined;
        if (opts.json) stdout(JSON.stringify({ events: result.events, position: result.position, elapsedMs, ...(replaced ? { replacedLog: replaced } : {}) }));
        else {
          if (replaced) {
            const was = replaced.readModelLogId ? `log ${replaced.readModelLogId}` : 'a log it did not record';
            stdout(`the read model had been built from ${was}, not from this event log ${replaced.logId}: rebuilt it from scratch from this log`);
          }
          stdout(`rebuilt read models from ${result.events} events up to position ${result.position} in ${(elapsedMs / 1000).toFixed(1)} s`);
        }
      } finally {
        if (started) bar.stop();
      }
    });
}
