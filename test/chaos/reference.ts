import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@ashiato/event-store';
import { rebuildProjections } from '@ashiato/projections';
import { dumpReadModel, type Dump } from './log-checks';

export interface Reference {
  dump: Dump;
  /** The first position whose hash does not follow from the chain, if any. */
  chainBrokenAt?: number;
  events: number;
}

/**
 * What the read model must be: the log rebuilt from position 0 into a read model of its own in
 * another directory (the same rebuild `ashiato rebuild` runs), after checking the log's hash chain.
 */
export async function referenceOf(logPath: string, dir: string): Promise<Reference> {
  mkdirSync(dir, { recursive: true });
  const store = new SqliteEventStore({ path: logPath });
  try {
    const chain = await store.verifyChain();
    const path = join(dir, 'reference-read.db');
    const { events } = await rebuildProjections(store, { url: `sqlite:${path}` });
    return { dump: dumpReadModel(path), chainBrokenAt: chain.ok ? undefined : chain.brokenAt, events };
  } finally {
    await store.close();
  }
}
