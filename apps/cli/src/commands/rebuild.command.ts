import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { rebuildProjections } from '@ashiato/projections';
import { openStoreFromEnv, readModelUrlFromEnv, stdout } from '../cli-env';

/** `ashiato rebuild`: project the whole log into fresh read-model tables and swap them in. */
export function registerRebuildCommand(program: Command): Command {
  return program
    .command('rebuild')
    .description('rebuild every read model from the event log into fresh tables and swap them in; a running server follows on from the rebuilt position')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: { progress: boolean }) => {
      const store = openStoreFromEnv();
      const bar = new SingleBar({ stream: process.stderr, format: 'rebuild [{bar}] {percentage}% | {value}/{total} events', hideCursor: true });
      let started = false;
      const t0 = Date.now();
      try {
        const result = await rebuildProjections(store, {
          url: readModelUrlFromEnv(),
          onProgress: ({ done, total }) => {
            if (!opts.progress) return;
            if (!started) bar.start(total, 0);
            started = true;
            bar.setTotal(total);
            bar.update(done);
          },
        });
        if (started) bar.stop();
        stdout(`rebuilt read models from ${result.events} events up to position ${result.position} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } finally {
        if (started) bar.stop();
        await store.close();
      }
    });
}
