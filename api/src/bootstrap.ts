import { type INestApplication, type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import IORedis from 'ioredis';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { AppModule, type DatabaseTarget } from './app.module';
import { applyHttpSecurity } from './common/security/http-security';
import { type AppConfig } from './config/env';
import {
  type EmbeddedPostgres,
  startEmbeddedPostgres,
} from './database/embedded/embedded-postgres';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** A start-up problem that is explained in one line naming the variable to fix. */
export class StartupError extends Error {}

export interface ResolvedDatabase {
  url: string;
  /** Connections this process may open: the embedded server is only safe with one. */
  poolSize: number;
  description: string;
  embedded: EmbeddedPostgres | null;
}

/** DATABASE_URL when set, else PGlite on DATA_DIR/pg in its own process. */
export async function resolveDatabase(config: AppConfig): Promise<ResolvedDatabase> {
  if (config.database.url) {
    await checkPostgres(config.database.url);
    const u = new URL(config.database.url);
    return {
      url: config.database.url,
      poolSize: config.database.poolSize,
      description: `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`,
      embedded: null,
    };
  }
  const dir = path.join(config.dataDir, 'pg');
  const embedded = await startEmbeddedPostgres(dir).catch((error: Error) => {
    throw new StartupError(`Could not start the embedded database in ${dir}: ${error.message}`);
  });
  // PGlite runs one session: concurrent connections interleave extended-protocol messages
  // ("portal does not exist"), so the pool is one connection and queries queue in the pool.
  return {
    url: embedded.url,
    poolSize: 1,
    description: `embedded PostgreSQL (PGlite) in ${dir}`,
    embedded,
  };
}

async function checkPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const u = new URL(url);
    throw new StartupError(
      `DATABASE_URL: cannot reach PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname} (${(error as Error).message})`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(url: string): Promise<void> {
  const redis = new IORedis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 5_000,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const u = new URL(url);
    throw new StartupError(
      `REDIS_URL: cannot reach Redis at ${u.hostname}:${u.port || 6379} (${(error as Error).message})`,
    );
  } finally {
    redis.disconnect();
  }
}

export function logLevels(config: AppConfig): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1);
}

/** The HTTP application: GraphQL, upload REST, health and the built client. */
export async function createHttpApp(
  config: AppConfig,
  database: DatabaseTarget,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, database),
    {
      logger: logLevels(config),
      bodyParser: false,
    },
  );
  applyHttpSecurity(app, config);
  app.use('/graphql', express.json({ limit: '12mb' }));
  app.useGlobalPipes(
    new ValidationPipe({ transform: true, whitelist: true, stopAtFirstError: false }),
  );
  app.enableShutdownHooks();
  serveClient(app, config);
  return app;
}

function serveClient(app: NestExpressApplication, config: AppConfig): void {
  const candidates = [
    config.clientDir,
    path.resolve(process.cwd(), 'dist/client/browser'),
    path.resolve(__dirname, '../../../client/browser'),
  ].filter((d): d is string => !!d);
  const dir = candidates.find((d) => existsSync(path.join(d, 'index.html')));
  if (!dir) {
    app.use('/', (req: Request, res: Response, next: NextFunction) =>
      req.method === 'GET' && req.path === '/'
        ? res
            .type('html')
            .send(
              '<html><body><h1>Verbatim</h1><p>The client is not built: run <code>npm start</code>.</p></body></html>',
            )
        : next(),
    );
    return;
  }
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isApi = /^\/(graphql|api|health)(\/|$)/.test(req.path);
    if ((req.method === 'GET' || req.method === 'HEAD') && !isApi && req.accepts('html')) {
      return res.sendFile(path.join(dir, 'index.html'));
    }
    next();
  });
}
