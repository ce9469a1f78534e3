import { Sse, type MessageEvent, type OnModuleDestroy } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import { distinctUntilChanged, filter, interval, map, merge, startWith, Subject, takeUntil, type Observable } from 'rxjs';
import { LiveProjection } from '@ashiato/projections';
import { AuditPositions } from '../audit/audit-positions';
import { StatsRoute } from './stats-route';

/** How often the in-process projected position is looked at (a number in memory, no I/O). */
const SAMPLE_MS = 200;
/** A comment-free heartbeat keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

/**
 * `GET /v1/stats/live`: Server-Sent Events carrying the projected position each time it moves, so a
 * dashboard re-reads its view when new events are projected instead of polling. A position only,
 * no subject refs, so viewer keys may follow it.
 */
@StatsRoute('read models')
export class LiveStatsController implements OnModuleDestroy {
  /** Ends every open stream when the app closes, so that shutdown does not wait for dashboards to leave. */
  private readonly closing = new Subject<void>();

  constructor(
    private readonly runner: LiveProjection,
    private readonly audit: AuditPositions,
  ) {}

  onModuleDestroy(): void {
    this.closing.next();
    this.closing.complete();
  }

  @Sse('live')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Server-Sent Events: `position` events with {projectedPosition} whenever the read model moves, `heartbeat` every 15 s' })
  live(): Observable<MessageEvent> {
    // A move made only of this server's audit events (a dashboard's own reads) is not news: signalling
    // it would make the dashboard read again, be audited again, and so on.
    let signalled: number | undefined;
    const positions = interval(SAMPLE_MS).pipe(
      startWith(0),
      map(() => this.runner.projectedPosition()),
      distinctUntilChanged(),
      filter((position) => {
        const news = signalled === undefined || !this.audit.onlyAudit(signalled, position);
        signalled = position;
        return news;
      }),
      map((projectedPosition): MessageEvent => ({ type: 'position', data: { projectedPosition } })),
    );
    const heartbeats = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: {} })));
    return merge(positions, heartbeats).pipe(takeUntil(this.closing));
  }
}
