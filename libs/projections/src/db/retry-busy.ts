/**
 * Lock conflicts a retry resolves: SQLite's SQLITE_BUSY family (another connection held the write lock
 * past busy_timeout, or committed under a read snapshot) and SQLITE_LOCKED; PostgreSQL's deadlock
 * (40P01), serialization failure (40001) and lock_not_available (55P03).
 */
export function isLockConflict(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return /^SQLITE_(BUSY|LOCKED)/.test(code) || code === '40P01' || code === '40001' || code === '55P03';
}

export interface RetryOptions {
  /** First wait; each further wait doubles, up to maxDelayMs, with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Tries in all, the first included. */
  attempts?: number;
  /** Told of each conflict before the wait (name and code only). */
  onConflict?: (attempt: number, err: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `step` again, with exponential backoff, while it fails on a lock conflict; any other error,
 * or a conflict on the last attempt, is thrown. `step` must be safe to repeat: each is one transaction
 * (rolled back on the conflict) or resumes from a committed checkpoint.
 */
export async function retryOnLockConflict<T>(step: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 40;
  const base = options.baseDelayMs ?? 50;
  const max = options.maxDelayMs ?? 2_000;
  const sleep = options.sleep ?? wait;
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (!isLockConflict(err) || attempt >= attempts) throw err;
      options.onConflict?.(attempt, err);
      const delay = Math.min(max, base * 2 ** (attempt - 1));
      await sleep(delay / 2 + Math.random() * (delay / 2));
    }
  }
}
