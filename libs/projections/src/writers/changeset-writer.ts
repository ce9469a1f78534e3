import type { CompiledQuery } from 'kysely';
import type { Changeset } from '../projectors/changeset';

/**
 * What a batch's transaction runs besides its rows, in this order: the rows, then `derived` (the
 * statements a projector derives from the rows, such as the breach impact), then `failBeforeCheckpoint`
 * (failure injection for tests), then the checkpoint's compare-and-set. All of it commits or none.
 */
export interface BatchWrite {
  projection: string;
  derived?: CompiledQuery[];
  failBeforeCheckpoint?: (position: number) => void;
}

/** Writes a batch's rows and its checkpoint in one transaction: sqlite-writer.ts, postgres-writer.ts. */
export interface ChangesetWriter {
  write(cs: Changeset, batch: BatchWrite): Promise<void>;
}
