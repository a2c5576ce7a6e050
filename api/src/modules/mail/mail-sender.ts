import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { type JobContext, JobQueue } from '../../jobs/job-queue';
import { type SendMailJob, sendMailJob } from './mail.jobs';
import { MailComposer } from './mail-composer';
import { MailStatus } from './mail-outbox.entity';
import { MailOutboxRepository } from './mail-outbox.repository';
import { Mailer } from './mailer';

/** An e-mail not gone within this long of being owed is not sent any more (it would mislead). */
export const MAIL_STALE_AFTER_MS = 24 * 3600_000;

export const INTERRUPTED =
  'An attempt to send it was interrupted (the server stopped mid-send); it is not sent again, so that it never arrives twice.';

/**
 * The send job: one e-mail of the outbox, at most once. Each attempt moves the row from PENDING
 * to SENDING first; the SMTP server refusing the message or being unreachable puts it back to
 * PENDING for the queue's next attempt (backoff doubling from MAIL_SEND_BACKOFF_MS), and the
 * last attempt marks it FAILED with the reason. A row found SENDING was being sent when its
 * process died: whether the server took it is unknown, so it is marked FAILED rather than risk
 * a second copy.
 */
@Injectable()
export class MailSender implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(MailSender.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly outbox: MailOutboxRepository,
    private readonly composer: MailComposer,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.mailer.configured)
      this.jobs.process(sendMailJob(this.config.mail), (job, context) => this.send(job, context));
  }

  onApplicationBootstrap(): void {
    if (!this.mailer.configured || !this.config.role.worker) return;
    // Not awaited: a mail server that is down does not stop the start; sending retries.
    this.mailer
      .verify()
      .catch((error: Error) =>
        this.logger.warn(
          `SMTP_URL: cannot reach the mail server (${error.message}); e-mails wait and are retried`,
        ),
      );
  }

  async send(job: SendMailJob, context: JobContext): Promise<void> {
    const mail = await this.outbox.startAttempt(job.mailId, job.generation);
    if (!mail) {
      if (await this.outbox.interrupted(job.mailId, job.generation, INTERRUPTED))
        this.logger.warn(`mail ${job.mailId}: ${INTERRUPTED}`);
      return; // SENT, SKIPPED, FAILED, or queued again under a newer generation
    }
    if (Date.now() - mail.createdAt.getTime() > MAIL_STALE_AFTER_MS) {
      await this.outbox.endAttempt(mail.id, MailStatus.SKIPPED, 'Too late: owed over a day ago.');
      return;
    }
    const started = Date.now();
    try {
      const composed = await this.composer.compose(mail);
      if ('skip' in composed) {
        await this.outbox.endAttempt(mail.id, MailStatus.SKIPPED, composed.skip);
        return;
      }
      await this.mailer.send(composed.mail);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const next = context.isFinalAttempt ? MailStatus.FAILED : MailStatus.PENDING;
      await this.outbox.endAttempt(mail.id, next, reason);
      this.logger.warn(
        `mail ${mail.id} (${mail.kind}) attempt ${context.attempt} failed: ${reason}${context.isFinalAttempt ? '; given up' : ''}`,
      );
      throw error;
    }
    await this.outbox.endAttempt(mail.id, MailStatus.SENT);
    this.logger.log(`mail ${mail.id} (${mail.kind}) sent in ${Date.now() - started} ms`);
  }
}
