import type { Kysely } from 'kysely';
import type { ReadModel } from '../db/connect';
import type { ReadModelDatabase } from '../db/read-model.types';
import type { ChangesetWriter } from './changeset-writer';
import { PostgresChangesetWriter } from './postgres-writer';
import { SqliteChangesetWriter } from './sqlite-writer';

/**
 * The writer for the read model's database. `db` is the Kysely handle the rows go through (with the
 * twins' table suffix during a rebuild); `suffix` and `closesTable` are the SQLite writer's (sqlite-writer.ts).
 */
export function openChangesetWriter(readModel: ReadModel, db: Kysely<ReadModelDatabase>, suffix = '', closesTable?: string): ChangesetWriter {
  return readModel.sqlite ? new SqliteChangesetWriter(readModel.sqlite, suffix, closesTable) : new PostgresChangesetWriter(db);
}
