import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { JobQueue } from '../../jobs/job-queue';
import {
  JobReconciler,
  NOTHING_DONE,
  type Reconcilable,
  type ReconcileOutcome,
} from '../../jobs/reconciler';
import { queueSendMail, sendMailJob, sendMailJobId } from './mail.jobs';
import { MailStatus } from './mail-outbox.entity';
import { MailOutboxRepository } from './mail-outbox.repository';
import { INTERRUPTED } from './mail-sender';
import { Mailer } from './mailer';

/**
 * E-mails the outbox says are owed but whose job was lost (a restart of the in-process runner,
 * a flushed Redis): a PENDING one is queued again under a new generation (FAILED once that
 * happened JOB_MAX_REQUEUES times); a SENDING one was cut off mid-send and is FAILED, never
 * sent again.
 */
@Injectable()
export class MailOutboxReconciler implements Reconcilable, OnModuleInit {
  readonly name = 'e-mail';

  constructor(
    private readonly jobs: JobQueue,
    private readonly outbox: MailOutboxRepository,
    private readonly reconciler: JobReconciler,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.mailer.configured) this.reconciler.register(this);
  }

  async reconcile(graceMs: number): Promise<ReconcileOutcome> {
    const rows = await this.outbox.unfinished(graceMs);
    if (!rows.length) return NOTHING_DONE;
    const live = await this.jobs.liveJobIds(sendMailJob(this.config.mail));
    const outcome = { ...NOTHING_DONE };
    for (const row of rows) {
      if (live.has(sendMailJobId(row.id, row.generation))) continue;
      if (row.status === MailStatus.SENDING) {
        if (await this.outbox.fail(row.id, row.generation, MailStatus.SENDING, INTERRUPTED))
          outcome.failed++;
      } else if (row.requeues >= this.config.jobs.maxRequeues) {
        const reason = `Its job was lost ${row.requeues + 1} times (restarts); given up.`;
        if (await this.outbox.fail(row.id, row.generation, MailStatus.PENDING, reason))
          outcome.failed++;
      } else {
        const generation = await this.outbox.requeue(row.id, row.generation);
        if (generation !== undefined) {
          await queueSendMail(this.jobs, this.config.mail, row.id, generation);
          outcome.requeued++;
        }
      }
    }
    return outcome;
  }
}
