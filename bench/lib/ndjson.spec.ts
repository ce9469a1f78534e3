import { PassThrough } from 'node:stream';
import type { AshiatoEvent } from '@ashiato/domain';
import { generateHistory } from '@ashiato/workload';
import { loadSeedPolicies } from '../../apps/cli/src/demo/load-seed-policies';
import { writeNdjson } from './ndjson';

describe('writeNdjson', () => {
  it('streams the generated history as NDJSON, one parseable event per line', async () => {
    const policies = loadSeedPolicies();
    const options = { policies, subjects: 300, seed: 5, until: new Date('2026-10-01T00:00:00Z') };
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const written = await writeNdjson(generateHistory(options), out);
    expect(lines.length).toBe(written.events);
    expect(lines.map((l) => (JSON.parse(l) as AshiatoEvent).eventId)).toEqual([...generateHistory(options)].map((e) => e.eventId));
  });
});
