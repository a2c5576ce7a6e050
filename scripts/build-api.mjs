#!/usr/bin/env node
// Compiles the api and the libraries it runs (libs/transcript, libs/analysis, libs/interop) into
// one folder with swc (the `api:build` target; type checking is its own step). Paths inside are
// relative to the code, so `node <out>/main.js` runs from any working directory as long as <out>
// stays inside the repository (node_modules is found from there). Shipped as they are: the
// embedded database server (pglite-server.mjs, started as its own process) and the worker-thread
// task files (*.task.js). Not shipped: specs and test-only code, such as the fake OpenAI server.
//   node scripts/build-api.mjs [outDir]        (default dist/api)
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.cwd(), process.argv[2] ?? path.join(root, 'dist/api'));
const swc = createRequire(import.meta.url).resolve('@swc/cli/bin/swc.js');

rmSync(out, { recursive: true, force: true });
const result = spawnSync(
  process.execPath,
  [
    swc,
    'api/src',
    'libs/transcript/src',
    'libs/analysis/src',
    'libs/interop/src',
    '-d',
    out,
    '--config-file',
    '.swcrc',
    // Only TypeScript is compiled; everything else (pglite-server.mjs) is copied as it is.
    '--extensions',
    '.ts',
    '--copy-files',
    '--ignore',
    '**/*.spec.ts',
    '--ignore',
    '**/*.int-spec.ts',
    '--ignore',
    'libs/analysis/src/testing/**',
    '--ignore',
    'libs/interop/src/testing/**',
    '--ignore',
    'api/src/**/testing/**',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
if (result.status !== 0) process.exit(result.status ?? 1);

writeFileSync(path.join(out, 'main.js'), "require('./api/src/main.js');\n");
writeFileSync(path.join(out, 'worker.js'), "require('./api/src/worker.js');\n");

const required = [
  'api/src/database/embedded/pglite-server.mjs',
  'api/src/common/workers/worker-dispatch.js',
  'api/src/modules/transcripts/jobs/parse.task.js',
  'api/src/modules/transcripts/jobs/parse-child.js',
  'api/src/modules/analysis/providers/offline-tagger.task.js',
  'api/src/modules/reports/report-render.task.js',
  'api/src/modules/interchange/export/qdpx.task.js',
  'api/src/modules/exports/highlights/table.task.js',
];
const forbidden = [
  'libs/analysis/src/testing',
  'libs/interop/src/testing',
  'api/src/common/workers/testing',
];
const missing = required.filter((f) => !existsSync(path.join(out, f)));
const shipped = forbidden.filter((f) => existsSync(path.join(out, f)));
if (missing.length || shipped.length) {
  console.error(
    `build-api: ${missing
      .map((f) => `missing ${f}`)
      .concat(shipped.map((f) => `must not ship ${f}`))
      .join('; ')}`,
  );
  process.exit(1);
}
