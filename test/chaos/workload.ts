import type { AshiatoEvent } from '@ashiato/domain';
import { loadSeedPolicies } from '../../apps/cli/src/demo/load-seed-policies';
import { generateHistory, SeededRandom } from '@ashiato/workload';
import type { SentBatch } from './log-checks';

export interface Batch extends SentBatch {
  events: AshiatoEvent[];
  body: string;
}

const policies = loadSeedPolicies();

/**
 * The seeded demo history of the five seed policies (publications first, then each subject's
 * acquisitions, uses, provisions, consents and erasures), cut into batches of 20–250 events.
 */
export function workload(seed: number, subjects: number): Batch[] {
  return toBatches([...generateHistory({ policies, subjects, seed })], new SeededRandom(seed ^ 0x5bd1e995));
}

/** Only subjects' events (no publications), for ingest on top of an existing history. */
export function moreEvents(seed: number, subjects: number): Batch[] {
  return toBatches([...generateHistory({ policies, subjects, seed, publishPolicies: false })], new SeededRandom(seed ^ 0x1b873593));
}

function toBatches(events: AshiatoEvent[], rnd: SeededRandom): Batch[] {
  const batches: Batch[] = [];
  for (let at = 0; at < events.length;) {
    const slice = events.slice(at, (at += rnd.int(20, 250)));
    batches.push({ events: slice, body: slice.map((e) => JSON.stringify(e)).join('\n') + '\n', eventIds: slice.map((e) => e.eventId), acked: false });
  }
  return batches;
}

export function post(base: string, batch: Batch): Promise<Response> {
  return fetch(`${base}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: batch.body });
}

/**
 * Sends the batches `inFlight` at a time; a 202 marks a batch acknowledged. Stops quietly when the
 * server dies (the answer to the batches then in flight is unknown), throws on any other answer.
 */
export async function sendAll(base: string, batches: Batch[], inFlight: number, onAck?: (acked: number) => void, stop = () => false): Promise<void> {
  let next = 0;
  let acked = 0;
  let dead = false;
  const worker = async () => {
    while (!dead && !stop() && next < batches.length) {
      const batch = batches[next++];
      let res: Response;
      try {
        res = await post(base, batch);
      } catch {
        dead = true;
        return;
      }
      if (res.status !== 202) throw new Error(`POST /v1/events answered ${res.status}: ${(await res.text().catch(() => '')).slice(0, 300)}`);
      // The status line is written after the append committed: a 202 is an acknowledgement even if the body is cut off.
      batch.acked = true;
      onAck?.(++acked);
      await res.arrayBuffer().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}
