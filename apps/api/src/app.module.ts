import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { ControlModule } from '@ashiato/control';
import { EventStoreModule } from '@ashiato/event-store';
import { ProjectionsModule } from '@ashiato/projections';
import { AuditPositions } from './audit/audit-positions';
import { BrokerConsumer } from './broker/broker-consumer.service';
import { DpoModule } from './audit/dpo.module';
import { APP_CONFIG, type AppConfig } from '@ashiato/server-config';
import { loggerOptions } from './config/logger-options';
import { ReadModelLogInterceptor } from './consistency/read-model-log';
import { ReadYourWrites } from './consistency/read-your-writes';
import { HealthController } from './health/health.controller';
import { ApplicationModule, SubjectHasher } from '@ashiato/application';
import { EventsController } from './ingest/events.controller';
import { PoliciesController } from './policies/policies.controller';
import { OpenLineageController } from './export/openlineage.controller';
import { RecordOfProcessingController } from './records/record-of-processing.controller';
import { ReadModelsController } from './queries/read-models.controller';
import { StatsController } from './queries/stats.controller';
import { StatsModule } from './stats/stats.module';

/**
 * The API. Feature modules (lineage, breaches, auth) are added to `imports` below; they can inject
 * EVENT_STORE (global), READ_MODEL / LiveProjection / ProjectionQueries (ProjectionsModule is
 * global here), APP_CONFIG, SubjectHasher, ReadYourWrites and the CommandBus/QueryBus.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerOptions(config)),
        CqrsModule.forRoot(),
        TerminusModule,
        EventStoreModule.forRoot({ eventStoreUrl: config.eventStoreUrl, dbPath: config.dbPath }),
        {
          ...ProjectionsModule.forRoot({
            url: config.readModelUrl,
            eventStore: { eventStoreUrl: config.eventStoreUrl, dbPath: config.dbPath },
            thread: config.projectionThread,
            futureSkewMs: config.futureSkewMs,
            erasureDeadlineDays: config.erasureDeadlineDays,
            rebuildOnMismatch: config.rebuildOnMismatch,
            partitions: config.projectionPartitions,
          }),
          global: true,
        },
        ControlModule.forRoot(config.controlUrl),
        ApplicationModule.forRoot({ futureSkewMs: config.futureSkewMs }, { queries: true, keys: true }),
        SharedModule.forRoot(config),
        DpoModule,
        StatsModule,
      ],
      controllers: [
        HealthController,
        EventsController,
        PoliciesController,
        ReadModelsController,
        StatsController,
        OpenLineageController,
        RecordOfProcessingController,
      ],
      providers: [BrokerConsumer, { provide: APP_INTERCEPTOR, useClass: ReadModelLogInterceptor }],
    };
  }
}

/** APP_CONFIG, SubjectHasher, ReadYourWrites and AuditPositions for every module of the app. */
@Module({})
export class SharedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SharedModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: SubjectHasher, useFactory: () => new SubjectHasher(config.hmacKey) },
        ReadYourWrites,
        AuditPositions,
      ],
      exports: [APP_CONFIG, SubjectHasher, ReadYourWrites, AuditPositions],
    };
  }
}
