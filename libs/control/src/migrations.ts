import type { Kysely, Migration } from 'kysely';

/**
 * The control database's migrations, applied in name order and recorded in `control_migration`. Never
 * edit one that has shipped: add the next (`0002_…`). Keys that older versions kept in the read model
 * (table `api_keys`) are not carried over — create them again with `ashiato keys create`.
 */
export const CONTROL_MIGRATIONS: Record<string, Migration> = {
  '0001_api_key_digests': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('api_key_digests')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('role', 'varchar(20)', (c) => c.notNull())
        .addColumn('key_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('label', 'varchar(200)')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('revoked_at', 'varchar(40)')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('api_key_digests').execute();
    },
  },
};
