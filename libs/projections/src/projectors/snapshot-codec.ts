import type { ConsentRecord, RetentionFlags, SubjectState, WithdrawalRecord } from '@ashiato/domain';

/** A recipient that must still erase items after the controller erased them. */
export interface PendingObligation {
  id: string;
  holder: string;
  items: string[];
}

/** What the projection keeps per (controller, subject) so that judging a flow never replays the log. */
export interface SubjectSnapshot {
  state: SubjectState;
  pending: PendingObligation[];
  /** The next instant a held item's retention ends (retention-tracker.ts); also subject_state.retention_due_at. */
  retentionDue?: string;
  /** Holdings already found past their retention. */
  retentionFlags?: RetentionFlags;
}

/**
 * The subject_state text of a snapshot. The plain JSON of a snapshot repeats each item name, ISO
 * instant and event id once per held item (holdings, firstAcquiredAt): ≈ 3.2 kB for a typical
 * subject, more than SQLite fits twice in a 4 KiB page, so every row took a page of its own. Here
 * each distinct string is written once in a table (`s`) and the per-item maps become runs of
 * indexes: [since, eventId, item, item, …] for consecutive items that share since and eventId, which
 * is how they were acquired. Runs keep the items' order, so a decoded state iterates exactly as the
 * encoded one did. Consents, withdrawals and pending obligations are kept as they are.
 */
interface CompactSnapshot {
  /** Every item, instant and event id the runs refer to. */
  s: string[];
  /** holder -> runs of [since, eventId, ...items] (indexes into s). */
  h: Record<string, number[][]>;
  /** holder -> runs of [at, eventId, ...items]. */
  e: Record<string, number[][]>;
  /** runs of [at, ...items] of firstAcquiredAt. */
  f: number[][];
  c: ConsentRecord[];
  w?: WithdrawalRecord[];
  l?: string;
  p: PendingObligation[];
  /** retentionDue */
  r?: string;
  /** retentionFlags */
  t?: RetentionFlags;
}

class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/** holder -> item -> {a, b} as holder -> runs of [a, b, ...items]. */
function pairRuns<A extends string, B extends string>(
  map: Record<string, Record<string, Record<A | B, string>>>,
  a: A,
  b: B,
  table: StringTable,
): Record<string, number[][]> {
  const out: Record<string, number[][]> = {};
  for (const holder of Object.keys(map)) {
    const items = map[holder];
    const runs: number[][] = [];
    let run: number[] | undefined;
    for (const item of Object.keys(items)) {
      const x = table.of(items[item][a]);
      const y = table.of(items[item][b]);
      if (!run || run[0] !== x || run[1] !== y) runs.push((run = [x, y]));
      run.push(table.of(item));
    }
    setOwn(out, holder, runs);
  }
  return out;
}

function instantRuns(map: Record<string, string>, table: StringTable): number[][] {
  const runs: number[][] = [];
  let run: number[] | undefined;
  for (const item of Object.keys(map)) {
    const at = table.of(map[item]);
    if (!run || run[0] !== at) runs.push((run = [at]));
    run.push(table.of(item));
  }
  return runs;
}

export function encodeSnapshot(snapshot: SubjectSnapshot): string {
  const { state } = snapshot;
  const table = new StringTable();
  const h = pairRuns(state.holdings, 'since', 'eventId', table);
  const e = pairRuns(state.erased, 'at', 'eventId', table);
  const f = instantRuns(state.firstAcquiredAt, table);
  const compact: CompactSnapshot = { s: table.list, h, e, f, c: state.consents, p: snapshot.pending };
  if (state.withdrawals !== undefined) compact.w = state.withdrawals;
  if (state.lastActivityAt !== undefined) compact.l = state.lastActivityAt;
  if (snapshot.retentionDue !== undefined) compact.r = snapshot.retentionDue;
  if (snapshot.retentionFlags !== undefined) compact.t = snapshot.retentionFlags;
  return JSON.stringify(compact);
}

function pairMap(runs: Record<string, number[][]>, a: string, b: string, s: string[]): Record<string, Record<string, never>> {
  const out: Record<string, Record<string, never>> = {};
  for (const holder of Object.keys(runs)) {
    const items: Record<string, never> = {};
    for (const run of runs[holder]) {
      for (let k = 2; k < run.length; k++) setOwn(items, s[run[k]], { [a]: s[run[0]], [b]: s[run[1]] } as never);
    }
    setOwn(out, holder, items);
  }
  return out;
}

export function decodeSnapshot(text: string): SubjectSnapshot {
  const parsed = JSON.parse(text) as CompactSnapshot;
  const { s } = parsed;
  const firstAcquiredAt: Record<string, string> = {};
  for (const run of parsed.f) for (let k = 1; k < run.length; k++) setOwn(firstAcquiredAt, s[run[k]], s[run[0]]);
  const state: SubjectState = {
    holdings: pairMap(parsed.h, 'since', 'eventId', s),
    erased: pairMap(parsed.e, 'at', 'eventId', s),
    consents: parsed.c,
    ...(parsed.w !== undefined ? { withdrawals: parsed.w } : {}),
    firstAcquiredAt,
    ...(parsed.l !== undefined ? { lastActivityAt: parsed.l } : {}),
  };
  return {
    state,
    pending: parsed.p,
    ...(parsed.r !== undefined ? { retentionDue: parsed.r } : {}),
    ...(parsed.t !== undefined ? { retentionFlags: parsed.t } : {}),
  };
}

/** Like JSON.parse, a key named `__proto__` becomes an own property, not the object's prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
