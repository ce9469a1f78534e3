import type { Kysely } from 'kysely';
import type { EventStore } from '@ashiato/event-store';
import { accessLogProjector } from '../projectors/access-log.projector';
import type { AccessLogTable, DpoDatabase } from './dpo-tables';

export const AUDIT_STREAM = 'audit';

export async function migrateAccessLog(db: Kysely<DpoDatabase>): Promise<void> {
  await db.schema
    .createTable('access_log')
    .ifNotExists()
    .addColumn('stream_version', 'integer', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_access_log_target').ifNotExists().on('access_log').columns(['target', 'occurred_at']).execute();
  await db.schema.createIndex('ix_access_log_occurred_at').ifNotExists().on('access_log').columns(['occurred_at']).execute();
}

/**
 * Projects the `audit` stream into `access_log`: reads only the versions above the highest one it
 * holds and inserts them in one transaction, so a repeated or concurrent catch-up adds nothing twice.
 */
export class AccessLogProjection {
  private ready?: Promise<void>;

  constructor(
    private readonly db: Kysely<DpoDatabase>,
    private readonly store: EventStore,
  ) {}

  async catchUp(): Promise<number> {
    this.ready ??= migrateAccessLog(this.db);
    await this.ready;
    const row = await this.db
      .selectFrom('access_log')
      .select((eb) => eb.fn.max('stream_version').as('v'))
      .executeTakeFirst();
    let next = row?.v === null || row?.v === undefined ? 0 : Number(row.v) + 1;
    for (;;) {
      const events = await this.store.readStream(AUDIT_STREAM, { fromVersion: next, limit: 1000 });
      if (!events.length) return next;
      const rows: AccessLogTable[] = events.map((e) => accessLogProjector.row(e));
      await this.db.transaction().execute((trx) =>
        trx
          .insertInto('access_log')
          .values(rows)
          .onConflict((oc) => oc.doNothing())
          .execute(),
      );
      next = events[events.length - 1].version + 1;
    }
  }

  async list(filter: {
    target?: string;
    actor?: string;
    from?: string;
    to?: string;
    limit: number;
    offset: number;
  }): Promise<{ total: number; entries: AccessLogTable[] }> {
    await this.catchUp();
    let q = this.db.selectFrom('access_log');
    if (filter.target) q = q.where('target', '=', filter.target);
    if (filter.actor) q = q.where('actor', '=', filter.actor);
    if (filter.from) q = q.where('occurred_at', '>=', new Date(filter.from).toISOString());
    if (filter.to) q = q.where('occurred_at', '<=', new Date(filter.to).toISOString());
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const entries = await q.selectAll().orderBy('stream_version', 'desc').limit(filter.limit).offset(filter.offset).execute();
    return { total: Number(total?.n ?? 0), entries };
  }
}
