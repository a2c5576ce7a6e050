import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** The one reader of process.env: validates every variable and maps them into AppConfig. */

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
    message: 'must be a URL like postgres://user:password@host:5432/database',
  });
const redisUrl = z.string().refine((v) => /^rediss?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
  message: 'must be a URL like redis://host:6379',
});
const httpUrl = z.string().refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), {
  message: 'must be an http(s) URL',
});
const duration = z.string().regex(/^\d+[smhd]$/, 'must look like 15m, 12h or 7d');
/** A database timeout: `30s`, `500ms`, `2m`; `0` or `off` disables it. */
const dbTimeout = z
  .string()
  .regex(/^(off|0|\d+(ms|s|m|h))$/i, "must look like 30s, 500ms or 2m, or 'off'")
  .transform(parseMilliseconds);
/** `10/15m`: at most 10 in any 15 minutes; `off` disables the limit. */
const rateLimit = z
  .string()
  .regex(
    /^(off|[1-9]\d*\s*\/\s*[1-9]\d*[smhd])$/i,
    "must look like 10/15m (10 per 15 minutes) or 'off'",
  )
  .transform(parseRateLimit);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const originList = z
  .string()
  .refine((v) => v.split(',').every((o) => /^https?:\/\/[^/\s]+\/?$/.test(o.trim())), {
    message:
      'must be comma-separated origins such as https://app.example.com (scheme and host, no path)',
  })
  .transform((v) => v.split(',').map((o) => o.trim().replace(/\/$/, '')));
const byteSize = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i, 'must be a byte count such as 52428800 or 50MB')
  .transform(parseByteSize);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Longest statement the server runs for a request before cancelling it (PostgreSQL only). */
  DATABASE_STATEMENT_TIMEOUT: dbTimeout.prefault('30s'),
  /** Longest a connection may sit in an open transaction doing nothing before the server ends it. */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: dbTimeout.prefault('60s'),
  REDIS_URL: redisUrl.optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w:-]+$/)
    .default('verbatim'),
  APP_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  WORKER_ONLY: z.enum(['0', '1', 'true', 'false']).optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: httpUrl.optional(),
  LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
  EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
  /** Per-request timeout, retries (429/5xx honour retry-after) and requests in flight per process. */
  LLM_TIMEOUT: duration.default('60s'),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(4),
  LLM_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Most tokens a model may answer with (sent on every request), and the endpoint's name for it. */
  LLM_MAX_TOKENS: z.coerce.number().int().min(16).max(1_000_000).default(4096),
  LLM_MAX_TOKENS_PARAM: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
  /** A provider's answer larger than this is not read further: a failed attempt. */
  LLM_MAX_RESPONSE_BYTES: byteSize
    .refine((n) => n >= 1024, 'must be at least 1kb')
    .default(1024 * 1024),
  /** Retry-After: waited in place up to INLINE; up to MAX the chunk job is postponed (at most MAX_POSTPONEMENTS times); longer fails the chunk. */
  LLM_RETRY_AFTER_INLINE: duration.default('5s'),
  LLM_RETRY_AFTER_MAX: duration.default('10m'),
  LLM_MAX_POSTPONEMENTS: z.coerce.number().int().min(0).max(1000).default(10),
  /** Transcript text per request, and the overlap between neighbouring chunks, in tokens. */
  LLM_CHUNK_TOKENS: z.coerce.number().int().min(200).max(200_000).default(3000),
  LLM_CHUNK_OVERLAP_TOKENS: z.coerce.number().int().min(0).max(10_000).default(200),
  /** USD per million input/output tokens, e.g. `0.15/0.60`; known OpenAI models have defaults. */
  LLM_PRICE: z
    .string()
    .regex(
      /^\d+(\.\d+)?\/\d+(\.\d+)?$/,
      'must be USD per million input/output tokens, like 0.15/0.60',
    )
    .optional(),
  /** How long what was sent to an LLM provider (the audit) is kept. */
  AI_AUDIT_RETENTION: duration.default('30d'),
  /** How long a signed export download link (Export.downloadUrl) works. */
  EXPORT_LINK_TTL: duration.default('5m'),
  /** How long export files are kept; their downloads answer 410 Gone after it. */
  EXPORT_RETENTION: duration.default('7d'),
  /** Attempts and first backoff of an analysis chunk job. */
  ANALYSIS_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  ANALYSIS_JOB_BACKOFF_MS: z.coerce.number().int().min(0).max(3_600_000).default(2000),
  /** BullMQ: how long a job stays locked to a worker that stopped answering before another takes it. */
  QUEUE_STALLED_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  /** How often workers compare unfinished work in the database with the queue's live jobs. */
  JOB_RECONCILE_INTERVAL: duration.default('60s'),
  /** Times lost work is queued again before it is marked FAILED with the reason. */
  JOB_MAX_REQUEUES: z.coerce.number().int().min(0).max(100).default(3),
  /** A page open elsewhere counts as present this long after its last heartbeat (every third of it). */
  PRESENCE_TTL: duration.default('30s'),
  MAX_UPLOAD_BYTES: byteSize.default(50 * 1024 * 1024),
  PARSE_IN_CHILD_ABOVE: byteSize.default(2 * 1024 * 1024),
  /** Threads for CPU-heavy work (parsing, the offline tagger); default: one per core, 2 to 4. */
  WORKER_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /** Heap one worker thread may use; a task that needs more fails with a clear message. */
  WORKER_THREAD_MEMORY: byteSize
    .refine((v) => v >= 32 * 1024 * 1024, 'must be at least 32MB')
    .default(512 * 1024 * 1024),
  /** A task running longer than this is stopped (its thread is replaced). */
  WORKER_TASK_TIMEOUT: duration.default('10m'),
  /** The Chromium (or Chrome) that prints reports to PDF. */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** A report's PDF taking longer than this to print fails with a clear message. */
  PDF_RENDER_TIMEOUT: duration.default('2m'),
  /** Mail through this SMTP server (`smtp://user:pass@host:587`, `smtps://…:465`); none: no e-mail. */
  SMTP_URL: z
    .string()
    .refine(
      (v) => /^smtps?:\/\/[^\s]+$/.test(v) && URL.canParse(v) && new URL(v).hostname !== '',
      'must be a URL like smtp://user:password@host:587 or smtps://host:465',
    )
    .optional(),
  /** The sender of every e-mail: `Verbatim <verbatim@example.com>` or a bare address. */
  MAIL_FROM: z
    .string()
    .regex(
      /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/,
      'must be an address such as verbatim@example.com or Verbatim <verbatim@example.com>',
    )
    .optional(),
  /** Where people reach this server: the base of the links in e-mails. */
  PUBLIC_URL: httpUrl.refine((v) => !/[?#]/.test(v), 'must have no query or fragment').optional(),
  /** How often the processes that run jobs look for digests that are due; `off`: never. */
  MAIL_DIGEST_INTERVAL: z
    .string()
    .regex(/^(off|\d+[smh])$/i, "must look like 5m or 30s, or 'off'")
    .default('5m'),
  /** Attempts of one e-mail, and the first pause before trying again (doubling). */
  MAIL_SEND_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  MAIL_SEND_BACKOFF_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Older name of ACCESS_TOKEN_TTL, still honoured when ACCESS_TOKEN_TTL is unset. */
  AUTH_TOKEN_TTL: duration.optional(),
  ACCESS_TOKEN_TTL: duration.optional(),
  REFRESH_TOKEN_TTL: duration.default('30d'),
  /** Failed log-ins per account and client address together (one person's mistakes). */
  RATE_LIMIT_LOGIN: rateLimit.prefault('10/15m'),
  /** Failed log-ins per client address, whatever the account (one address trying many). */
  RATE_LIMIT_LOGIN_IP: rateLimit.prefault('100/15m'),
  /** Failed log-ins per account, whatever the address (many addresses trying one). */
  RATE_LIMIT_LOGIN_ACCOUNT: rateLimit.prefault('100/1h'),
  RATE_LIMIT_SIGNUP: rateLimit.prefault('20/1h'),
  RATE_LIMIT_INVITATION: rateLimit.prefault('20/15m'),
  RATE_LIMIT_UPLOAD: rateLimit.prefault('600/10m'),
  GRAPHQL_INTROSPECTION: bool.optional(),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  GRAPHQL_MAX_COMPLEXITY: z.coerce.number().int().min(10).max(10_000_000).default(70_000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(15),
  CORS_ORIGINS: originList.optional(),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d+|[\w.:/, -]+)$/,
      'must be true, false, a hop count or a list of proxy addresses/subnets',
    )
    .optional(),
  CLIENT_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
});

export type Env = z.infer<typeof envSchema>;

/** At most `points` in any `durationSeconds`. */
export interface RateLimitRule {
  points: number;
  durationSeconds: number;
}

export interface AppConfig {
  env: Env['NODE_ENV'];
  http: { port: number; host: string };
  dataDir: string;
  database: {
    url: string | null;
    poolSize: number;
    /** 0: no limit. Applied to the pool's connections; migrations run without them. */
    statementTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
  };
  redis: { url: string | null; queuePrefix: string; stalledMs: number };
  role: { api: boolean; worker: boolean; workerConcurrency: number };
  llm: {
    apiKey: string | null;
    baseUrl: string | null;
    model: string;
    embeddingModel: string;
    timeoutMs: number;
    maxRetries: number;
    concurrency: number;
    maxTokens: number;
    maxTokensParameter: 'max_tokens' | 'max_completion_tokens';
    maxResponseBytes: number;
    /** A Retry-After up to this is waited in place by the LLM client. */
    retryAfterInlineMs: number;
    /** Up to this a chunk is postponed (at most `maxPostponements` times); longer fails it. */
    retryAfterMaxMs: number;
    maxPostponements: number;
    chunkTokens: number;
    chunkOverlapTokens: number;
    /** USD per million tokens; null when LLM_PRICE is unset (known models are priced in code). */
    price: { input: number; output: number } | null;
    auditRetentionSeconds: number;
  };
  analysisJobs: { attempts: number; backoffMs: number };
  /** The reconciler: its period, and how often lost work is queued again before it FAILS. */
  jobs: { reconcileIntervalMs: number; maxRequeues: number };
  /** Who has a transcript or board open: how long a heartbeat holds (a crashed process's users go after it). */
  presence: { ttlMs: number };
  /** Signed download links last `linkTtlSeconds`; files are removed after `retentionSeconds`. */
  exports: { linkTtlSeconds: number; retentionSeconds: number };
  /** Files above `parseInChildAboveBytes` are parsed in a child process (heap and event loop). */
  uploads: { maxBytes: number; parseInChildAboveBytes: number };
  /** The worker-thread pool for CPU-heavy work, off the api's event loop. */
  workerThreads: { maxThreads: number; maxMemoryMb: number; taskTimeoutMs: number };
  reports: { chromiumPath: string; pdfTimeoutMs: number };
  /** E-mail: `smtpUrl` null means none is sent (settings are still kept). */
  mail: {
    smtpUrl: string | null;
    from: string | null;
    /** The server's address as people reach it, without a trailing slash. */
    publicUrl: string;
    /** Period of the digest check; null: this process does not schedule it. */
    digestIntervalMs: number | null;
    sendAttempts: number;
    sendBackoffMs: number;
  };
  auth: {
    secret: string;
    /** Access token lifetime as given (`15m`); `accessTokenTtlSeconds` is the same in seconds. */
    tokenTtl: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
  };
  /** null: the bucket is not limited. */
  rateLimits: {
    login: RateLimitRule | null;
    loginIp: RateLimitRule | null;
    loginAccount: RateLimitRule | null;
    signup: RateLimitRule | null;
    invitation: RateLimitRule | null;
    upload: RateLimitRule | null;
  };
  graphql: {
    introspection: boolean;
    maxDepth: number;
    maxComplexity: number;
    maxAliases: number;
  };
  /** Cross-origin browser callers allowed (empty: same origin only); express `trust proxy`. */
  web: { corsOrigins: string[]; trustProxy: boolean | number | string };
  clientDir: string | null;
  logLevel: Env['LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `15m` → 900. */
export function parseDuration(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value.trim());
  if (!match) throw new Error(`not a duration: ${value}`);
  return Number(match[1]) * (SECONDS[match[2] ?? 's'] ?? 1);
}

/** `30s` → 30000, `500ms` → 500; `0` and `off` → 0 (no limit). */
export function parseMilliseconds(value: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/i.exec(value.trim());
  if (!match) return 0;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return Number(match[1]) * (unit[(match[2] ?? 'ms').toLowerCase()] ?? 1);
}

/** `10/15m` → 10 per 900 s; `off` → null. */
export function parseRateLimit(value: string): RateLimitRule | null {
  if (/^off$/i.test(value.trim())) return null;
  const [points = '', per = ''] = value.split('/').map((p) => p.trim());
  return { points: Number(points), durationSeconds: parseDuration(per) };
}

function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function parseByteSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  if (!match) throw new Error(`not a byte size: ${value}`);
  const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
  return Math.round(Number(match[1]) * (units[(match[2] ?? 'b').toLowerCase()] ?? 1));
}

/** Validates the environment; throws ConfigError naming each bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = i.path.join('.');
        const given = raw[name];
        const shown = given === undefined ? '' : ` (got '${redact(name, String(given))}')`;
        return `${name} ${i.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.AUTH_SECRET) {
    throw new ConfigError(['AUTH_SECRET is required in production (32+ random characters)']);
  }
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new ConfigError([
      'MAIL_FROM is required with SMTP_URL: the sender of e-mails, such as Verbatim <verbatim@example.com>',
    ]);
  }
  if (e.NODE_ENV === 'production' && e.SMTP_URL && !e.PUBLIC_URL) {
    throw new ConfigError([
      'PUBLIC_URL is required with SMTP_URL in production: the address links in e-mails point to, such as https://verbatim.example.com',
    ]);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const accessTtl = e.ACCESS_TOKEN_TTL ?? e.AUTH_TOKEN_TTL ?? '15m';
  const workerOnly = e.WORKER_ONLY === '1' || e.WORKER_ONLY === 'true';
  const role = workerOnly ? 'worker' : e.APP_ROLE;
  return {
    env: e.NODE_ENV,
    http: { port: e.PORT, host: e.HOST },
    dataDir,
    database: {
      url: e.DATABASE_URL ?? null,
      poolSize: e.DATABASE_POOL_SIZE,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT,
      idleInTransactionTimeoutMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT,
    },
    redis: { url: e.REDIS_URL ?? null, queuePrefix: e.QUEUE_PREFIX, stalledMs: e.QUEUE_STALLED_MS },
    role: {
      api: role !== 'worker',
      worker: role !== 'api',
      workerConcurrency: e.WORKER_CONCURRENCY,
    },
    llm: {
      apiKey: e.OPENAI_API_KEY ?? null,
      baseUrl: e.OPENAI_BASE_URL ?? null,
      model: e.LLM_MODEL,
      embeddingModel: e.EMBEDDING_MODEL,
      timeoutMs: parseDuration(e.LLM_TIMEOUT) * 1000,
      maxRetries: e.LLM_MAX_RETRIES,
      concurrency: e.LLM_CONCURRENCY,
      maxTokens: e.LLM_MAX_TOKENS,
      maxTokensParameter: e.LLM_MAX_TOKENS_PARAM,
      maxResponseBytes: e.LLM_MAX_RESPONSE_BYTES,
      retryAfterInlineMs: parseDuration(e.LLM_RETRY_AFTER_INLINE) * 1000,
      retryAfterMaxMs: parseDuration(e.LLM_RETRY_AFTER_MAX) * 1000,
      maxPostponements: e.LLM_MAX_POSTPONEMENTS,
      chunkTokens: e.LLM_CHUNK_TOKENS,
      chunkOverlapTokens: Math.min(e.LLM_CHUNK_OVERLAP_TOKENS, Math.floor(e.LLM_CHUNK_TOKENS / 2)),
      price: e.LLM_PRICE
        ? { input: Number(e.LLM_PRICE.split('/')[0]), output: Number(e.LLM_PRICE.split('/')[1]) }
        : null,
      auditRetentionSeconds: parseDuration(e.AI_AUDIT_RETENTION),
    },
    analysisJobs: { attempts: e.ANALYSIS_JOB_ATTEMPTS, backoffMs: e.ANALYSIS_JOB_BACKOFF_MS },
    jobs: {
      reconcileIntervalMs: parseDuration(e.JOB_RECONCILE_INTERVAL) * 1000,
      maxRequeues: e.JOB_MAX_REQUEUES,
    },
    exports: {
      linkTtlSeconds: parseDuration(e.EXPORT_LINK_TTL),
      retentionSeconds: parseDuration(e.EXPORT_RETENTION),
    },
    uploads: { maxBytes: e.MAX_UPLOAD_BYTES, parseInChildAboveBytes: e.PARSE_IN_CHILD_ABOVE },
    presence: { ttlMs: parseDuration(e.PRESENCE_TTL) * 1000 },
    workerThreads: {
      maxThreads: e.WORKER_THREADS ?? Math.max(2, Math.min(4, availableParallelism())),
      maxMemoryMb: Math.round(e.WORKER_THREAD_MEMORY / 1024 / 1024),
      taskTimeoutMs: parseDuration(e.WORKER_TASK_TIMEOUT) * 1000,
    },
    reports: {
      chromiumPath: e.CHROMIUM_PATH,
      pdfTimeoutMs: parseDuration(e.PDF_RENDER_TIMEOUT) * 1000,
    },
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM ?? null,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      digestIntervalMs: /^off$/i.test(e.MAIL_DIGEST_INTERVAL)
        ? null
        : parseDuration(e.MAIL_DIGEST_INTERVAL) * 1000,
      sendAttempts: e.MAIL_SEND_ATTEMPTS,
      sendBackoffMs: e.MAIL_SEND_BACKOFF_MS,
    },
    auth: {
      secret: e.AUTH_SECRET ?? localSecret(dataDir),
      tokenTtl: accessTtl,
      accessTokenTtlSeconds: parseDuration(accessTtl),
      refreshTokenTtlSeconds: parseDuration(e.REFRESH_TOKEN_TTL),
    },
    rateLimits: {
      login: e.RATE_LIMIT_LOGIN,
      loginIp: e.RATE_LIMIT_LOGIN_IP,
      loginAccount: e.RATE_LIMIT_LOGIN_ACCOUNT,
      signup: e.RATE_LIMIT_SIGNUP,
      invitation: e.RATE_LIMIT_INVITATION,
      upload: e.RATE_LIMIT_UPLOAD,
    },
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION ?? e.NODE_ENV !== 'production',
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxComplexity: e.GRAPHQL_MAX_COMPLEXITY,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
    },
    web: { corsOrigins: e.CORS_ORIGINS ?? [], trustProxy: trustProxy(e.TRUST_PROXY) },
    clientDir: e.CLIENT_DIR ? path.resolve(e.CLIENT_DIR) : null,
    logLevel: e.LOG_LEVEL,
  };
}

function redact(name: string, value: string): string {
  if (/KEY|SECRET|PASSWORD/.test(name)) return '***';
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value.length > 80 ? `${value.slice(0, 77)}...` : value;
  }
}

/** Outside production a signing key is generated once and kept in DATA_DIR, so tokens survive restarts. */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
