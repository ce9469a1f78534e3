import type { Env } from '@ashiato/config';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { brokenMessage, ChainBrokenError, RebuildCommand, type RebuildOptions, type RebuildOutcome, type RebuildProgress } from '@ashiato/application';
import type { RebuildPhase } from '@ashiato/projections';
import { withApplication } from '../application-context';
import { eventStoreConfigFromEnv, refuseMissingLog, stderr, stdout } from '../cli-env';

/** The rebuild use case on the log and read model the environment names; a log that is not there is refused before it is opened. */
async function rebuild(env: Env, options: RebuildOptions): Promise<RebuildOutcome> {
  const eventStore = eventStoreConfigFromEnv(env);
  refuseMissingLog(eventStore.eventStoreUrl, eventStore.dbPath);
  const settings = { futureSkewMs: env.ASHIATO_FUTURE_SKEW };
  const where = {
    eventStore,
    readModelUrl: env.READ_MODEL_URL,
    erasureDeadlineDays: env.ASHIATO_ERASURE_DEADLINE_DAYS,
    partitions: env.ASHIATO_PROJECTION_PARTITIONS,
  };
  try {
    return await withApplication(eventStore, ({ commands }) => commands.execute(new RebuildCommand(options)), settings, { log: false, rebuild: where });
  } catch (err) {
    // A read model rebuilt from a broken chain would serve the altered events as the record.
    if (err instanceof ChainBrokenError) throw Object.assign(new Error(`${err.message} (--force to rebuild anyway)`), { code: err.code });
    throw err;
  }
}

interface RebuildFlags {
  progress: boolean;
  json?: boolean;
  force?: boolean;
}

/** What the progress bar says each phase is doing. */
const PHASE_LABELS: Record<RebuildPhase, string> = {
  projecting: 'projecting events',
  closing: 'ending erased holdings',
  indexing: 'building indexes',
  breaches: 'filling breach impact',
  swapping: 'swapping in',
};

/** A bar on stderr, started on the first report; the chain's is shown only for a long log (over 50 000 positions). */
function progressBar(format: string, minTotal = 0) {
  const bar = new SingleBar({ stream: process.stderr, format, hideCursor: true });
  let started = false;
  return {
    update(done: number, total: number, payload: Record<string, string> = {}) {
      if (!started && total <= minTotal) return;
      if (!started) bar.start(total, 0, payload);
      started = true;
      bar.setTotal(total);
      bar.update(done, payload);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** `ashiato rebuild`: project the whole log into fresh read-model tables and swap them in. */
export function registerRebuildCommand(program: Command, env: Env): Command {
  return program
    .command('rebuild')
    .description('rebuild every read model from the event log into fresh tables and swap them in; a running server follows on from the rebuilt position')
    .option('--no-progress', 'no progress bar')
    .option('--force', "rebuild even when the log's hash chain is broken")
    .option('--json', 'print the result as JSON')
    .action(async (opts: RebuildFlags) => {
      const verifying = progressBar('verify chain [{bar}] {percentage}% | {value}/{total} positions', 50_000);
      const projecting = progressBar('rebuild [{bar}] {percentage}% | {value}/{total} events | {phase}');
      const t0 = Date.now();
      let result: RebuildOutcome;
      try {
        result = await rebuild(env, {
          force: opts.force,
          onChainChecked: (chain) => {
            verifying.stop();
            if (chain.state === 'broken') stderr(`warning: ${brokenMessage(chain.verification)}; rebuilding anyway (--force)`);
            if (chain.state === 'unchained') stderr('this event store keeps no hash chain: rebuilding without verifying it');
          },
          onVerify: opts.progress ? (position, head) => verifying.update(position, head) : undefined,
          onProgress: opts.progress ? ({ done, total, phase }: RebuildProgress) => projecting.update(done, total, { phase: PHASE_LABELS[phase] }) : undefined,
        });
      } finally {
        verifying.stop();
        projecting.stop();
      }
      const elapsedMs = Date.now() - t0;
      const replaced = result.replacedLog ? { readModelLogId: result.replacedLog.readModelLogId, logId: result.replacedLog.logId } : undefined;
      if (opts.json)
        return stdout(JSON.stringify({ events: result.events, position: result.position, elapsedMs, ...(replaced ? { replacedLog: replaced } : {}) }));
      if (replaced) {
        const was = replaced.readModelLogId ? `log ${replaced.readModelLogId}` : 'a log it did not record';
        stdout(`the read model had been built from ${was}, not from this event log ${replaced.logId}: rebuilt it from scratch from this log`);
      }
      stdout(`rebuilt read models from ${result.events} events up to position ${result.position} in ${(elapsedMs / 1000).toFixed(1)} s`);
    });
}
