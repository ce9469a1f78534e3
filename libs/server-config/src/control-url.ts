import { dirname, join } from 'node:path';

/** ASHIATO_CONTROL_URL when given, else the default beside the event log. */
export function controlUrlFrom(given: string | undefined, dbPath: string): string {
  if (given) return given;
  if (dbPath === ':memory:' || dbPath === '') return 'sqlite::memory:';
  return `sqlite:${join(dirname(dbPath), 'ashiato-control.db')}`;
}
