import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiHarness } from './api-harness';
import { acquisition, testRef } from './events';

/** Past the largest 32-bit signed integer, as an EventStoreDB byte offset is after 2 GiB of log. */
export const START = 2 ** 31 + 10;

/**
 * Through the API of a log whose next position is START + 1: a policy and two flows are stored at
 * START + 1 … START + 3, projected, paged by position and read back with ?minPosition=.
 */
export async function projectsPositionsPast2To31(api: ApiHarness): Promise<void> {
  const policy = await api
    .put('/v1/policies/jcert')
    .set('content-type', 'application/yaml')
    .send(readFileSync(join(__dirname, '..', '..', 'policies', 'jcert.yaml'), 'utf8'));
  expect(policy.status).toBe(200);
  const ref = testRef();
  const sent = [acquisition({ subjectRef: ref }), acquisition({ subjectRef: ref, items: ['name'] })];
  const ingest = await api.post('/v1/events').send(sent);
  expect(ingest.status).toBe(202);
  const last = (ingest.body as { lastPosition: number }).lastPosition;
  expect(last).toBe(START + 3);

  const first = await api.get(`/v1/flows?minPosition=${last}&limit=1`);
  expect(first.status).toBe(200);
  expect(first.body.items).toEqual([expect.objectContaining({ eventId: sent[1].eventId, position: START + 3 })]);
  // The next page is the flows below that position: a comparison made by the database.
  const second = await api.get(`/v1/flows?limit=1&cursor=${first.body.nextCursor}`);
  expect(second.body.items).toEqual([expect.objectContaining({ eventId: sent[0].eventId, position: START + 2 })]);

  const lineage = await api.get(`/v1/subjects/${ref}/lineage?minPosition=${last}`);
  expect(lineage.status).toBe(200);
  expect(lineage.text).toContain(String(sent[1].eventId));
  const health = await api.get('/health');
  // Reads are audited in the log too, so the projection may already be past the write.
  expect(health.body.details.readModel.projectedPosition).toBeGreaterThanOrEqual(last);
}
