import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AshiatoApiClient, query } from './lineage-api-client';

interface LineageOptions {
  email?: string;
  phone?: string;
  asOf?: string;
  html?: string;
  url?: string;
  key?: string;
}

/**
 * `ashiato lineage <ref>` or `ashiato lineage --email x`: one subject's lineage as JSON on stdout,
 * or the printable disclosure report with `--html out.html`. An identifier is sent in a POST body
 * (never in a URL) and HMAC'd by the server exactly as at ingest.
 */
export function registerLineageCommand(program: Command): Command {
  return program
    .command('lineage')
    .description("one subject's lineage: items held and by whom, uses, provisions, erasures (JSON, or HTML with --html)")
    .argument('[subjectRef]', 'pseudonymous subject reference')
    .option('--email <email>', 'look the subject up by e-mail address (HMAC’d by the server)')
    .option('--phone <phone>', 'look the subject up by phone number (HMAC’d by the server)')
    .option('--as-of <instant>', 'ISO-8601 instant; default now')
    .option('--html <file>', 'write the printable disclosure report to this file')
    .option('--url <url>', 'API base URL (default $ASHIATO_URL or http://127.0.0.1:3000)')
    .option('--key <key>', 'API key with the dpo role (default $ASHIATO_KEY)')
    .action(async (subjectRef: string | undefined, opts: LineageOptions) => {
      const client = new AshiatoApiClient({ url: opts.url, key: opts.key });
      const format = opts.html ? 'html' : 'json';
      const identifier = opts.email ? { email: opts.email } : opts.phone ? { phone: opts.phone } : undefined;
      if (!subjectRef && !identifier) throw new Error('give a subject reference or --email/--phone');
      const res = identifier
        ? await client.request('POST', `/v1/subjects/lineage:lookup${query({ asOf: opts.asOf, format })}`, identifier)
        : await client.request('GET', `/v1/subjects/${encodeURIComponent(subjectRef!)}/lineage${query({ asOf: opts.asOf, format })}`);
      if (opts.html) {
        writeFileSync(opts.html, res.text, 'utf8');
        process.stderr.write(`disclosure report written to ${opts.html}\n`);
      } else {
        process.stdout.write(`${JSON.stringify(JSON.parse(res.text), null, 2)}\n`);
      }
    });
}
