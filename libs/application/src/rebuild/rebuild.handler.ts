import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChainUnsupportedError, EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { chooseProjectionThread, rebuildInWorker, rebuildProjections, type RebuildResult } from '@ashiato/projections';
import { APPLICATION_SETTINGS, type ApplicationSettings } from '../settings';
import { ChainBrokenError } from './broken-chain';
import { REBUILD_SETTINGS, RebuildCommand, type ChainCheck, type RebuildOptions, type RebuildOutcome, type RebuildSettings } from './rebuild.command';

/**
 * Verifies the log's chain, then rebuilds where the API would project: in a worker thread, whose heap
 * is sized for projecting (PROJECTION_YOUNG_GENERATION_MB), unless the log or the read model lives in
 * this process's memory.
 */
@CommandHandler(RebuildCommand)
export class RebuildHandler implements ICommandHandler<RebuildCommand, RebuildOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REBUILD_SETTINGS) private readonly settings: RebuildSettings,
    @Inject(APPLICATION_SETTINGS) private readonly application: ApplicationSettings,
  ) {}

  async execute({ options }: RebuildCommand): Promise<RebuildOutcome> {
    const chain = await this.checkChain(options.onVerify);
    if (chain.state === 'broken' && !options.force) throw new ChainBrokenError(chain.verification);
    options.onChainChecked?.(chain);
    return { ...(await this.rebuild(options)), chain };
  }

  private async checkChain(onVerify: RebuildOptions['onVerify']): Promise<ChainCheck> {
    try {
      const head = onVerify ? await this.store.headPosition() : 0;
      const result = await this.store.verifyChain({ onProgress: onVerify && ((position) => onVerify(Math.min(position, head), head)) });
      return result.ok ? { state: 'intact' } : { state: 'broken', verification: result };
    } catch (err) {
      if (err instanceof ChainUnsupportedError) return { state: 'unchained' };
      throw err;
    }
  }

  private rebuild({ onProgress }: RebuildOptions): Promise<RebuildResult> {
    const { eventStore, readModelUrl, erasureDeadlineDays, partitions } = this.settings;
    const settings = { erasureDeadlineDays, partitions, futureSkewMs: this.application.futureSkewMs };
    if (chooseProjectionThread('auto', readModelUrl, eventStore) === 'worker') {
      return rebuildInWorker({ eventStore, readModelUrl, ...settings }, onProgress);
    }
    return rebuildProjections(this.store, { url: readModelUrl, onProgress, ...settings, eventStoreConfig: eventStore });
  }
}
