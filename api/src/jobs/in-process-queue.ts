import { Logger } from '@nestjs/common';
import {
  type JobContext,
  type JobDefinition,
  type JobHandler,
  JobQueue,
  RetryLaterError,
} from './job-queue';

interface PendingJob {
  id: string;
  definition: JobDefinition<unknown>;
  data: unknown;
  attempt: number;
}

/**
 * Runs jobs inside this process with the same handlers, retries and backoff as BullMQ.
 * Jobs do not survive a restart (documented in the README).
 */
export class InProcessQueue extends JobQueue {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('InProcessQueue');
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  private readonly waiting: PendingJob[] = [];
  /** Ids of jobs waiting, delayed or running, with their queue. */
  private readonly known = new Map<string, string>();
  private running = 0;
  private delayed = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private sequence = 0;
  private readonly schedules = new Map<string, NodeJS.Timeout>();

  constructor(private readonly concurrency: number) {
    super();
  }

  enqueue<T>(definition: JobDefinition<T>, data: T, options?: { jobId?: string }): Promise<void> {
    if (this.closed) return Promise.reject(new Error('queue is closed'));
    const id = options?.jobId ?? `${definition.queue}:${++this.sequence}`;
    if (this.known.has(id)) return Promise.resolve();
    this.known.set(id, definition.queue);
    this.waiting.push({ id, definition, data, attempt: 1 });
    this.pump();
    return Promise.resolve();
  }

  liveJobIds<T>(definition: JobDefinition<T>): Promise<Set<string>> {
    const ids = [...this.known].filter(([, queue]) => queue === definition.queue).map(([id]) => id);
    return Promise.resolve(new Set(ids));
  }

  process<T>(definition: JobDefinition<T>, handler: JobHandler<T>): void {
    this.handlers.set(definition.queue, handler as JobHandler<unknown>);
    this.pump();
  }

  schedule<T>(definition: JobDefinition<T>, everyMs: number, data: T): Promise<void> {
    clearTimeout(this.schedules.get(definition.queue));
    // Each timer is armed for the next period by number: a timer may fire a moment before the
    // clock reaches that period, and the period read from the clock then would be the last one
    // again (its job run twice).
    const run = (period: number) => {
      // A closed queue refuses the job, and nothing is left to do.
      this.enqueue(definition, data, { jobId: `${definition.queue}-${period}` }).catch(
        () => undefined,
      );
      arm(period + 1);
    };
    const arm = (earliest: number) => {
      const period = Math.max(earliest, Math.floor(Date.now() / everyMs) + 1);
      const timer = setTimeout(() => run(period), Math.max(0, period * everyMs - Date.now()));
      timer.unref();
      this.schedules.set(definition.queue, timer);
    };
    arm(0);
    return Promise.resolve();
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.schedules.forEach((timer) => clearTimeout(timer));
    this.waiting.length = 0;
    while (this.running > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private isIdle(): boolean {
    return (
      this.running === 0 &&
      this.delayed === 0 &&
      this.waiting.every((j) => !this.handlers.has(j.definition.queue))
    );
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency) {
      const index = this.waiting.findIndex((j) => this.handlers.has(j.definition.queue));
      if (index < 0) break;
      const [job] = this.waiting.splice(index, 1);
      if (job) void this.run(job);
    }
    if (this.isIdle()) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  private async run(job: PendingJob): Promise<void> {
    this.running++;
    const handler = this.handlers.get(job.definition.queue);
    const context: JobContext = {
      jobId: job.id,
      attempt: job.attempt,
      isFinalAttempt: job.attempt >= job.definition.attempts,
    };
    try {
      await handler?.(job.data, context);
      this.known.delete(job.id);
    } catch (error) {
      if (error instanceof RetryLaterError && !this.closed)
        this.later(job, error.delayMs, job.attempt);
      else this.retryOrDrop(job, error);
    } finally {
      this.running--;
      this.pump();
    }
  }

  private retryOrDrop(job: PendingJob, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (job.attempt >= job.definition.attempts || this.closed) {
      this.logger.error(`job ${job.id} failed after ${job.attempt} attempt(s): ${message}`);
      this.known.delete(job.id);
      return;
    }
    const delay = job.definition.backoffMs * 2 ** (job.attempt - 1);
    this.logger.warn(
      `job ${job.id} attempt ${job.attempt} failed (${message}); retrying in ${delay} ms`,
    );
    this.later(job, delay, job.attempt + 1);
  }

  /** Puts the job back after `delayMs` as the given attempt. */
  private later(job: PendingJob, delayMs: number, attempt: number): void {
    this.delayed++;
    setTimeout(() => {
      this.delayed--;
      this.waiting.push({ ...job, attempt });
      this.pump();
    }, delayMs).unref();
  }
}
