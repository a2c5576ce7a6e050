/**
 * The queue interface every feature uses. Production binds BullMQ on Redis; embedded defaults
 * bind an in-process runner. Both run the same handlers with the same retry options.
 */
export interface JobDefinition<T> {
  /** Queue name, one per kind of work. */
  queue: string;
  /** Never set: ties the payload type to the definition. */
  readonly payload?: T;
  attempts: number;
  /** First retry delay; doubles on each further attempt. */
  backoffMs: number;
}

export interface JobContext {
  jobId: string;
  attempt: number;
  isFinalAttempt: boolean;
}

export type JobHandler<T> = (data: T, context: JobContext) => Promise<void>;

/**
 * Thrown by a handler to run the job again after `delayMs` without spending an attempt: the
 * worker is freed meanwhile (a provider's Retry-After, a resource that is busy). The job keeps
 * its id and attempt count.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'RetryLaterError';
  }
}

export abstract class JobQueue {
  abstract readonly kind: 'bullmq' | 'in-process';

  /**
   * Adds a job; a job with the same id that is still waiting or running is not added twice.
   * Ids are derived from the work and a generation (`ingest-<id>-<generation>`), so work that
   * has to run again gets a new id.
   */
  abstract enqueue<T>(
    definition: JobDefinition<T>,
    data: T,
    options?: { jobId?: string },
  ): Promise<void>;

  /**
   * Ids of the queue's jobs that will still run: waiting, delayed or being processed. The
   * reconciler compares them with what PostgreSQL says is queued or running.
   */
  abstract liveJobIds<T>(definition: JobDefinition<T>): Promise<Set<string>>;

  /** Registers the handler of a queue (only processes that run workers execute it). */
  abstract process<T>(definition: JobDefinition<T>, handler: JobHandler<T>): void;

  /**
   * Queues a job of this definition every `everyMs`, at multiples of it since the epoch, once per
   * period however many processes ask: BullMQ keeps one job scheduler per queue in Redis (its
   * pending run is not counted by `idle`), the in-process runner a timer. Asking again replaces
   * the period. The handler must be idempotent: a period's job may still run twice (a retry).
   */
  abstract schedule<T>(definition: JobDefinition<T>, everyMs: number, data: T): Promise<void>;

  /** Resolves once nothing is queued or running (in-process); used by tests and shutdown. */
  abstract idle(): Promise<void>;

  abstract close(): Promise<void>;
}
