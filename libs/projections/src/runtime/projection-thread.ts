import type { EventStoreConfig } from '@ashiato/event-store';
import { DEFAULT_READ_MODEL_URL } from '../db/connect';

/** ASHIATO_PROJECTION_THREAD: where the API's live projection runs. */
export type ProjectionThread = 'auto' | 'inline' | 'worker';
export const PROJECTION_THREADS: readonly ProjectionThread[] = ['auto', 'inline', 'worker'];

export class ProjectionThreadError extends Error {
  readonly code = 'PROJECTION_THREAD_UNAVAILABLE';
  constructor(reason: string) {
    super(`ASHIATO_PROJECTION_THREAD=worker cannot be used: ${reason}`);
    this.name = 'ProjectionThreadError';
  }
}

/** An in-memory SQLite database exists only on the connection that opened it: no other thread sees it. */
function inMemoryReadModel(url: string): boolean {
  if (/^postgres(ql)?:\/\//.test(url)) return false;
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  return path === '' || path === ':memory:' || /^file:.*mode=memory/.test(path);
}

function inMemoryStore(store: EventStoreConfig): boolean {
  if (store.eventStoreUrl) return false;
  const path = store.dbPath ?? '';
  return path === ':memory:' || /^file:.*mode=memory/.test(path);
}

/** Why a worker thread could not project these databases, or undefined when it can. */
export function workerObstacle(readModelUrl: string, store: EventStoreConfig | undefined): string | undefined {
  if (!store) return 'the event store configuration is not known to the projections module';
  if (inMemoryReadModel(readModelUrl)) return 'the read model is an in-memory SQLite database';
  if (inMemoryStore(store)) return 'the event store is an in-memory SQLite database';
  return undefined;
}

/**
 * `inline` (the API's event loop) or `worker` (a worker thread with its own connections). `auto`
 * chooses the worker unless the read model or the event store lives in this thread's memory, or the
 * store's configuration is unknown (a store injected without it). Forcing `worker` where it cannot
 * work throws ProjectionThreadError.
 */
export function chooseProjectionThread(
  requested: ProjectionThread = 'auto',
  readModelUrl: string = DEFAULT_READ_MODEL_URL,
  store?: EventStoreConfig,
): 'inline' | 'worker' {
  if (requested === 'inline') return 'inline';
  const obstacle = workerObstacle(readModelUrl, store);
  if (requested === 'worker' && obstacle) throw new ProjectionThreadError(obstacle);
  return obstacle ? 'inline' : 'worker';
}
