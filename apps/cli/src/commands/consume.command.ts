import { ConfigError, type Env } from '@ashiato/config';
import { Logger } from '@nestjs/common';
import type { Command } from 'commander';
import { BROKER_DEFAULTS, brokerConfigFrom, type BrokerConfig } from '@ashiato/server-config';
import { startBrokerIngest } from '@ashiato/broker';
import { IngestEventsCommand, SubjectHasher } from '@ashiato/application';
import { withApplication } from '../application-context';
import { configFromEnv, eventStoreConfigFromEnv, stdout } from '../cli-env';

interface ConsumeOptions {
  url?: string;
  stream?: string;
  subject?: string;
  durable?: string;
  deadLetterSubject?: string;
  batchSize?: string;
}

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** `ashiato consume`: ingest events from NATS JetStream into the configured log until stopped (Ctrl-C, SIGTERM). */
export function registerConsumeCommand(program: Command, env: Env): Command {
  return program
    .command('consume')
    .description(
      'ingest events from NATS JetStream (one JSON event per message) with the validation, pseudonymisation and idempotency of POST /v1/events; ' +
        'each message is acknowledged after its event is stored, invalid ones go to the dead-letter subject with their errors. Runs until Ctrl-C or SIGTERM',
    )
    .option('--url <url>', `NATS server (default $ASHIATO_NATS_URL or ${DEFAULT_NATS_URL})`)
    .option('--stream <name>', `stream (default $ASHIATO_NATS_STREAM or ${BROKER_DEFAULTS.stream})`)
    .option('--subject <subject>', `subject (default $ASHIATO_NATS_SUBJECT or ${BROKER_DEFAULTS.subject})`)
    .option('--durable <name>', `durable consumer (default $ASHIATO_NATS_DURABLE or ${BROKER_DEFAULTS.durable})`)
    .option('--dead-letter-subject <subject>', `dead letters (default $ASHIATO_NATS_DEAD_LETTER_SUBJECT or ${BROKER_DEFAULTS.deadLetterSubject})`)
    .option('--batch-size <n>', `messages per stored batch (default $ASHIATO_NATS_BATCH or ${BROKER_DEFAULTS.batchSize})`)
    .action(async (opts: ConsumeOptions) => {
      const config = configFromEnv(env, { broker: undefined });
      const problems: string[] = [];
      const overrides: Partial<BrokerConfig> = { url: opts.url ?? env.ASHIATO_NATS_URL ?? DEFAULT_NATS_URL };
      if (opts.stream) overrides.stream = opts.stream;
      if (opts.subject) overrides.subject = opts.subject;
      if (opts.durable) overrides.durable = opts.durable;
      if (opts.deadLetterSubject) overrides.deadLetterSubject = opts.deadLetterSubject;
      if (opts.batchSize) overrides.batchSize = Number(opts.batchSize);
      const broker = brokerConfigFrom(env, overrides, problems)!;
      if (problems.length) throw new ConfigError(problems);
      const running = await withApplication(
        eventStoreConfigFromEnv(env),
        async ({ commands }) => {
          const running = startBrokerIngest(
            broker,
            (events, json) => commands.execute(new IngestEventsCommand(events, json)),
            new SubjectHasher(config.hmacKey),
            new Logger('BrokerIngest'),
          );
          const stop = () => void running.stop();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          await running.done;
          return running;
        },
        { futureSkewMs: config.futureSkewMs },
      );
      const t = running.ingest?.totals;
      if (t)
        stdout(
          `consumed ${t.messages} message(s): ${t.stored} stored, ${t.duplicates} duplicate(s), ${t.deadLettered} dead-lettered, ${t.warnings} warning(s)`,
        );
    });
}
