import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const workspaceRoot = resolve(__dirname, '../../..');
export const outputDir = join(workspaceRoot, 'test-output/e2e');
// One state file per checkout, so browser tests of two checkouts on one machine do not meet.
const stateFile = join(
  tmpdir(),
  `verbatim-client-e2e-${createHash('sha256').update(workspaceRoot).digest('hex').slice(0, 12)}.json`,
);

export interface E2eState {
  baseUrl: string;
  pid: number;
  dataDir: string;
}

export function readState(): E2eState {
  return JSON.parse(readFileSync(stateFile, 'utf8')) as E2eState;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`api exited with ${child.exitCode} before /health answered:\n${log()}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`GET ${url} did not answer 200 within ${timeoutMs / 1000} s:\n${log()}`);
}

/** Builds api and client (unless E2E_SKIP_BUILD=1), starts the api on a free port, waits for health. */
export async function startServer(): Promise<E2eState> {
  mkdirSync(outputDir, { recursive: true });
  if (process.env['E2E_SKIP_BUILD'] !== '1') {
    execSync('npx nx run-many -t build -p api,client --outputStyle=static', {
      cwd: workspaceRoot,
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'verbatim-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  // One test address signs up a user per test file, more than the api allows a real address in
  // an hour (20); the limits themselves are tested in the api suite.
  env['RATE_LIMIT_SIGNUP'] ??= '1000/1h';
  // DATABASE_URL and REDIS_URL pass through from the environment only when they are set.
  for (const key of ['DATABASE_URL', 'REDIS_URL']) if (!process.env[key]) delete env[key];

  const logPath = join(outputDir, 'server.log');
  const logStream = createWriteStream(logPath);
  const child = spawn(process.execPath, ['dist/api/main.js'], {
    cwd: workspaceRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  child.stdout?.pipe(logStream);
  child.stderr?.pipe(logStream);
  const tail = () => {
    try {
      return readFileSync(logPath, 'utf8').split('\n').slice(-40).join('\n');
    } catch {
      return '';
    }
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${baseUrl}/health`, child, 120_000, tail);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const state: E2eState = { baseUrl, pid: child.pid ?? 0, dataDir };
  writeFileSync(stateFile, JSON.stringify(state));
  (globalThis as { __verbatimApi?: ChildProcess }).__verbatimApi = child;
  return state;
}

export async function stopServer(): Promise<void> {
  const child = (globalThis as { __verbatimApi?: ChildProcess }).__verbatimApi;
  let state: E2eState | null = null;
  try {
    state = readState();
  } catch {
    // setup never got that far
  }
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  if (state) rmSync(state.dataDir, { recursive: true, force: true });
  rmSync(stateFile, { force: true });
}
