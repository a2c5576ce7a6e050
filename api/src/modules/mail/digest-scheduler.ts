import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { Clock } from '../../common/clock';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { JobQueue } from '../../jobs/job-queue';
import { duePeriod } from './digest-schedule';
import { DIGEST_CHECK, queueSendMail } from './mail.jobs';
import { type DueDigests, MailOutboxRepository } from './mail-outbox.repository';
import { Mailer } from './mailer';

/**
 * The digest check, a scheduled job (every MAIL_DIGEST_INTERVAL: a BullMQ job scheduler on Redis,
 * a timer on the embedded default): works out which users' digests are due now in their own time
 * zones, claims each user's digest for its period in the outbox, and queues the claimed ones. The
 * claim is the only guard needed: two workers checking at once, a check run twice, or one after
 * a restart find the period claimed and queue nothing.
 */
@Injectable()
export class DigestScheduler implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(DigestScheduler.name);
  /** When this process last deleted old finished e-mails (at most hourly: it scans the table). */
  private prunedAt = 0;

  constructor(
    private readonly jobs: JobQueue,
    private readonly outbox: MailOutboxRepository,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (!this.mailer.configured) return;
    this.jobs.process(DIGEST_CHECK, async () => {
      await this.check();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.mail.digestIntervalMs;
    if (!this.mailer.configured || !every || !this.config.role.worker) return;
    await this.jobs
      .schedule(DIGEST_CHECK, every, {})
      .catch((error: Error) => this.logger.warn(`digests are not scheduled: ${error.message}`));
  }

  /** Claims and queues the digests due at the clock's now; how many it claimed. */
  async check(): Promise<number> {
    const now = this.clock.now();
    const due: DueDigests = [];
    for (const schedule of await this.outbox.schedules()) {
      const period = duePeriod(schedule, now);
      if (period) due.push({ ...schedule, key: period.key });
    }
    const claimed = await this.outbox.claimDigests(due);
    for (const mail of claimed)
      await queueSendMail(this.jobs, this.config.mail, mail.id, mail.generation);
    if (claimed.length) this.logger.log(`${claimed.length} digest(s) due at ${now.toISOString()}`);
    if (Date.now() - this.prunedAt > 3600_000) {
      this.prunedAt = Date.now();
      await this.outbox.prune();
    }
    return claimed.length;
  }
}
