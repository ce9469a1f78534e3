import type { AccessRecorded } from '@ashiato/domain';
import type { StoredEvent } from '@ashiato/event-store';
import type { AccessLogTable } from '../dpo/dpo-tables';

/**
 * access_log: who read whose lineage, from the `audit` stream (AccessRecorded) rather than the log's
 * global order; dpo/access-log.projection.ts catches it up on read, by stream version.
 */
export const accessLogProjector = {
  readModel: 'access_log',
  handles: ['AccessRecorded'] as const,
  row(stored: Pick<StoredEvent, 'version' | 'data'>): AccessLogTable {
    const e = stored.data as unknown as AccessRecorded;
    return {
      stream_version: stored.version,
      event_id: e.eventId,
      occurred_at: new Date(e.occurredAt).toISOString(),
      actor: e.actor,
      action: e.action,
      target: e.target,
    };
  },
};
