import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { dpoClockProvider, DPO_CLOCK } from './clock';
import { DeclareBreachHandler } from './declare-breach/declare-breach.handler';
import { FileReportHandler } from './file-report/file-report.handler';
import { BreachReader } from './look-up-breach/breach-reader';
import { BreachSubjectsHandler, ListBreachesHandler, LookUpBreachHandler } from './look-up-breach/breach-query.handlers';
import { LookUpLineageHandler } from './look-up-lineage/look-up-lineage.handler';
import { IngestEventsHandler } from './ingest-events/ingest-events.handler';
import { PublishPolicyHandler } from './publish-policy/publish-policy.handler';
import { RecordNotificationHandler } from './record-notification/record-notification.handler';
import { APPLICATION_SETTINGS, type ApplicationSettings } from './settings';

/** Use cases that write to the log: they need only EVENT_STORE (global), the settings and the clock. */
export const COMMAND_HANDLERS: Provider[] = [IngestEventsHandler, PublishPolicyHandler, DeclareBreachHandler, FileReportHandler, RecordNotificationHandler];

/** Use cases that read the read models: they need READ_MODEL and ProjectionQueries (ProjectionsModule, global). */
export const QUERY_HANDLERS: Provider[] = [BreachReader, LookUpBreachHandler, ListBreachesHandler, BreachSubjectsHandler, LookUpLineageHandler];

/**
 * The use cases as CommandBus and QueryBus handlers (the importer registers CqrsModule.forRoot()).
 * HTTP controllers, CLI commands and the broker consumer only parse input and dispatch to the buses.
 */
@Module({})
export class ApplicationModule {
  static forRoot(settings: ApplicationSettings, options: { queries?: boolean } = {}): DynamicModule {
    return {
      module: ApplicationModule,
      global: true,
      providers: [{ provide: APPLICATION_SETTINGS, useValue: settings }, dpoClockProvider, ...COMMAND_HANDLERS, ...(options.queries ? QUERY_HANDLERS : [])],
      exports: [APPLICATION_SETTINGS, DPO_CLOCK],
    };
  }
}
