import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, parseByteSize } from './env';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'verbatim-env-'));

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: dataDir(), ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeNull();
    expect(config.redis.url).toBeNull();
    expect(config.uploads.maxBytes).toBe(50 * 1024 * 1024);
    expect(config.role).toMatchObject({ api: true, worker: true });
    expect(config.llm.apiKey).toBeNull();
  });

  it('names the variable and shows the bad value for a malformed DATABASE_URL', () => {
    const [problem] = problems({ DATABASE_URL: 'localhost:5432/verbatim' });
    expect(problem).toMatch(/^DATABASE_URL must be a URL like postgres:\/\//);
    expect(problem).toContain("got 'localhost:5432/verbatim'");
  });

  it('never echoes a password or key back', () => {
    const all = problems({ DATABASE_URL: 'mysql://me:hunter2@db/x', OPENAI_BASE_URL: 'ftp://x', PORT: 'eighty' }).join('\n');
    expect(all).not.toContain('hunter2');
    expect(all).toMatch(/OPENAI_BASE_URL/);
    expect(all).toMatch(/PORT/);
  });

  it('reads human byte sizes for MAX_UPLOAD_BYTES and refuses nonsense', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), MAX_UPLOAD_BYTES: '10MB' }).uploads.maxBytes).toBe(10 * 1024 * 1024);
    expect(parseByteSize('512kb')).toBe(512 * 1024);
    expect(problems({ MAX_UPLOAD_BYTES: 'lots' })[0]).toMatch(/^MAX_UPLOAD_BYTES/);
  });

  it('refuses to start in production without AUTH_SECRET', () => {
    expect(problems({ NODE_ENV: 'production' })[0]).toMatch(/AUTH_SECRET is required in production/);
  });

  it('keeps a generated signing key in DATA_DIR so sessions survive a restart', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).auth.secret;
    expect(loadConfig({ DATA_DIR: dir }).auth.secret).toBe(first);
    expect(readFileSync(path.join(dir, 'auth-secret'), 'utf8')).toBe(first);
  });

  it('runs only workers with WORKER_ONLY=1', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), WORKER_ONLY: '1' }).role).toMatchObject({ api: false, worker: true });
  });
});
