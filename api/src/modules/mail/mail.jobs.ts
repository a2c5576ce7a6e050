import { type AppConfig } from '../../config/env';
import { type JobDefinition, type JobQueue } from '../../jobs/job-queue';

/** Sends one e-mail of the outbox. */
export interface SendMailJob {
  mailId: string;
  /** The row's generation when this job was queued; an older one is stale. */
  generation: number;
}

/** Attempts and backoff come from MAIL_SEND_ATTEMPTS and MAIL_SEND_BACKOFF_MS. */
export const sendMailJob = (mail: AppConfig['mail']): JobDefinition<SendMailJob> => ({
  queue: 'mail-send',
  attempts: mail.sendAttempts,
  backoffMs: mail.sendBackoffMs,
});

export const sendMailJobId = (mailId: string, generation: number) => `mail-${mailId}-${generation}`;

export function queueSendMail(
  jobs: JobQueue,
  mail: AppConfig['mail'],
  mailId: string,
  generation: number,
): Promise<void> {
  return jobs.enqueue(
    sendMailJob(mail),
    { mailId, generation },
    { jobId: sendMailJobId(mailId, generation) },
  );
}

/**
 * Claims the digests that are due and queues them (every MAIL_DIGEST_INTERVAL). One attempt: a
 * check that fails is made again at the next period.
 */
export const DIGEST_CHECK: JobDefinition<Record<string, never>> = {
  queue: 'mail-digest-check',
  attempts: 1,
  backoffMs: 0,
};
