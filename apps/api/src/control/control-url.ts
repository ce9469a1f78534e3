import { dirname, join } from 'node:path';

/** The control database URL the environment names, or the default beside the event log. */
export function controlUrlFrom(env: NodeJS.ProcessEnv, dbPath: string): string {
  const given = env.ASHIATO_CONTROL_URL?.trim();
  if (given) return given;
  if (dbPath === ':memory:' || dbPath === '') return 'sqlite::memory:';
  return `sqlite:${join(dirname(dbPath), 'ashiato-control.db')}`;
}
