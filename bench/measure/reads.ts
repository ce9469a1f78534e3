import type { PolicyDocument } from '@ashiato/domain';
import { SqliteEventStore } from '@ashiato/event-store';
import { openReadModel, ProjectionQueries, type ReadModel } from '@ashiato/projections';
import { systemClock } from '@ashiato/domain';
import { BreachReader, LookUpLineageHandler, LookUpLineageQuery } from '@ashiato/application';
import { percentile } from '../lib/stats';
import { benchBreachId } from '../lib/workload';

export interface LatencyFigures {
  samples: number;
  p50: number;
  p99: number;
}

export interface BreachFigures {
  controller: string;
  affected: number;
  firstPage: number;
  otherParties: number;
  ms: number;
}

function elapsedMs(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** GET /v1/subjects/{ref}/lineage without HTTP: the API's LookUpLineageHandler over the rebuilt read model. */
export async function lineageLatency(readModelPath: string, refs: readonly string[]): Promise<LatencyFigures & { controllersSeen: number }> {
  const readModel = openReadModel(`sqlite:${readModelPath}`);
  try {
    const query = new LookUpLineageHandler(new ProjectionQueries(readModel.db, systemClock), readModel, systemClock);
    const times: number[] = [];
    let controllersSeen = 0;
    for (const ref of refs) {
      const t0 = process.hrtime.bigint();
      const report = await query.execute(new LookUpLineageQuery(ref));
      times.push(elapsedMs(t0));
      controllersSeen += report.controllers.length;
    }
    return { samples: times.length, p50: percentile(times, 50), p99: percentile(times, 99), controllersSeen };
  } finally {
    await readModel.close();
  }
}

/** The like-for-like read of the peer comparison: one subject's stream from the event store. */
export async function streamReadLatency(storePath: string, refs: readonly string[]): Promise<LatencyFigures> {
  const store = new SqliteEventStore({ path: storePath });
  try {
    const times: number[] = [];
    for (const ref of refs) {
      const t0 = process.hrtime.bigint();
      await store.readStream(`subject-${ref}`);
      times.push(elapsedMs(t0));
    }
    return { samples: times.length, p50: percentile(times, 50), p99: percentile(times, 99) };
  } finally {
    await store.close();
  }
}

/** GET /v1/breaches/{id} without HTTP: the API's BreachReader (count, by item/category/controller, first page, other parties). */
export async function breachImpact(readModelPath: string, policies: readonly PolicyDocument[]): Promise<BreachFigures[]> {
  const readModel: ReadModel = openReadModel(`sqlite:${readModelPath}`);
  try {
    const query = new BreachReader(new ProjectionQueries(readModel.db, systemClock), readModel, systemClock);
    const out: BreachFigures[] = [];
    for (const policy of policies) {
      const t0 = process.hrtime.bigint();
      const answer = await query.answer(benchBreachId(policy.controller), { limit: 100 });
      out.push({
        controller: policy.controller,
        affected: answer.affected.subjects,
        firstPage: answer.subjects.items.length,
        otherParties: answer.otherParties.length,
        ms: elapsedMs(t0),
      });
    }
    return out;
  } finally {
    await readModel.close();
  }
}

export interface WhatIfFigures {
  controller: string;
  subjects: number;
  flowsJudged: number;
  flowsChanged: number;
  ms: number;
}

/**
 * POST /v1/policies/{controller}/what-if without HTTP, for the controller with the most subjects: a
 * draft that drops its first recipient, judged against every flow since the start of the log.
 */
export async function whatIfLatency(readModelPath: string, policies: readonly PolicyDocument[]): Promise<WhatIfFigures> {
  const readModel = openReadModel(`sqlite:${readModelPath}`);
  try {
    const queries = new ProjectionQueries(readModel.db, systemClock);
    const counts = await readModel.db
      .selectFrom('flows')
      .select(['controller', (eb) => eb.fn.count<number>('subject_ref').distinct().as('subjects')])
      .groupBy('controller')
      .execute();
    const largest = [...counts].sort((a, b) => Number(b.subjects) - Number(a.subjects))[0];
    const policy = policies.find((p) => p.controller === largest.controller) ?? policies[0];
    const dropped = policy.recipients[0]?.id;
    const draft: PolicyDocument = {
      ...policy,
      version: 'bench-draft',
      recipients: policy.recipients.slice(1),
      retention: policy.retention.filter((r) => r.holder !== dropped),
    };
    const t0 = process.hrtime.bigint();
    const answer = await queries.whatIf(draft, { from: '1970-01-01T00:00:00Z', limit: 100 });
    return {
      controller: policy.controller,
      subjects: Number(largest.subjects),
      flowsJudged: answer.flowsJudged,
      flowsChanged: answer.flowsChanged,
      ms: elapsedMs(t0),
    };
  } finally {
    await readModel.close();
  }
}
