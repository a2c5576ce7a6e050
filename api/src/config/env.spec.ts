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
    const all = problems({
      DATABASE_URL: 'mysql://me:hunter2@db/x',
      OPENAI_BASE_URL: 'ftp://x',
      PORT: 'eighty',
    }).join('\n');
    expect(all).not.toContain('hunter2');
    expect(all).toMatch(/OPENAI_BASE_URL/);
    expect(all).toMatch(/PORT/);
  });

  it('reads human byte sizes for MAX_UPLOAD_BYTES and refuses nonsense', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), MAX_UPLOAD_BYTES: '10MB' }).uploads.maxBytes).toBe(
      10 * 1024 * 1024,
    );
    expect(parseByteSize('512kb')).toBe(512 * 1024);
    expect(problems({ MAX_UPLOAD_BYTES: 'lots' })[0]).toMatch(/^MAX_UPLOAD_BYTES/);
  });

  it('refuses to start in production without AUTH_SECRET', () => {
    expect(problems({ NODE_ENV: 'production' })[0]).toMatch(
      /AUTH_SECRET is required in production/,
    );
  });

  it('keeps a generated signing key in DATA_DIR so sessions survive a restart', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).auth.secret;
    expect(loadConfig({ DATA_DIR: dir }).auth.secret).toBe(first);
    expect(readFileSync(path.join(dir, 'auth-secret'), 'utf8')).toBe(first);
  });

  it('runs only workers with WORKER_ONLY=1', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), WORKER_ONLY: '1' }).role).toMatchObject({
      api: false,
      worker: true,
    });
  });

  it('gives access tokens 15 minutes and refresh tokens 30 days; AUTH_TOKEN_TTL still sets the access lifetime', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).auth).toMatchObject({
      tokenTtl: '15m',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 86_400,
    });
    expect(
      loadConfig({ DATA_DIR: dataDir(), AUTH_TOKEN_TTL: '1h' }).auth.accessTokenTtlSeconds,
    ).toBe(3600);
    expect(
      loadConfig({ DATA_DIR: dataDir(), AUTH_TOKEN_TTL: '1h', ACCESS_TOKEN_TTL: '5m' }).auth
        .accessTokenTtlSeconds,
    ).toBe(300);
    expect(problems({ REFRESH_TOKEN_TTL: 'forever' })[0]).toMatch(
      /^REFRESH_TOKEN_TTL must look like 15m/,
    );
  });

  it("reads rate limits as 'points/window' or 'off' and names a bad one", () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      RATE_LIMIT_LOGIN: '5/10m',
      RATE_LIMIT_UPLOAD: 'off',
    });
    expect(config.rateLimits.login).toEqual({ points: 5, durationSeconds: 600 });
    expect(config.rateLimits.upload).toBeNull();
    expect(config.rateLimits.signup).toEqual({ points: 20, durationSeconds: 3600 });
    expect(problems({ RATE_LIMIT_SIGNUP: 'ten per hour' })[0]).toMatch(
      /^RATE_LIMIT_SIGNUP must look like 10\/15m/,
    );
    expect(problems({ RATE_LIMIT_LOGIN: '0/1m' })[0]).toMatch(/^RATE_LIMIT_LOGIN/);
  });

  it('turns introspection off in production unless GRAPHQL_INTROSPECTION=true', () => {
    const prod = { DATA_DIR: dataDir(), NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) };
    expect(loadConfig(prod).graphql).toEqual({
      introspection: false,
      maxDepth: 12,
      maxComplexity: 70_000,
      maxAliases: 15,
    });
    expect(loadConfig({ ...prod, GRAPHQL_INTROSPECTION: 'true' }).graphql.introspection).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir() }).graphql.introspection).toBe(true);
    expect(
      loadConfig({ DATA_DIR: dataDir(), GRAPHQL_INTROSPECTION: 'false' }).graphql.introspection,
    ).toBe(false);
  });

  it('takes CORS_ORIGINS as bare origins and refuses paths', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).web.corsOrigins).toEqual([]);
    expect(
      loadConfig({ DATA_DIR: dataDir(), CORS_ORIGINS: 'https://a.example, http://b.example:8080/' })
        .web.corsOrigins,
    ).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(problems({ CORS_ORIGINS: 'https://a.example/app' })[0]).toMatch(
      /^CORS_ORIGINS must be comma-separated origins/,
    );
  });

  it('sizes the worker-thread pool for CPU work and refuses a heap too small to start a thread', () => {
    const defaults = loadConfig({ DATA_DIR: dataDir() }).workerThreads;
    expect(defaults.maxThreads).toBeGreaterThanOrEqual(2);
    expect(defaults.maxThreads).toBeLessThanOrEqual(4);
    expect(defaults).toMatchObject({ maxMemoryMb: 512, taskTimeoutMs: 600_000 });
    expect(
      loadConfig({
        DATA_DIR: dataDir(),
        WORKER_THREADS: '1',
        WORKER_THREAD_MEMORY: '1.5gb',
        WORKER_TASK_TIMEOUT: '90s',
      }).workerThreads,
    ).toEqual({ maxThreads: 1, maxMemoryMb: 1536, taskTimeoutMs: 90_000 });
    expect(problems({ WORKER_THREAD_MEMORY: '16MB' })[0]).toMatch(
      /^WORKER_THREAD_MEMORY must be at least 32MB/,
    );
    expect(problems({ WORKER_THREADS: '0' })[0]).toMatch(/^WORKER_THREADS/);
  });

  it('sends no e-mail without SMTP_URL, and links e-mails to this server by default', () => {
    const { mail } = loadConfig({ DATA_DIR: dataDir(), PORT: '4000' });
    expect(mail).toMatchObject({
      smtpUrl: null,
      publicUrl: 'http://localhost:4000',
      digestIntervalMs: 300_000,
      sendAttempts: 5,
    });
  });

  it('reads the e-mail settings and names each bad one', () => {
    const { mail } = loadConfig({
      DATA_DIR: dataDir(),
      SMTP_URL: 'smtps://mailer:s3cret@smtp.example.com:465',
      MAIL_FROM: 'Verbatim <verbatim@example.com>',
      PUBLIC_URL: 'https://verbatim.example.com/',
      MAIL_DIGEST_INTERVAL: 'off',
    });
    expect(mail).toMatchObject({
      smtpUrl: 'smtps://mailer:s3cret@smtp.example.com:465',
      from: 'Verbatim <verbatim@example.com>',
      publicUrl: 'https://verbatim.example.com',
      digestIntervalMs: null,
    });
    const all = problems({
      SMTP_URL: 'http://mailer:s3cret@smtp.example.com',
      MAIL_FROM: 'not an address',
      PUBLIC_URL: 'verbatim.example.com',
      MAIL_DIGEST_INTERVAL: 'hourly',
    });
    expect(all.map((p) => p.split(' ')[0]).sort()).toEqual([
      'MAIL_DIGEST_INTERVAL',
      'MAIL_FROM',
      'PUBLIC_URL',
      'SMTP_URL',
    ]);
    expect(all.join('\n')).not.toContain('s3cret');
  });

  it('refuses SMTP_URL without a sender, and in production without PUBLIC_URL', () => {
    expect(problems({ SMTP_URL: 'smtp://smtp.example.com:587' })).toEqual([
      expect.stringMatching(/^MAIL_FROM is required with SMTP_URL/),
    ]);
    expect(
      problems({
        NODE_ENV: 'production',
        AUTH_SECRET: 'a-production-secret-that-is-long-enough',
        SMTP_URL: 'smtp://smtp.example.com:587',
        MAIL_FROM: 'verbatim@example.com',
      }),
    ).toEqual([expect.stringMatching(/^PUBLIC_URL is required with SMTP_URL in production/)]);
  });
});
