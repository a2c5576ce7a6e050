import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { type AppConfig } from '../config/env';

/** What one pass did to one kind of work. */
export interface ReconcileOutcome {
  /** Work whose job was lost, queued again under a new generation. */
  requeued: number;
  /** Work queued again too often, now FAILED with the reason. */
  failed: number;
  /** Work whose pieces were all finished but whose own state was not (completed now). */
  completed: number;
}

/**
 * A kind of queued work whose truth is in PostgreSQL (transcripts being ingested, analysis
 * runs). `reconcile` compares the rows that say they are queued or running, untouched for at
 * least `graceMs`, with the queue's live jobs, and queues again or fails what has no job.
 */
export interface Reconcilable {
  readonly name: string;
  reconcile(graceMs: number): Promise<ReconcileOutcome>;
}

export const NOTHING_DONE: ReconcileOutcome = { requeued: 0, failed: 0, completed: 0 };

/** Rows changed less than this long ago are left to whoever is changing them. */
const GRACE_MS = 30_000;

/**
 * PostgreSQL is the truth about work; the queue (Redis, or this process's memory) can lose
 * jobs: a flush, a restart of the in-process runner, retries spent while the database was
 * away, a failure handler that could not write. Every process that runs jobs reconciles at
 * start and then every JOB_RECONCILE_INTERVAL. Passes of several workers may overlap: each
 * change is a compare-and-set on the work's job generation, so only one of them acts.
 */
@Injectable()
export class JobReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JobReconciler');
  private readonly sources: Reconcilable[] = [];
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<Record<string, ReconcileOutcome>> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  register(source: Reconcilable): void {
    this.sources.push(source);
  }

  onApplicationBootstrap(): void {
    if (!this.config.role.worker) return;
    // At start nothing of this process can be in flight: no grace.
    void this.runOnce(0);
    this.timer = setInterval(() => void this.runOnce(), this.config.jobs.reconcileIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass over every kind of work; a pass already running is joined, not doubled. */
  runOnce(graceMs = GRACE_MS): Promise<Record<string, ReconcileOutcome>> {
    this.pass ??= this.reconcileAll(graceMs).finally(() => (this.pass = null));
    return this.pass;
  }

  private async reconcileAll(graceMs: number): Promise<Record<string, ReconcileOutcome>> {
    const outcomes: Record<string, ReconcileOutcome> = {};
    for (const source of this.sources) {
      try {
        const outcome = await source.reconcile(graceMs);
        outcomes[source.name] = outcome;
        if (outcome.requeued || outcome.failed || outcome.completed) {
          this.logger.warn(
            `${source.name}: queued again ${outcome.requeued}, failed ${outcome.failed}, completed ${outcome.completed} (their jobs were lost)`,
          );
        }
      } catch (error) {
        // The database or Redis is away: the next pass tries again.
        this.logger.warn(
          `${source.name}: could not reconcile: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return outcomes;
  }
}
