import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Kysely } from 'kysely';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { READ_MODEL, type ReadModel } from '@ashiato/projections';
import { AccessLogProjection } from '@ashiato/projections/dpo/access-log.projection';
import type { DpoDatabase } from '@ashiato/projections/dpo/dpo-tables';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { AUTH_CONFIG, authConfigFrom } from '../auth/auth.config';
import { AUTH_FAILURES, AuthFailureLimiter } from '../auth/auth-failures';
import { createDemoKeys } from '../auth/demo-keys';
import { DemoKeyRing, DemoKeysController } from '../auth/demo-keys.controller';
import { KEY_STORE, type KeyStore } from '@ashiato/control';
import { KeysController } from '../auth/keys.controller';
import { BreachesController } from '../breaches/breaches.controller';
import { APP_CONFIG, type AppConfig } from '@ashiato/server-config';
import { ErasuresController } from '../erasures/erasures.controller';
import { ProvisionRecordsController } from '../provision-records/provision-records.controller';
import { SubjectsController } from '../subjects/subjects.controller';
import { ACCESS_LOG, AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/**
 * The DPO and breach features plus access control: lineage, breaches, erasures, provision records,
 * the audit trail, API keys and the global key guard. Relies on the app's global EVENT_STORE,
 * READ_MODEL, ProjectionQueries, SubjectHasher, ReadYourWrites and APP_CONFIG.
 * API keys live in the control database (KEY_STORE of the app's global ControlModule, SHA-256 digests
 * only), never in the read model.
 */
@Module({
  controllers: [SubjectsController, BreachesController, ErasuresController, ProvisionRecordsController, AuditController, KeysController, DemoKeysController],
  providers: [
    { provide: AUTH_CONFIG, inject: [APP_CONFIG], useFactory: (c: AppConfig) => authConfigFrom(c) },
    { provide: AUTH_FAILURES, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new AuthFailureLimiter(c.authFailureLimit, c.authFailureWindowSeconds) },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    {
      provide: ACCESS_LOG,
      inject: [READ_MODEL, EVENT_STORE],
      useFactory: (rm: ReadModel, store: EventStore) => new AccessLogProjection(rm.db as unknown as Kysely<DpoDatabase>, store),
    },
    DemoKeyRing,
    AuditService,
  ],
  exports: [AuditService],
})
export class DpoModule implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly ring: DemoKeyRing,
  ) {}

  /** Demo mode prints one key per role at start (ASHIATO_DEMO=1) and keeps them for GET /v1/demo/keys. */
  async onApplicationBootstrap(): Promise<void> {
    // The banner is printed by bootstrap after the server listens, last and alone.
    if (this.config.demo) this.ring.keys = await createDemoKeys(this.keys, (line) => this.ring.banner.push(line));
  }
}
