import type { Env } from '@ashiato/config';
import type { Command } from 'commander';
import type { AshiatoEvent } from '@ashiato/domain';
import { IngestEventsCommand, prepareEvents, PublishPolicyCommand, SubjectHasher } from '@ashiato/application';
import { withApplication } from '../application-context';
import { eventStoreConfigFromEnv, stderr } from '../cli-env';
import { generateDemoBreaches } from '../demo/demo-breaches';
import { generateDemoHistory } from '../demo/generate-history';
import { loadDemoPolicies, loadSeedPolicies } from '../demo/load-seed-policies';
import { runApi } from '../serve/run-api';

interface DemoOptions {
  serve?: boolean;
  subjects: string;
}

const BATCH = 5_000;

/**
 * `ashiato demo [--serve]`: publishes the five seed policies and the demo's GDPR controller, and on an empty store a generated
 * history, then optionally serves the API in demo mode — what `npm start` runs.
 */
export function registerDemoCommand(program: Command, env: Env): Command {
  return program
    .command('demo')
    .description('publish the seed policies and (on an empty store) a generated history; --serve then starts the API in demo mode')
    .option('--serve', 'start the API afterwards (ASHIATO_DEMO=1)')
    .option('--subjects <n>', 'subjects in the generated history', '3000')
    .action(async (opts: DemoOptions) => {
      await withApplication(eventStoreConfigFromEnv(env), async ({ commands, store }) => {
        const fresh = (await store.headPosition()) === 0;
        // The five seed policies and the demo's own GDPR controller (policies/demo/, not from a seed).
        const policies = [...loadSeedPolicies(), ...loadDemoPolicies()];
        for (const policy of policies) {
          const r = await commands.execute(new PublishPolicyCommand(policy));
          stderr(`policy ${r.controller} v${r.version}${r.duplicate ? ' (already published)' : ' published'}`);
        }
        if (fresh) {
          const subjects = Math.max(1, Number(opts.subjects) || 3000);
          const t0 = Date.now();
          let accepted = 0;
          // Generated events carry subject refs, never identifiers; the hasher only satisfies the validator.
          const hasher = new SubjectHasher('demo-history-has-no-identifiers');
          let batch: AshiatoEvent[] = [];
          const flush = async () => {
            const { events, errors } = prepareEvents(batch, hasher);
            if (errors.length) throw new Error(`generated demo events failed validation: ${errors[0].path} ${errors[0].message}`);
            accepted += (await commands.execute(new IngestEventsCommand(events))).accepted;
            batch = [];
          };
          const until = new Date();
          for (const event of generateDemoHistory(policies, { subjects, until })) {
            batch.push(event);
            if (batch.length >= BATCH) await flush();
          }
          batch.push(...generateDemoBreaches(until));
          await flush();
          stderr(`demo history: ${accepted} events for ${subjects} subjects in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        } else {
          stderr('the store already holds events: no demo history generated');
        }
      });
      // The store is closed: the API's process opens it in demo mode (ASHIATO_DEMO=1).
      if (opts.serve) await runApi({ ASHIATO_DEMO: '1' });
    });
}
