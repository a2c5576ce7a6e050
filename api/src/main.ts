import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/env';
import { checkRedis, createHttpApp, resolveDatabase, StartupError } from './bootstrap';
import { runMigrations } from './database/migrate';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.role.api) {
    await import('./worker');
    return;
  }
  if (config.redis.url) await checkRedis(config.redis.url);
  const database = await resolveDatabase(config);
  const applied = await runMigrations(database.url);
  const app = await createHttpApp(config, database);
  app.enableShutdownHooks();
  if (database.embedded) {
    const embedded = database.embedded;
    process.once('exit', () => void embedded.stop());
  }
  await app.listen(config.http.port, config.http.host);
  const logger = new Logger('Verbatim');
  const url = `http://localhost:${config.http.port}`;
  if (applied.length) logger.log(`applied migrations: ${applied.join(', ')}`);
  logger.log(`database: ${database.description}`);
  logger.log(
    `jobs: ${config.redis.url ? 'BullMQ on REDIS_URL' : 'in-process (jobs do not survive a restart)'}${config.role.worker ? '' : ', processed by separate workers'}`,
  );
  logger.log(`live updates: ${config.redis.url ? 'Redis pub/sub' : 'in-memory pub/sub'}`);
  logger.log(
    `LLM: ${config.llm.apiKey ? `OpenAI-compatible (${config.llm.baseUrl ?? 'api.openai.com'}, ${config.llm.model})` : 'offline provider'}`,
  );
  logger.log(
    `e-mail: ${config.mail.smtpUrl ? `SMTP at ${new URL(config.mail.smtpUrl).host}, links to ${config.mail.publicUrl}` : 'off (SMTP_URL is not set)'}`,
  );
  logger.log(`Verbatim is ready at ${url}  (GraphQL ${url}/graphql, health ${url}/health)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(`verbatim: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
