import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AshiatoApiClient, query } from './lineage-api-client';

interface ConnOptions {
  url?: string;
  key?: string;
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
const csvList = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

function withConnection(cmd: Command): Command {
  return cmd.option('--url <url>', 'API base URL (default $ASHIATO_URL or http://127.0.0.1:3000)').option('--key <key>', 'API key with the breach role (default $ASHIATO_KEY)');
}

/** `ashiato breach declare|show|list|report|notify`: breach blast radius and legal clocks over the API. */
export function registerBreachCommand(program: Command): Command {
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
      .option('--cause <cause>', 'e.g. unauthorizedAccess, malware, misdelivery, loss')
      .option('--controller <controller>', "only this controller's data")
      .option('--id <breachId>', 'breach id (default: generated)'),
  ).action(async (o: ConnOptions & { holder: string; items: string[]; from: string; to: string; discoveredAt: string; cause?: string; controller?: string; id?: string }) => {
    const client = new AshiatoApiClient(o);
    print(
      await client.json('POST', '/v1/breaches', {
        ...(o.id ? { breachId: o.id } : {}),
        holder: o.holder,
        items: o.items,
        window: { from: o.from, to: o.to },
        discoveredAt: o.discoveredAt,
        ...(o.cause ? { cause: o.cause } : {}),
        ...(o.controller ? { controller: o.controller } : {}),
      }),
    );
  });

  withConnection(
    breach
      .command('show')
      .description('affected subjects, counts, other parties, reportability, deadline clocks and the draft report')
      .argument('<breachId>')
      .option('--page <n>', 'page of the subject list', '1')
      .option('--csv <file>', 'also write every affected subject ref to this CSV file'),
  ).action(async (breachId: string, o: ConnOptions & { page: string; csv?: string }) => {
    const client = new AshiatoApiClient(o);
    const id = encodeURIComponent(breachId);
    print(await client.json('GET', `/v1/breaches/${id}${query({ page: o.page })}`));
    if (o.csv) {
      writeFileSync(o.csv, (await client.request('GET', `/v1/breaches/${id}/subjects.csv`)).text, 'utf8');
      process.stderr.write(`affected subjects written to ${o.csv}\n`);
    }
  });

  withConnection(breach.command('list').description('every declared breach with its clocks')).action(async (o: ConnOptions) => {
    print(await new AshiatoApiClient(o).json('GET', '/v1/breaches'));
  });

  withConnection(
    breach
      .command('report')
      .description('record that a report was filed (closes its clock)')
      .argument('<breachId>')
      .requiredOption('--kind <kind>', 'appi-preliminary | appi-final | gdpr-authority')
      .option('--authority <name>', 'e.g. PPC'),
  ).action(async (breachId: string, o: ConnOptions & { kind: string; authority?: string }) => {
    print(await new AshiatoApiClient(o).json('POST', `/v1/breaches/${encodeURIComponent(breachId)}/reports`, { report: o.kind, ...(o.authority ? { authority: o.authority } : {}) }));
  });

  withConnection(
    breach.command('notify').description('record that the affected persons were notified').argument('<breachId>').requiredOption('--count <n>', 'how many persons were notified'),
  ).action(async (breachId: string, o: ConnOptions & { count: string }) => {
    print(await new AshiatoApiClient(o).json('POST', `/v1/breaches/${encodeURIComponent(breachId)}/notifications`, { count: Number(o.count) }));
  });

  return breach;
}
