import type { BatchContext, SubjectProjector, SubjectStep } from './projector';

/**
 * erasures: a controller's erasure fans out to the recipients that still hold the items (before the
 * state moves: who held them), and a recipient's own erasure closes its obligation (after it).
 */
export const erasuresProjector: SubjectProjector = {
  readModel: 'erasures',
  handles: ['DataErased'],
  before(ctx: BatchContext, { event: e, occurredAt, snap, holder }: SubjectStep): void {
    if (e.type === 'DataErased' && holder === e.controller) ctx.erasures.fanOut(e, occurredAt, snap.state, snap);
  },
  after(ctx: BatchContext, { event: e, occurredAt, snap }: SubjectStep): void {
    if (e.type === 'DataErased') ctx.erasures.acknowledge(e, occurredAt, snap);
  },
};
