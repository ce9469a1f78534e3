import type { ChainVerification } from '@ashiato/event-store';

export type BrokenChain = Extract<ChainVerification, { ok: false }>;

/** Why a chain is broken, for people (`ashiato verify` and `ashiato rebuild` say it alike). */
export function brokenMessage(result: BrokenChain): string {
  switch (result.reason) {
    case 'checkpoint-missing':
      return `the log has no event at the trusted position ${result.brokenAt}: events were deleted`;
    case 'checkpoint-mismatch':
      return `the event at the trusted position ${result.brokenAt} no longer has the trusted hash: the log was changed at or before it`;
    default:
      return `the chain breaks at position ${result.brokenAt}: its stored hash does not follow from the events before it (an event was changed, removed or inserted at or just before this position)`;
  }
}

/** A rebuild refused because the log's hash chain is broken: the altered events would be served as the record. */
export class ChainBrokenError extends Error {
  readonly code = 'CHAIN_BROKEN';
  constructor(readonly verification: BrokenChain) {
    super(`${brokenMessage(verification)}; not rebuilding from it`);
    this.name = 'ChainBrokenError';
  }
}
