import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  DataSource,
  EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { type Db } from '../../database/sql';
import { JobQueue } from '../../jobs/job-queue';
import { queueSendMail } from './mail.jobs';
import { type OwedMail } from './mail-outbox.repository';

/** Where a transaction keeps the e-mails it will queue once it commits. */
const PENDING = 'verbatim.mail.pending';

/**
 * Queues the send jobs of e-mails claimed in the outbox: at once when claimed outside a
 * transaction, else once that transaction commits, so a job never looks for a row not yet
 * committed, and a rolled back claim queues nothing. A job that could not be queued is not a
 * lost e-mail: the row is PENDING and the reconciler queues it.
 */
@Injectable()
export class MailDispatch implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(MailDispatch.name);

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.db.subscribers.push(this);
  }

  async queue(db: Db, mails: OwedMail[]): Promise<void> {
    if (!mails.length) return;
    const runner = db instanceof EntityManager ? db.queryRunner : undefined;
    if (runner?.isTransactionActive) pendingOf(runner).push(...mails);
    else await this.send(mails);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    if (event.queryRunner.isTransactionActive) return; // a savepoint: wait for the COMMIT
    await this.send(takePending(event.queryRunner));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) takePending(event.queryRunner);
  }

  private async send(mails: OwedMail[]): Promise<void> {
    for (const mail of mails) {
      try {
        await queueSendMail(this.jobs, this.config.mail, mail.id, mail.generation);
      } catch (error) {
        this.logger.warn(
          `mail ${mail.id} not queued now (${(error as Error).message}); the reconciler will`,
        );
      }
    }
  }
}

function pendingOf(runner: QueryRunner): OwedMail[] {
  const data = runner.data as Record<string, OwedMail[] | undefined>;
  return (data[PENDING] ??= []);
}

function takePending(runner: QueryRunner): OwedMail[] {
  const data = runner.data as Record<string, OwedMail[] | undefined>;
  const pending = data[PENDING] ?? [];
  delete data[PENDING];
  return pending;
}
