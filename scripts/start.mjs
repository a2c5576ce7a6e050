#!/usr/bin/env node
// `npm start`: builds what is needed (Nx caches unchanged projects) and serves everything on
// one port — the client at /, GraphQL at /graphql, GET /health — on the embedded defaults
// unless DATABASE_URL / REDIS_URL are set. The build runs in the repository; the server finds
// everything it ships relative to its own files, so it runs in the caller's working directory
// (DATA_DIR, ./.data by default, is relative to it).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const main = path.join(root, 'dist/api/main.js');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

if (!process.env.VERBATIM_SKIP_BUILD) {
  console.log('verbatim: building api and client (cached after the first time)...');
  const build = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'api', 'client', '--outputStyle=static'],
    { stdio: 'inherit', env, cwd: root },
  );
  if (build.status !== 0) {
    console.error('verbatim: the build failed; see above.');
    process.exit(build.status ?? 1);
  }
}
if (!existsSync(main)) {
  console.error(`verbatim: ${main} is missing; run \`npm run build\`.`);
  process.exit(1);
}

const server = spawn(process.execPath, [main], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
