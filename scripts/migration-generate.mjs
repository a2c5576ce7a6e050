#!/usr/bin/env node
// `npm run migration:generate -- Name`: builds the api, then writes
// api/src/database/migrations/<timestamp>-Name.ts with the SQL that brings a freshly migrated
// database in line with the entities (run against a throwaway in-memory PGlite). Review it and
// add it to migrations/index.ts.
import { spawnSync } from 'node:child_process';

const name = process.argv[2];
if (!name) {
  console.error('usage: npm run migration:generate -- PascalCaseName');
  process.exit(2);
}
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const build = spawnSync('npx', ['nx', 'run', 'api:build', '--outputStyle=static'], {
  stdio: 'inherit',
  env,
});
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(
  process.execPath,
  ['dist/api/api/src/database/tools/generate-migration.js', name],
  { stdio: 'inherit', env },
);
process.exit(run.status ?? 1);
