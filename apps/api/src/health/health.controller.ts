import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@ashiato/event-store';
import { LiveProjection, ProjectionQueries } from '@ashiato/projections';

/** `GET /health`: the event store answers and the read model answers (with how far it lags). */
@ApiTags('operations')
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
      return indicator.up({ headPosition: await this.store.headPosition() });
    } catch {
      return indicator.down({ message: 'event store unreachable' });
    }
  }

  private async readModel() {
    const indicator = this.indicators.check('readModel');
    try {
      await this.queries.listControllers();
      return indicator.up({ projectedPosition: this.runner.projectedPosition() });
    } catch {
      return indicator.down({ message: 'read model unreachable' });
    }
  }
}
