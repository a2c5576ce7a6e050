#!/usr/bin/env node
// `npm start`: builds what is needed (Nx caches unchanged projects) and serves everything on
// one port — the client at /, GraphQL at /graphql, GET /health — on the embedded defaults
// unless DATABASE_URL / REDIS_URL are set.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

if (!process.env.VERBATIM_SKIP_BUILD) {
  console.log('verbatim: building api and client (cached after the first time)...');
  const build = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'api', 'client', '--outputStyle=static'],
    {
      stdio: 'inherit',
      env,
    },
  );
  if (build.status !== 0) {
    console.error('verbatim: the build failed; see above.');
    process.exit(build.status ?? 1);
  }
}
if (!existsSync('dist/api/main.js')) {
  console.error('verbatim: dist/api/main.js is missing; run `npm run build`.');
  process.exit(1);
}

const server = spawn(process.execPath, ['dist/api/main.js'], {
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
