import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '@ashiato/server-config';
import { IngestEventsCommand, SubjectHasher } from '@ashiato/application';
import { startBrokerIngest, type RunningBrokerIngest } from '@ashiato/broker';

/** With ASHIATO_NATS_URL set, the server consumes events from NATS beside HTTP, through the same ingest command. */
@Injectable()
export class BrokerConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('BrokerIngest');
  private running?: RunningBrokerIngest;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
    private readonly hasher: SubjectHasher,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.broker) return;
    this.running = startBrokerIngest(
      this.config.broker,
      (events, json) => this.commands.execute(new IngestEventsCommand(events, json)),
      this.hasher,
      this.logger,
    );
  }

  /** Before the store closes (its onApplicationShutdown): the batch in hand is stored and acknowledged first. */
  async onModuleDestroy(): Promise<void> {
    await this.running?.stop();
  }
}
