import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { dpoClockProvider, DPO_CLOCK } from './clock';
import { DeclareBreachHandler } from './declare-breach/declare-breach.handler';
import { FileReportHandler } from './file-report/file-report.handler';
import { BreachReader } from './look-up-breach/breach-reader';
import { BreachSubjectsHandler, ListBreachesHandler, LookUpBreachHandler } from './look-up-breach/breach-query.handlers';
import { LookUpLineageHandler } from './look-up-lineage/look-up-lineage.handler';
import { IngestEventsHandler } from './ingest-events/ingest-events.handler';
import { CreateKeyHandler, ListKeysHandler, RevokeKeyHandler } from './manage-keys/manage-keys.handlers';
import { PublishPolicyHandler } from './publish-policy/publish-policy.handler';
import { RecordNotificationHandler } from './record-notification/record-notification.handler';
import { REBUILD_SETTINGS, type RebuildSettings } from './rebuild/rebuild.command';
import { RebuildHandler } from './rebuild/rebuild.handler';
import { APPLICATION_SETTINGS, type ApplicationSettings } from './settings';

/** Use cases that write to the log: they need only EVENT_STORE (global), the settings and the clock. */
export const COMMAND_HANDLERS: Provider[] = [IngestEventsHandler, PublishPolicyHandler, DeclareBreachHandler, FileReportHandler, RecordNotificationHandler];

/** Use cases that read the read models: they need READ_MODEL and ProjectionQueries (ProjectionsModule, global). */
export const QUERY_HANDLERS: Provider[] = [BreachReader, LookUpBreachHandler, ListBreachesHandler, BreachSubjectsHandler, LookUpLineageHandler];

/** Managing API keys: they need KEY_STORE (ControlModule of libs/control, global), not the log. */
export const KEY_HANDLERS: Provider[] = [CreateKeyHandler, ListKeysHandler, RevokeKeyHandler];

export interface ApplicationOptions {
  /** The use cases that write to the log (default true; false where no log is open, e.g. `ashiato keys`). */
  log?: boolean;
  /** The reads of the read models. */
  queries?: boolean;
  /** Create, list and revoke API keys. */
  keys?: boolean;
  /** Rebuild the read model from the log, where these settings say. */
  rebuild?: RebuildSettings;
}

/**
 * The use cases as CommandBus and QueryBus handlers (the importer registers CqrsModule.forRoot()).
 * HTTP controllers, CLI commands and the broker consumer only parse input and dispatch to the buses.
 */
@Module({})
export class ApplicationModule {
  static forRoot(settings: ApplicationSettings, options: ApplicationOptions = {}): DynamicModule {
    return {
      module: ApplicationModule,
      global: true,
      providers: [
        { provide: APPLICATION_SETTINGS, useValue: settings },
        dpoClockProvider,
        ...(options.log === false ? [] : COMMAND_HANDLERS),
        ...(options.queries ? QUERY_HANDLERS : []),
        ...(options.keys ? KEY_HANDLERS : []),
        ...(options.rebuild ? [{ provide: REBUILD_SETTINGS, useValue: options.rebuild }, RebuildHandler] : []),
      ],
      exports: [APPLICATION_SETTINGS, DPO_CLOCK],
    };
  }
}
