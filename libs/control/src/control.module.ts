import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CONTROL_DB, openControlDb, type ControlDb } from './control-db';
import { KEY_STORE } from './key-store';
import { KyselyKeyStore } from './kysely-key-store';

/** Closes the control database when the application (the API, or a CLI command's context) shuts down. */
@Injectable()
class ControlDbCloser implements OnApplicationShutdown {
  constructor(@Inject(CONTROL_DB) private readonly control: ControlDb) {}

  async onApplicationShutdown(): Promise<void> {
    await this.control.close();
  }
}

/** Provides CONTROL_DB (opened and migrated at start) and KEY_STORE globally, for the API and for `ashiato keys`. */
@Module({})
export class ControlModule {
  static forRoot(controlUrl: string): DynamicModule {
    return {
      module: ControlModule,
      global: true,
      providers: [
        { provide: CONTROL_DB, useFactory: () => openControlDb(controlUrl) },
        { provide: KEY_STORE, inject: [CONTROL_DB], useFactory: (control: ControlDb) => new KyselyKeyStore(control.db) },
        ControlDbCloser,
      ],
      exports: [CONTROL_DB, KEY_STORE],
    };
  }
}
