import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { checkRedis, logLevels, resolveDatabase, StartupError } from './bootstrap';
import { ConfigError, loadConfig } from './config/env';
import { runMigrations } from './database/migrate';

/** Worker entry (APP_ROLE=worker or WORKER_ONLY=1): the same modules, processing jobs only. */
async function worker(): Promise<void> {
  const config = loadConfig({ ...process.env, APP_ROLE: 'worker' });
  if (!config.redis.url)
    throw new StartupError('REDIS_URL: a separate worker needs Redis to share jobs with the api');
  if (!config.database.url)
    throw new StartupError('DATABASE_URL: a separate worker needs the shared PostgreSQL');
  await checkRedis(config.redis.url);
  const database = await resolveDatabase(config);
  await runMigrations(database.url);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, database), {
    logger: logLevels(config),
  });
  app.enableShutdownHooks();
  new Logger('Verbatim').log(`worker ready: ${database.description}, BullMQ on REDIS_URL`);
}

worker().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError || error instanceof StartupError
      ? `verbatim worker: ${error.message}`
      : error,
  );
  process.exit(1);
});
