import 'reflect-metadata';
import type { BreachDeclared } from '@ashiato/domain';
import { openReadModel, ProjectionQueries } from '@ashiato/projections';
import { affectedControllers, receivingParties } from '@ashiato/projections/dpo/breach-impact.query';
import { windowOf } from '../apps/api/src/breaches/get-breach.query';
import { loadSeedPolicies } from '../apps/cli/src/demo/load-seed-policies';
import { benchBreachId } from './lib/workload';

/**
 * Where GetBreachQuery spends its time: each read-model query it runs, timed alone, for the breach at
 * one controller of a rebuilt read model (`npm run bench -- --scale medium --keep` leaves one in
 * bench/.work/medium-<pid>/read.db). Usage: breach-breakdown.ts <read.db> [controller].
 */
async function main(readModelPath: string, controller: string): Promise<void> {
  const readModel = openReadModel(`sqlite:${readModelPath}`);
  const queries = new ProjectionQueries(readModel.db);
  const timed = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const t0 = process.hrtime.bigint();
    const result = await run();
    process.stdout.write(`${label}: ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms\n`);
    return result;
  };
  try {
    const state = await timed('breachState', () => queries.breachState(benchBreachId(controller)));
    const b = state?.declared as BreachDeclared;
    const w = windowOf(b);
    const n = await timed('countSubjectsHoldingDuring', () => queries.countSubjectsHoldingDuring(w));
    await timed('countSubjectsHoldingDuringByItem', () => queries.countSubjectsHoldingDuringByItem(w));
    await timed('affectedControllers', () => affectedControllers(readModel.db, b));
    await timed('subjectsHoldingDuring (first page of 100)', () => queries.subjectsHoldingDuring(w, { limit: 100 }));
    await timed('receivingParties', () => receivingParties(readModel.db, b));
    const categories = new Set(loadSeedPolicies().find((p) => p.controller === controller)?.items.map((i) => i.category ?? 'unknown'));
    await timed(`byCategory (${categories.size} COUNT DISTINCT, one per category)`, async () => {
      const policy = loadSeedPolicies().find((p) => p.controller === controller)!;
      for (const c of categories) await queries.countSubjectsHoldingDuring({ ...w, items: policy.items.filter((i) => (i.category ?? 'unknown') === c).map((i) => i.id) });
    });
    process.stdout.write(`${n} affected subjects, ${b.items.length} items\n`);
  } finally {
    await readModel.close();
  }
}

const [readModelArg, controllerArg] = process.argv.slice(2);
if (!readModelArg) {
  process.stderr.write('usage: breach-breakdown.ts <read.db> [controller]\n');
  process.exit(2);
}
main(readModelArg, controllerArg ?? 'cyberlinks-mynatrust').catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
