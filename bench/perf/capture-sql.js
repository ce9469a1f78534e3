// Jest setup file: appends every SQL text a better-sqlite3 connection prepares to $ASHIATO_CAPTURE_SQL
// (one JSON string a line), the input of bench/perf/read-model-shape.ts --sql. Run from the repository:
//   ASHIATO_CAPTURE_SQL=/tmp/sql.ndjson npx jest test/… --selectProjects e2e --setupFilesAfterEnv ./bench/perf/capture-sql.js
const { appendFileSync } = require('node:fs');
const Database = require('better-sqlite3');

const out = process.env.ASHIATO_CAPTURE_SQL ?? 'captured-sql.ndjson';
const prepare = Database.prototype.prepare;
if (!prepare.captured) {
  Database.prototype.prepare = function (text, ...rest) {
    appendFileSync(out, `${JSON.stringify(text)}\n`);
    return prepare.call(this, text, ...rest);
  };
  Database.prototype.prepare.captured = true;
}
