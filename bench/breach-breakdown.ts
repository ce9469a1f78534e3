import 'reflect-metadata';
import type { BreachDeclared } from '@ashiato/domain';
import { openReadModel, ProjectionQueries } from '@ashiato/projections';
import { affectedSubjects, breachCounts, receivingParties } from '@ashiato/projections/dpo/breach-impact.query';
import { benchBreachId } from './lib/workload';

/**
 * Where BreachReader spends its time: each read of the breach-impact projection it makes, timed
 * alone, for the breach at one controller of a rebuilt read model (`npm run bench -- --scale medium
 * --keep` leaves one in bench/.work/medium-<pid>/read.db). Usage: breach-breakdown.ts <read.db> [controller].
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
    const counts = await timed('breachCounts (total, by item, category and controller)', () => breachCounts(readModel.db, b));
    await timed('affectedSubjects (first page of 100)', () => affectedSubjects(readModel.db, b, { limit: 100 }));
    const parties = await timed('receivingParties', () => receivingParties(readModel.db, b));
    process.stdout.write(`${counts.subjects} affected subjects, ${b.items.length} items, ${parties.length} receiving parties\n`);
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
