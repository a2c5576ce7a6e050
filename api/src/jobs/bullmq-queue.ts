import { Logger } from '@nestjs/common';
import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { type JobDefinition, type JobHandler, JobQueue, RetryLaterError } from './job-queue';

/** BullMQ on Redis: jobs survive restarts and can be processed by separate worker processes. */
export class BullMqQueue extends JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger('BullMqQueue');
  private readonly connection: IORedis;
  private readonly queues = new Map<string, Queue>();
  /** Queues that hold a job scheduler: apart, as `idle` must not wait for their next run. */
  private readonly scheduled = new Map<string, Queue>();
  private readonly workers: Worker[] = [];

  constructor(
    redisUrl: string,
    private readonly prefix: string,
    private readonly runWorkers: boolean,
    private readonly concurrency: number,
    /** Lock of an active job; a worker that dies loses it and the job is retried after about this long. */
    private readonly stalledMs = 30_000,
  ) {
    super();
    this.connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  }

  async enqueue<T>(
    definition: JobDefinition<T>,
    data: T,
    options?: { jobId?: string },
  ): Promise<void> {
    await this.queue(definition.queue).add(definition.queue, data, {
      jobId: options?.jobId,
      attempts: definition.attempts,
      backoff: { type: 'exponential', delay: definition.backoffMs },
      // Finished jobs are removed, failed ones kept a while for inspection; ids carry a
      // generation, so a kept failed job never blocks the work from being queued again.
      removeOnComplete: true,
      removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
    });
  }

  async liveJobIds<T>(definition: JobDefinition<T>): Promise<Set<string>> {
    // Ids only (no job data), every state in which a job will still run.
    const ids = await this.queue(definition.queue).getRanges(
      ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'],
      0,
      -1,
    );
    return new Set(ids);
  }

  async schedule<T>(definition: JobDefinition<T>, everyMs: number, data: T): Promise<void> {
    let queue = this.scheduled.get(definition.queue);
    if (!queue) {
      queue = new Queue(definition.queue, { connection: this.connection, prefix: this.prefix });
      this.scheduled.set(definition.queue, queue);
    }
    await queue.upsertJobScheduler(
      definition.queue,
      { every: everyMs },
      {
        name: definition.queue,
        data,
        opts: {
          attempts: definition.attempts,
          backoff: { type: 'exponential', delay: definition.backoffMs },
          removeOnComplete: true,
          removeOnFail: { count: 100, age: 24 * 3600 },
        },
      },
    );
  }

  process<T>(definition: JobDefinition<T>, handler: JobHandler<T>): void {
    if (!this.runWorkers) return;
    const worker = new Worker(
      definition.queue,
      async (job: Job, token?: string) => {
        try {
          await handler(job.data as T, {
            jobId: job.id ?? '',
            attempt: job.attemptsMade + 1,
            isFinalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
          });
        } catch (error) {
          if (!(error instanceof RetryLaterError)) throw error;
          // Back to the delayed set without spending an attempt; the worker takes other jobs meanwhile.
          await job.moveToDelayed(Date.now() + error.delayMs, token);
          throw new DelayedError();
        }
      },
      {
        connection: this.connection,
        prefix: this.prefix,
        concurrency: this.concurrency,
        lockDuration: this.stalledMs,
        stalledInterval: this.stalledMs,
      },
    );
    worker.on('failed', (job, error) =>
      this.logger.warn(
        `job ${job?.id} on ${definition.queue} failed (attempt ${job?.attemptsMade}): ${error.message}`,
      ),
    );
    this.workers.push(worker);
  }

  async idle(): Promise<void> {
    for (;;) {
      const counts = await Promise.all(
        [...this.queues.values()].map((q) =>
          q.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
        ),
      );
      if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values(), ...this.scheduled.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => undefined);
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }
}
