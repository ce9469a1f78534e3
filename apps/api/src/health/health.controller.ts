import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/roles';
import { WithoutReadModel } from '../consistency/read-model-log';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { LiveProjection, logMismatchMessage, ProjectionQueries, READ_MODEL_LOG_MISMATCH } from '@ashiato/projections';

/** `GET /health`: the event store answers and the read model answers (with how far it lags). */
@ApiTags('operations')
@Public()
@WithoutReadModel()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: LiveProjection,
    private readonly queries: ProjectionQueries,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.eventStore(), () => this.readModel()]);
  }

  private async eventStore() {
    const indicator = this.indicators.check('eventStore');
    try {
      // The log's identity and head hash (libs/event-store/README.md): an auditor compares them with a kept statement.
      const { logId, headPosition, headHash } = await this.store.identity();
      return indicator.up({ headPosition, logId, headHash });
    } catch {
      return indicator.down({ message: 'event store unreachable' });
    }
  }

  private async readModel() {
    const indicator = this.indicators.check('readModel');
    const mismatch = this.runner.logMismatch();
    if (mismatch) {
      // Built from another log: its answers are withheld (ReadModelLogInterceptor) until rebuilt.
      return indicator.down({
        code: READ_MODEL_LOG_MISMATCH,
        message: logMismatchMessage(mismatch),
        readModelLogId: mismatch.readModelLogId,
        logId: mismatch.logId,
      });
    }
    try {
      await this.queries.listControllers();
      return indicator.up({ projectedPosition: this.runner.projectedPosition() });
    } catch {
      return indicator.down({ message: 'read model unreachable' });
    }
  }
}
