import { Command } from '@nestjs/cqrs';
import type { EventStoreConfig } from '@ashiato/event-store';
import type { RebuildProgress, RebuildResult } from '@ashiato/projections';
import type { BrokenChain } from './broken-chain';

export type { RebuildProgress };

/** Where the read model is rebuilt, bound by the process that registers the use case (the CLI, from its environment). */
export interface RebuildSettings {
  /** The log's configuration: a worker thread (or a partition's) opens the log itself. */
  eventStore: EventStoreConfig;
  /** READ_MODEL_URL. */
  readModelUrl: string;
  /** ASHIATO_ERASURE_DEADLINE_DAYS. */
  erasureDeadlineDays: number;
  /** ASHIATO_PROJECTION_PARTITIONS. */
  partitions: number;
}

export const REBUILD_SETTINGS = Symbol('REBUILD_SETTINGS');

export interface RebuildOptions {
  /** Rebuild even from a log whose hash chain is broken (the outcome then names the break). */
  force?: boolean;
  /** While the chain is verified: the position reached and the head it goes to. */
  onVerify?: (position: number, head: number) => void;
  /** Once the chain is checked, before the rebuild starts (a forced rebuild of a broken chain says so here). */
  onChainChecked?: (chain: ChainCheck) => void;
  /** While the read model is rebuilt: the phase, events done and total. */
  onProgress?: (progress: RebuildProgress) => void;
}

/** What the chain check before the rebuild found: intact, broken (and rebuilt anyway, forced), or no chain kept by this store. */
export type ChainCheck = { state: 'intact' } | { state: 'broken'; verification: BrokenChain } | { state: 'unchained' };

export interface RebuildOutcome extends RebuildResult {
  chain: ChainCheck;
}

/**
 * Rebuild every read model from the whole log into fresh tables and swap them in; a running server
 * follows on from the rebuilt position. Refused (ChainBrokenError) when the log's hash chain is broken, unless forced.
 */
export class RebuildCommand extends Command<RebuildOutcome> {
  constructor(readonly options: RebuildOptions = {}) {
    super();
  }
}
