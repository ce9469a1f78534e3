import { Injectable } from '@nestjs/common';

/** Positions remembered; older audit appends are forgotten (a move across them then counts as a change). */
const REMEMBERED = 4096;

/**
 * Log positions of the `AccessRecorded` events this process appended. A dashboard re-reads its view
 * when the projected position moves; its reads are audited, and each audit event moves the position
 * again. The live stream asks `onlyAudit` to stay silent when a move consists of these events alone,
 * so that reading does not keep a dashboard re-reading. On a store whose positions are not consecutive
 * integers (EventStoreDB's are byte offsets) no move is audit-only and every move is signalled.
 */
@Injectable()
export class AuditPositions {
  private readonly positions = new Set<number>();
  private readonly order: number[] = [];

  add(position: number): void {
    if (this.positions.has(position)) return;
    this.positions.add(position);
    this.order.push(position);
    if (this.order.length > REMEMBERED) this.positions.delete(this.order.shift()!);
  }

  /** True when every position in (from, to] holds an audit event appended here. */
  onlyAudit(from: number, to: number): boolean {
    if (to <= from || to - from > REMEMBERED) return false;
    for (let p = from + 1; p <= to; p++) if (!this.positions.has(p)) return false;
    return true;
  }
}
