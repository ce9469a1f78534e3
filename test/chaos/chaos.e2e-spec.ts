import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt } from './processes';
import { runChaos } from './run-chaos';

jest.setTimeout(180_000);

/**
 * `npm run chaos` at its smallest: two SIGKILLs of the built server during ingest and two of
 * `ashiato rebuild` (one beside a server that keeps ingesting). The full runs are in RELIABILITY.md.
 */
describe('SIGKILL during ingest and during rebuild', () => {
  const root = mkdtempSync(join(tmpdir(), 'ashiato-chaos-e2e-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('loses no acknowledged event, stores no batch in part, and serves what a fresh rebuild would', async () => {
    assertBuilt();
    const { summary, failures } = await runChaos({ seed: 4242, trials: { ingest: 2, rebuild: 2 }, subjects: 150, root });
    expect(failures).toEqual([]);
    for (const mode of ['ingest', 'rebuild'] as const) {
      expect(summary[mode]).toMatchObject({ trials: 2, lost: 0, partialBatches: 0, readModelDiffs: 0, errors: 0 });
    }
    // Batches were acknowledged before the kills, so "none lost" is about something.
    expect(summary.ingest.ackedEvents).toBeGreaterThan(0);
  });
});
