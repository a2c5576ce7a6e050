// What the bench scripts share: running one of them on its own from the command line.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * When the module at `moduleUrl` is the script node was started with: builds the api (unless
 * BENCH_SKIP_BUILD=1), runs `bench` and exits with its outcome. Imported by scripts/bench.mjs,
 * the module does nothing here.
 */
export function runWhenStarted(moduleUrl, bench) {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  if (!process.env.BENCH_SKIP_BUILD) {
    const b = spawnSync('npx', ['nx', 'run', 'api:build', '--outputStyle=static'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    if (b.status !== 0) process.exit(1);
  }
  bench().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
