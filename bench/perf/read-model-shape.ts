import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { READ_MODEL_TABLES } from '@ashiato/projections';

/**
 * What the read model is made of, and which of its indexes the queries use:
 *   read-model-shape.ts <read-model.db> --events N [--sql captured.ndjson …]
 * Prints, per table, its rows and rows per event, and the bytes of the table and of each of its indexes
 * (SQLite's dbstat). With --sql (the statements the read suites prepared, one JSON string a line, as
 * bench/perf/capture-sql.js records them), runs EXPLAIN QUERY PLAN of every distinct statement that
 * reads or updates a read-model table on this database and counts, per index, the statements whose
 * plan uses it: an index no statement uses is listed with 0.
 */
function args(): { path: string; events: number; sqlFiles: string[] } {
  const argv = process.argv.slice(2);
  const sqlFiles: string[] = [];
  let events = NaN;
  let path = '';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--events') events = Number(argv[++i]);
    else if (argv[i] === '--sql') sqlFiles.push(argv[++i]);
    else if (!argv[i].startsWith('--')) path = argv[i];
  }
  if (!path || !Number.isFinite(events)) throw new Error('usage: read-model-shape.ts <read-model.db> --events N [--sql file …]');
  return { path, events, sqlFiles };
}

/** Index names carry a rebuild's suffix and the version tag: the same index reads the same in every run. */
const bare = (name: string) => name.replace(/_v1(__\w+)?$/, '').replace(/__rb_\w+$/, '');

function statements(files: string[]): string[] {
  const tables = new RegExp(`\\b(${READ_MODEL_TABLES.join('|')})\\b`);
  const seen = new Set<string>();
  for (const file of files)
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      const text = (JSON.parse(line) as string)
        .replace(/__rb_\w+/g, '')
        .replace(/@\w+/g, '?')
        .replace(/\s+/g, ' ')
        .trim();
      if (/^(create|drop|alter|pragma|begin|commit|rollback|savepoint|release)\b/i.test(text) || /temp\./i.test(text)) continue;
      if (!/^(select|with|update|delete|insert)\b/i.test(text) || !tables.test(text) || /sqlite_master|pragma_/i.test(text)) continue;
      if (/^insert\b/i.test(text) && !/\bselect\b|on conflict/i.test(text)) continue;
      seen.add(text);
    }
  return [...seen];
}

function main(): void {
  const { path, events, sqlFiles } = args();
  const db = new Database(path, { fileMustExist: true });
  const objects = db
    .prepare(`SELECT name, tbl_name AS tbl, type, sql FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_stat%'`)
    .all() as {
    name: string;
    tbl: string;
    type: string;
    sql: string | null;
  }[];
  const bytes = new Map(
    (db.prepare('SELECT name, sum(pgsize) AS b FROM dbstat GROUP BY name').all() as { name: string; b: number }[]).map((r) => [r.name, r.b]),
  );
  const used = new Map<string, number>();
  const plans: string[] = [];
  for (const text of statements(sqlFiles)) {
    let plan: { detail: string }[];
    try {
      plan = db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...new Array<null>((text.match(/\?/g) ?? []).length).fill(null)) as { detail: string }[];
    } catch {
      continue; // A statement of another database the suites also ran (the event log, the control tables).
    }
    const details = plan.map((p) => p.detail);
    plans.push(`${text.slice(0, 160)}\n    ${details.join(' | ')}`);
    for (const d of details) {
      // A WITHOUT ROWID table's key is the table itself: `SEARCH t USING PRIMARY KEY` (t may be an alias).
      const key = /(?:SCAN|SEARCH) (\w+) USING (?:COVERING )?PRIMARY KEY/.exec(d);
      const ix = /USING (?:COVERING )?INDEX (\S+)/.exec(d);
      if (!ix && !key) continue;
      const auto = ix && /^sqlite_autoindex_(\w+)_\d+$/.exec(ix[1]);
      const name = key ? `${key[1]} (primary key)` : auto ? `${auto[1]} (primary key)` : bare(ix![1]);
      used.set(name, (used.get(name) ?? 0) + 1);
    }
  }
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  process.stdout.write(
    `read model ${mb(total)} MiB, ${events} events\n\n| table | rows | rows/event | table MiB | indexes (MiB, statements using it) |\n|---|---|---|---|---|\n`,
  );
  for (const table of READ_MODEL_TABLES) {
    const rows = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const keyed = /without rowid/i.test(objects.find((o) => o.type === 'table' && o.name === table)?.sql ?? '');
    const indexes = objects
      .filter((o) => (o.type === 'index' && o.tbl === table) || (keyed && o.name === table))
      .map((o) => {
        const name = o.name.startsWith('sqlite_autoindex') || o.type === 'table' ? `${table} (primary key)` : bare(o.name);
        return `${name.replace(`ix_${table}_`, '')} ${mb(bytes.get(o.name) ?? 0)} (${used.get(name) ?? 0})`;
      });
    process.stdout.write(`| ${table} | ${rows} | ${(rows / events).toFixed(3)} | ${mb(bytes.get(table) ?? 0)} | ${indexes.join('; ')} |\n`);
  }
  if (process.argv.includes('--plans')) process.stdout.write(`\n${plans.join('\n')}\n`);
  db.close();
}

main();
