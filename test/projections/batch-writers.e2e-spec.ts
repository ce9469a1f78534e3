import { sql } from 'kysely';
import { migrateReadModel, type ReadModel } from '@ashiato/projections';
import { emptyChangeset, type Changeset } from '@ashiato/projections/projectors/changeset';
import { openChangesetWriter } from '@ashiato/projections/writers/open-writer';
import { availableBackends } from './read-model-backends';

/** A batch that opens one holding and moves the checkpoint from 0 to 1. */
function oneHolding(): Changeset {
  const cs = emptyChangeset(0, null);
  cs.holdings.push({
    subject_ref: 'hmac:s1',
    controller: 'shop',
    holder: 'shop',
    item: 'email',
    from_at: '2024-01-01T00:00:00.000Z',
    to_at: null,
    ended_event_id: null,
    source: '{"kind":"subject"}',
    provider: null,
    position: 1,
  });
  cs.checkpoint = { position: 1, watermark: '2024-01-01T00:00:00.000Z' };
  return cs;
}

/**
 * Statements derived from a batch's rows (the breach impact) run in the batch's transaction, after
 * its rows and before its checkpoint, on both databases: they see the rows, and commit or roll back with them.
 */
describe.each(availableBackends())('derived statements of a batch on $name', (backend) => {
  let rm: ReadModel;

  beforeEach(async () => {
    rm = await backend.open();
    await migrateReadModel(rm);
  });
  afterEach(() => backend.dispose(rm));

  const checkpoint = async () => (await rm.db.selectFrom('checkpoints').select('position').where('projection', '=', 'read-model').executeTakeFirst())?.position;
  const probe = () => sql`insert into breach_counts (breach_id, dim, key, subjects) select 'probe', 'rows', 'holdings', count(*) from holdings`.compile(rm.db);

  it("see the batch's rows, and commit with its checkpoint", async () => {
    const positions: number[] = [];
    await openChangesetWriter(rm, rm.db).write(oneHolding(), {
      projection: 'read-model',
      derived: [probe()],
      failBeforeCheckpoint: (position) => positions.push(position),
    });
    const counted = await rm.db.selectFrom('breach_counts').select('subjects').where('breach_id', '=', 'probe').executeTakeFirst();
    expect(Number(counted?.subjects)).toBe(1);
    expect(Number(await checkpoint())).toBe(1);
    expect(positions).toEqual([1]);
  });

  it("roll the batch's rows and checkpoint back when one fails", async () => {
    // The second insert repeats the first one's key.
    const write = openChangesetWriter(rm, rm.db).write(oneHolding(), { projection: 'read-model', derived: [probe(), probe()] });
    await expect(write).rejects.toMatchObject({ message: expect.stringMatching(/UNIQUE constraint|duplicate key/) });
    expect(await rm.db.selectFrom('holdings').selectAll().execute()).toEqual([]);
    expect(await rm.db.selectFrom('breach_counts').selectAll().execute()).toEqual([]);
    expect(await checkpoint()).toBeUndefined();
  });

  it('run before the failure hook: a failure injected before the checkpoint undoes them too', async () => {
    const write = openChangesetWriter(rm, rm.db).write(oneHolding(), {
      projection: 'read-model',
      derived: [probe()],
      failBeforeCheckpoint: () => {
        throw new Error('injected');
      },
    });
    await expect(write).rejects.toMatchObject({ message: 'injected' });
    expect(await rm.db.selectFrom('breach_counts').selectAll().execute()).toEqual([]);
    expect(await checkpoint()).toBeUndefined();
  });
});
