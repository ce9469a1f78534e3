import type { Env } from '@ashiato/config';
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { LineageReport } from '@ashiato/domain/lineage';
import { renderLineage } from '../output/lineage-view';
import { langOf, printJson, printText, withOutput, type OutputOptions } from '../output/present';
import { AshiatoApiClient, query } from './lineage-api-client';

interface LineageOptions extends OutputOptions {
  email?: string;
  phone?: string;
  asOf?: string;
  html?: string;
  url?: string;
  key?: string;
}

/**
 * `ashiato lineage <ref>` or `ashiato lineage --email x`: one subject's lineage as tables (or JSON
 * with `--json`) on stdout, or the printable disclosure report with `--html out.html`. An identifier is sent in a POST body
 * (never in a URL) and HMAC'd by the server exactly as at ingest.
 */
export function registerLineageCommand(program: Command, env: Env): Command {
  return withOutput(
    program
      .command('lineage')
      .description(
        "one subject's lineage: items held and by whom, uses, provisions, erasures, each flow's verdict (tables, JSON with --json, HTML with --html)",
      ),
  )
    .argument('[subjectRef]', 'pseudonymous subject reference')
    .option('--email <email>', 'look the subject up by e-mail address (HMAC’d by the server)')
    .option('--phone <phone>', 'look the subject up by phone number (HMAC’d by the server)')
    .option('--as-of <instant>', 'ISO-8601 instant; default now')
    .option('--html <file>', 'write the printable disclosure report to this file')
    .option('--url <url>', 'API base URL (default $ASHIATO_URL, else http://127.0.0.1:$PORT, PORT defaulting to 3000)')
    .option('--key <key>', 'API key with the dpo role (default $ASHIATO_KEY)')
    .action(async (subjectRef: string | undefined, opts: LineageOptions) => {
      const lang = langOf(opts.lang, env);
      const client = new AshiatoApiClient({ url: opts.url, key: opts.key }, env);
      const format = opts.html ? 'html' : 'json';
      const identifier = opts.email ? { email: opts.email } : opts.phone ? { phone: opts.phone } : undefined;
      if (!subjectRef && !identifier) throw new Error('give a subject reference or --email/--phone');
      const path = identifier
        ? `/v1/subjects/lineage:lookup${query({ asOf: opts.asOf, format })}`
        : `/v1/subjects/${encodeURIComponent(subjectRef!)}/lineage${query({ asOf: opts.asOf, format })}`;
      const method = identifier ? 'POST' : 'GET';
      if (opts.html) {
        writeFileSync(opts.html, (await client.request(method, path, identifier)).text, 'utf8');
        process.stderr.write(`disclosure report written to ${opts.html}\n`);
        return;
      }
      const report = await client.json<LineageReport>(method, path, identifier);
      if (opts.json) printJson(report);
      else printText(renderLineage(report, lang));
    });
}
