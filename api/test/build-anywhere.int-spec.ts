import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeDocx } from '../../libs/transcript/src/testing/zip-files';
import { REPO_ROOT } from './test-app';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The build as `npx nx run api:build` makes it (scripts/build-api.mjs), into a folder of its own
 * inside the repository, started from a working directory outside it.
 */
describe('the built api', () => {
  const buildRoot = path.join(REPO_ROOT, 'tmp', `build-anywhere-${process.pid}`);
  const out = path.join(buildRoot, 'api');
  const cwd = mkdtempSync(path.join(tmpdir(), 'verbatim-elsewhere-'));
  let server: ChildProcess | null = null;

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(buildRoot, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  });

  it('ships the embedded database server and the worker tasks, not the fake OpenAI server', () => {
    const build = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts/build-api.mjs'), out],
      {
        cwd,
        encoding: 'utf8',
      },
    );
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    for (const file of [
      'main.js',
      'api/src/database/embedded/pglite-server.mjs',
      'api/src/modules/transcripts/jobs/parse.task.js',
      'api/src/modules/analysis/providers/offline-tagger.task.js',
    ])
      expect(existsSync(path.join(out, file))).toBe(true);
    expect(existsSync(path.join(out, 'libs/analysis/src/testing'))).toBe(false);
    expect(existsSync(path.join(out, 'api/src/database/embedded/pglite-server.js'))).toBe(false);
  }, 180_000);

  it('starts from another working directory: health, the client beside it, and a DOCX parsed in a worker thread', async () => {
    mkdirSync(path.join(buildRoot, 'client/browser'), { recursive: true });
    writeFileSync(
      path.join(buildRoot, 'client/browser/index.html'),
      '<html><body>built client</body></html>',
    );
    const port = await freePort();
    server = spawn(process.execPath, [path.join(out, 'main.js')], {
      cwd,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: 'data',
        DATABASE_URL: '',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    let health = 0;
    for (let i = 0; i < 600 && health !== 200 && server.exitCode === null; i++) {
      health = await fetch(`${base}/health`).then(
        (r) => r.status,
        () => 0,
      );
      if (health !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(health).toBe(200);
    expect(existsSync(path.join(cwd, 'data/pg'))).toBe(true);
    expect(await (await fetch(`${base}/`, { headers: { accept: 'text/html' } })).text()).toMatch(
      /built client/,
    );

    const gql = async <T>(query: string, variables: object, token?: string): Promise<T> => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data: T; errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const { signUp } = await gql<{ signUp: { token: string } }>(
      `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`,
      { i: { email: 'built@example.com', password: 'correct horse battery', name: 'Built' } },
    );
    const { createWorkspace } = await gql<{ createWorkspace: { id: string } }>(
      `mutation { createWorkspace(input: { name: "W" }) { id } }`,
      {},
      signUp.token,
    );
    const { createProject } = await gql<{ createProject: { id: string } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId: createWorkspace.id, name: 'P' } },
      signUp.token,
    );
    const form = new FormData();
    form.append(
      'file',
      new Blob([makeDocx(['Ann Lee: Hello there.', 'Bo: Hi.', 'Ann Lee: Shall we start?'])]),
      'interview.docx',
    );
    const upload = await fetch(`${base}/api/projects/${createProject.id}/transcripts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signUp.token}` },
      body: form,
    });
    expect(upload.status).toBe(201);
    const { id } = (await upload.json()) as { id: string };
    let transcript = { status: 'UPLOADED', format: null as string | null, error: null };
    for (let i = 0; i < 600 && !['READY', 'FAILED'].includes(transcript.status); i++) {
      await new Promise((r) => setTimeout(r, 250));
      ({ transcript } = await gql<{ transcript: typeof transcript }>(
        `query($id: ID!) { transcript(id: $id) { status format error } }`,
        { id },
        signUp.token,
      ));
    }
    expect(transcript).toEqual({ status: 'READY', format: 'DOCX', error: null });
  }, 240_000);
});
