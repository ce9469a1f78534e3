import type { Env } from '@ashiato/config';
import type { Command } from 'commander';
import { AshiatoApiClient, query } from './lineage-api-client';

interface ExportOptions {
  from?: string;
  until?: string;
  controller?: string;
  actions?: string;
  includeSubjects?: boolean;
  to?: string;
  toKey?: string;
  url?: string;
  key?: string;
}

/** Posts each event to an OpenLineage HTTP endpoint, a few at a time; the first refusal stops the export. */
async function postAll(lines: string[], endpoint: string, key: string | undefined): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  let next = 0;
  let posted = 0;
  const worker = async () => {
    while (next < lines.length) {
      const line = lines[next++];
      let res: Response;
      try {
        res = await fetch(endpoint, { method: 'POST', headers, body: line });
      } catch (err) {
        const reason = (err as { cause?: { code?: string } })?.cause?.code ?? (err as Error).message;
        throw new Error(`cannot reach the OpenLineage endpoint ${endpoint} (${reason})`);
      }
      if (!res.ok) throw new Error(`the OpenLineage endpoint ${endpoint} answered ${res.status} to event ${posted + 1}: ${(await res.text()).slice(0, 200)}`);
      posted++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return posted;
}

/**
 * `ashiato export openlineage`: recorded flows as OpenLineage RunEvents, from the running API (the
 * read is authorised and audited under the caller's dpo key). NDJSON on stdout, or posted one by one
 * to `--to` (e.g. Marquez's http://host:5000/api/v1/lineage).
 */
export function registerExportCommand(program: Command, env: Env): Command {
  const exp = program.command('export').description('export recorded flows in open formats');
  exp
    .command('openlineage')
    .description(
      'flows as OpenLineage 2-0-2 RunEvents with the ashiato_personalDataFlow facet, aggregated per controller, holder, recipient, purposes and UTC day',
    )
    .option('--from <instant>', 'flows that occurred at or after this ISO-8601 instant')
    .option('--until <instant>', 'flows that occurred at or before this ISO-8601 instant')
    .option('--controller <id>', 'one controller only')
    .option('--actions <list>', 'comma-separated: acquisition, use, provision, erasure (default provision)')
    .option('--include-subjects', "add each run's subject refs (keyed HMACs) to its facet")
    .option('--to <url>', 'post each event to this OpenLineage HTTP endpoint instead of printing NDJSON')
    .option('--to-key <key>', 'bearer token for that endpoint (default $OPENLINEAGE_API_KEY)')
    .option('--url <url>', 'API base URL (default $ASHIATO_URL, else http://127.0.0.1:$PORT, PORT defaulting to 3000)')
    .option('--key <key>', 'API key with the dpo role (default $ASHIATO_KEY)')
    .action(async (opts: ExportOptions) => {
      const client = new AshiatoApiClient({ url: opts.url, key: opts.key }, env);
      const params = {
        from: opts.from,
        to: opts.until,
        controller: opts.controller,
        actions: opts.actions,
        includeSubjects: opts.includeSubjects ? 'true' : undefined,
      };
      const res = await client.request('GET', `/v1/export/openlineage${query(params)}`);
      const lines = res.text.split('\n').filter((l) => l.trim());
      if (!opts.to) {
        process.stdout.write(lines.map((l) => `${l}\n`).join(''));
        return;
      }
      const posted = await postAll(lines, opts.to, opts.toKey ?? env.OPENLINEAGE_API_KEY);
      process.stderr.write(`${posted} OpenLineage event(s) posted to ${opts.to}\n`);
    });
  return exp;
}
