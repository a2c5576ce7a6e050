import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { FileStore } from '../../common/files/file-store';
import { type JobContext, JobQueue } from '../../jobs/job-queue';
import {
  ExportRenderError,
  ExportRenderers,
  type ExportRenderJob,
  type ExportRenderer,
} from './export-renderer';
import { ExportNotices } from './export-notices';
import { ExportEntity, ExportStatus } from './export.entity';
import { ExportsService } from './exports.service';
import { RENDER_EXPORT, type RenderExportJob } from './jobs/render-export.job';

/** Progress is written at most this often (and when it moves by PROGRESS_STEP points). */
const PROGRESS_EVERY_MS = 1_000;
const PROGRESS_STEP = 5;

export const SERVER_ERROR_MESSAGE =
  'The export failed because of a server error. Choose Retry to try again.';

/**
 * The processor of RENDER_EXPORT, in the processes that run jobs: marks the export RUNNING, has
 * the renderer of its kind write a work file (progress throttled), stores the file under
 * `exports/<id>/<generation>`, marks it READY and tells the requester (EXPORT_READY; EXPORT_FAILED
 * when it fails for good). A job of an older generation than the export's (retried or queued again meanwhile) stops at its next write.
 */
@Injectable()
export class ExportRunner implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ExportRunner.name);
  /** Aborted when this process stops, so renderers stop writing. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly db: DataSource,
    private readonly files: FileStore,
    private readonly jobs: JobQueue,
    private readonly renderers: ExportRenderers,
    private readonly exports: ExportsService,
    private readonly notices: ExportNotices,
  ) {}

  onModuleInit(): void {
    this.jobs.process(RENDER_EXPORT, (job, ctx) => this.run(job, ctx));
  }

  onModuleDestroy(): void {
    this.stopping.abort(new Error('the server is stopping'));
  }

  async run(job: RenderExportJob, ctx: JobContext): Promise<void> {
    const started = Date.now();
    const row = await this.db.getRepository(ExportEntity).findOneBy({ id: job.exportId });
    if (!row || row.jobGeneration !== job.generation) return; // deleted, or queued again since
    if (row.status === ExportStatus.READY || row.status === ExportStatus.FAILED) return;
    if (!(await this.transition(row, ExportStatus.RUNNING, { progress: 0 }))) return;
    const outPath = path.join(
      await this.files.workDir(),
      `export-${row.id}-${row.jobGeneration}-${randomUUID()}.part`,
    );
    try {
      const renderer = this.renderers.find(row.kind);
      if (!renderer)
        throw new ExportRenderError(
          'This server cannot write this kind of export any more.',
          false,
        );
      await renderer.render(this.renderJob(row, renderer, outPath));
      const stored = await this.store(row, outPath);
      if (!stored) return;
      this.logger.log(
        `export ${row.id} (${row.kind} ${row.format}) ready: ${stored.byteSize} bytes in ${Date.now() - started} ms`,
      );
      await this.notices.ready(row);
    } catch (error) {
      await this.fail(row, error, ctx);
    } finally {
      await rm(outPath, { force: true });
    }
  }

  private renderJob(row: ExportEntity, renderer: ExportRenderer, outPath: string): ExportRenderJob {
    let written = 0;
    let writtenAt = 0;
    return {
      exportId: row.id,
      kind: renderer.kind,
      format: row.format,
      projectId: row.projectId,
      subjectId: row.subjectId,
      params: row.params,
      requestedBy: row.requestedById,
      outPath,
      signal: this.stopping.signal,
      progress: async (fraction: number) => {
        const value = Math.max(0, Math.min(99, Math.floor(fraction * 100)));
        const now = Date.now();
        if (value - written < PROGRESS_STEP && now - writtenAt < PROGRESS_EVERY_MS) return;
        if (value <= written) return;
        written = value;
        writtenAt = now;
        await this.transition(row, ExportStatus.RUNNING, { progress: value });
      },
    };
  }

  /** Moves the work file into the store and marks the export READY; false when stale. */
  private async store(row: ExportEntity, outPath: string): Promise<{ byteSize: number } | null> {
    const { size } = await stat(outPath);
    const key = `exports/${row.id}/${row.jobGeneration}`;
    await this.files.commit({ tempPath: outPath, byteSize: size, checksum: '' }, key);
    const ready = await this.transition(row, ExportStatus.READY, {
      progress: 100,
      fileKey: key,
      byteSize: size,
      finishedAt: new Date(),
      error: null,
    });
    if (!ready) {
      await this.files.remove(key);
      return null;
    }
    return { byteSize: size };
  }

  private async fail(row: ExportEntity, error: unknown, ctx: JobContext): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    if (
      error instanceof ExportRenderError ||
      (error instanceof DomainError && error.kind !== 'SERVICE_UNAVAILABLE')
    ) {
      this.logger.log(`export ${row.id} refused: ${message}`);
      const failed = await this.transition(row, ExportStatus.FAILED, {
        progress: 0,
        error: message,
        retryable: error instanceof ExportRenderError ? error.retryable : true,
        finishedAt: new Date(),
      });
      if (failed) await this.notices.failed(row, message);
      return;
    }
    this.logger.error(`export ${row.id} attempt ${ctx.attempt} failed: ${message}`);
    if (!ctx.isFinalAttempt) {
      // Queued again by the queue after its backoff: shown as waiting meanwhile.
      await this.transition(row, ExportStatus.QUEUED, { progress: 0 });
      throw error;
    }
    const failed = await this.transition(row, ExportStatus.FAILED, {
      progress: 0,
      error: SERVER_ERROR_MESSAGE,
      retryable: true,
      finishedAt: new Date(),
    });
    if (failed) await this.notices.failed(row, SERVER_ERROR_MESSAGE);
  }

  /**
   * Writes the export's new state while this job's generation is the export's and the export is
   * unfinished, then tells subscribers. False (nothing written) when the job is stale.
   */
  private async transition(
    row: ExportEntity,
    status: ExportStatus,
    patch: Partial<
      Pick<ExportEntity, 'progress' | 'fileKey' | 'byteSize' | 'finishedAt' | 'error' | 'retryable'>
    >,
  ): Promise<boolean> {
    const result = await this.db
      .getRepository(ExportEntity)
      .createQueryBuilder()
      .update()
      .set({ ...patch, status })
      .where('id = :id AND job_generation = :generation AND status IN (:...open)', {
        id: row.id,
        generation: row.jobGeneration,
        open: [ExportStatus.QUEUED, ExportStatus.RUNNING],
      })
      .execute();
    if (!result.affected) return false;
    Object.assign(row, patch, { status, updatedAt: new Date() });
    await this.exports.publish(row);
    return true;
  }
}
