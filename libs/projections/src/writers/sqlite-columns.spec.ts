import { SQLITE_TABLES } from './sqlite-columns';

describe('SQLite insert columns', () => {
  it.each(Object.values(SQLITE_TABLES))('$name: each column gets its own value, in the order of the column list', (table) => {
    // A row whose every field holds its own name: the parameters must then read as the column list.
    const row = new Proxy({}, { get: (_, key) => String(key) });
    const params: unknown[] = ['before'];
    (table.fill as (r: unknown, p: unknown[], at: number) => void)(row, params, 1);
    expect(params).toEqual(['before', ...table.columns]);
  });
});
