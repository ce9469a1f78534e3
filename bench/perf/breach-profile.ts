import type { PolicyDocument } from '@ashiato/domain';
import { openReadModel, ProjectionQueries } from '@ashiato/projections';
import { loadSeedPolicies } from '../../apps/cli/src/demo/load-seed-policies';
import { BENCH_UNTIL } from '../lib/workload';

/**
 * Times the count of a breach's affected subjects from the holdings on a kept read model (rebuild-profile.ts --keep):
 *   breach-profile.ts <read-model.db>
 * For each seed controller: every item it declares, over five years, as the bench breach does.
 */
const systemClock = { now: () => new Date() };

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const out = await fn();
  return [out, Number(process.hrtime.bigint() - t0) / 1e6];
}

async function main(path: string): Promise<void> {
  const readModel = openReadModel(`sqlite:${path}`);
  try {
    const queries = new ProjectionQueries(readModel.db, systemClock);
    const policies: readonly PolicyDocument[] = loadSeedPolicies();
    for (const p of policies) {
      const w = {
        holder: p.controller,
        items: p.items.map((i) => i.id),
        from: new Date(BENCH_UNTIL.getTime() - 5 * 365 * 86_400_000).toISOString(),
        to: BENCH_UNTIL.toISOString(),
      };
      const [count, countMs] = await timed(() => queries.countSubjectsHoldingDuring(w));
      process.stdout.write(`${JSON.stringify({ controller: p.controller, subjects: count, countMs: Math.round(countMs) })}\n`);
    }
  } finally {
    await readModel.close();
  }
}

main(process.argv[2]).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
