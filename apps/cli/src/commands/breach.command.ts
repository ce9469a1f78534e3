import type { Env } from '@ashiato/config';
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { BreachAnswer, BreachListing } from '@ashiato/application';
import { renderBreachList, renderBreachShow, renderBreachWrite } from '../output/breach-view';
import { langOf, printJson, printText, say, withOutput, type OutputOptions } from '../output/present';
import { AshiatoApiClient, query } from './lineage-api-client';

interface ConnOptions extends OutputOptions {
  url?: string;
  key?: string;
}

interface WriteResult {
  breachId: string;
  eventId: string;
  lastPosition: number;
}

const csvList = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function withConnection(cmd: Command): Command {
  return withOutput(cmd)
    .option('--url <url>', 'API base URL (default $ASHIATO_URL, else http://127.0.0.1:$PORT, PORT defaulting to 3000)')
    .option('--key <key>', 'API key with the breach role (default $ASHIATO_KEY)');
}

function printWrite(env: Env, o: OutputOptions, r: WriteResult, ja: string, en: string): void {
  if (o.json) printJson(r);
  else printText(renderBreachWrite(say(langOf(o.lang, env), ja, en), r, langOf(o.lang, env)));
}

/** `ashiato breach declare|show|list|report|notify`: breach blast radius and legal clocks over the API. */
export function registerBreachCommand(program: Command, env: Env): Command {
  const breach = program.command('breach').description('declare a breach and see its affected subjects, reportability and deadlines');

  withConnection(
    breach
      .command('declare')
      .description('declare a leak at a holder of some items during a window')
      .requiredOption('--holder <holder>', 'the party whose systems leaked (controller or recipient id)')
      .requiredOption('--items <items>', 'comma-separated item ids', csvList)
      .requiredOption('--from <instant>', 'window start (ISO-8601)')
      .requiredOption('--to <instant>', 'window end (ISO-8601)')
      .requiredOption('--discovered-at <instant>', 'when the breach was discovered (ISO-8601)')
      .option('--title <title>', 'a short human title, e.g. "Customer portal intrusion"')
      .option('--cause <cause>', 'a cause code, e.g. unauthorizedAccess, malware, misdelivery, loss, unknown (none: improper purpose stays undetermined)')
      .option('--description <text>', 'what happened, in free text (goes into the draft report only)')
      .option('--protection <protection>', 'none | highLevelEncryption')
      .option('--controller <controller>', "only this controller's data")
      .option('--id <breachId>', 'breach id (default: generated)'),
  ).action(
    async (
      o: ConnOptions & {
        holder: string;
        items: string[];
        from: string;
        to: string;
        discoveredAt: string;
        title?: string;
        cause?: string;
        description?: string;
        protection?: string;
        controller?: string;
        id?: string;
      },
    ) => {
      const r = await new AshiatoApiClient(o, env).json<WriteResult>('POST', '/v1/breaches', {
        ...(o.id ? { breachId: o.id } : {}),
        holder: o.holder,
        items: o.items,
        window: { from: o.from, to: o.to },
        discoveredAt: o.discoveredAt,
        ...(o.title ? { title: o.title } : {}),
        ...(o.cause ? { cause: o.cause } : {}),
        ...(o.description ? { description: o.description } : {}),
        ...(o.protection ? { protection: o.protection } : {}),
        ...(o.controller ? { controller: o.controller } : {}),
      });
      printWrite(env, o, r, '漏えい等を宣言しました', 'breach declared');
      if (!o.json) process.stderr.write(`ashiato breach show ${r.breachId}\n`);
    },
  );

  withConnection(
    breach
      .command('show')
      .description('affected subjects, counts, other parties, reportability, deadline clocks and the draft report')
      .argument('<breachId>')
      .option('--limit <n>', 'affected subjects listed (default 50)')
      .option('--cursor <cursor>', 'the next page of affected subjects (printed after the list)')
      .option('--csv <file>', 'also write every affected subject ref to this CSV file'),
  ).action(async (breachId: string, o: ConnOptions & { limit?: string; cursor?: string; csv?: string }) => {
    const client = new AshiatoApiClient(o, env);
    const id = encodeURIComponent(breachId);
    const lang = langOf(o.lang, env);
    const answer = await client.json<BreachAnswer>('GET', `/v1/breaches/${id}${query({ limit: o.limit, cursor: o.cursor })}`);
    if (o.json) printJson(answer);
    else printText(renderBreachShow(answer, lang));
    if (o.csv) {
      writeFileSync(o.csv, (await client.request('GET', `/v1/breaches/${id}/subjects.csv`)).text, 'utf8');
      process.stderr.write(`affected subjects written to ${o.csv}\n`);
    }
  });

  withConnection(
    breach
      .command('list')
      .description('every declared breach with its reportability and clocks, most recently discovered first')
      .option('--limit <n>', 'breaches listed (default 50)')
      .option('--cursor <cursor>', 'the next page (printed after the list)'),
  ).action(async (o: ConnOptions & { limit?: string; cursor?: string }) => {
    const lang = langOf(o.lang, env);
    const list = await new AshiatoApiClient(o, env).json<BreachListing>('GET', `/v1/breaches${query({ limit: o.limit, cursor: o.cursor })}`);
    if (o.json) printJson(list);
    else printText(renderBreachList(list, lang));
  });

  withConnection(
    breach
      .command('report')
      .description('record that a report was filed (closes its clock)')
      .argument('<breachId>')
      .requiredOption('--kind <kind>', 'appi-preliminary | appi-final | gdpr-authority')
      .option('--authority <name>', 'e.g. PPC')
      .option('--controller <controller>', 'the controller whose report this is (default: every controller of the breach)'),
  ).action(async (breachId: string, o: ConnOptions & { kind: string; authority?: string; controller?: string }) => {
    langOf(o.lang, env);
    const r = await new AshiatoApiClient(o, env).json<WriteResult>('POST', `/v1/breaches/${encodeURIComponent(breachId)}/reports`, {
      report: o.kind,
      ...(o.authority ? { authority: o.authority } : {}),
      ...(o.controller ? { controller: o.controller } : {}),
    });
    printWrite(env, o, r, `報告を記録しました（${o.kind}）`, `report recorded (${o.kind})`);
  });

  withConnection(
    breach
      .command('notify')
      .description('record that the affected persons were notified')
      .argument('<breachId>')
      .requiredOption('--count <n>', 'how many persons were notified'),
  ).action(async (breachId: string, o: ConnOptions & { count: string }) => {
    langOf(o.lang, env);
    const r = await new AshiatoApiClient(o, env).json<WriteResult>('POST', `/v1/breaches/${encodeURIComponent(breachId)}/notifications`, {
      count: Number(o.count),
    });
    printWrite(env, o, r, `本人への通知を記録しました（${o.count}人）`, `notification of ${o.count} person(s) recorded`);
  });

  return breach;
}
