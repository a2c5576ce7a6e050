import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { type AuthUser } from '../../../common/auth/auth-user';
import { badInput, DomainError, notFound } from '../../../common/errors/domain-error';
import { FileStore, type StagedFile } from '../../../common/files/file-store';
import { WorkerOutOfMemoryError, WorkerTimeoutError } from '../../../common/workers/worker-errors';
import { WorkerPool } from '../../../common/workers/worker-pool';
import { APP_CONFIG } from '../../../config/config.module';
import { type AppConfig } from '../../../config/env';
import { queryFirstRow, queryRows } from '../../../database/sql';
import { inTransaction, allowLongStatements } from '../../../database/transaction';
import { type JobContext, JobQueue } from '../../../jobs/job-queue';
import { HighlightsService } from '../../highlights/highlights.service';
import { ProjectsService } from '../../projects/projects.service';
import { MAX_TAGS_PER_PROJECT, TagsService } from '../../tags/tags.service';
import { TranscriptImports } from '../../transcripts/transcript-imports';
import { type ImportPlan } from './import-plan';
import { IMPORT_PROJECT, type ImportProjectJob, queueImport } from './import.job';
import {
  type ProjectImportCounts,
  ProjectImportEntity,
  type ProjectImportKind,
  ProjectImportStatus,
} from './project-import.entity';
import {
  MAX_IMPORT_WARNINGS,
  toProjectImportType,
  type ProjectImportType,
} from './project-import.types';
import { READ_IMPORT } from './read-import';

/**
 * REFI-QDA imports: an uploaded .qdpx or .qdc becomes a new project of the workspace. The file
 * is read in a worker thread; the project, its transcripts, tags and highlights are written by
 * their owners' services in one transaction that also marks the import READY, so a failure at any
 * point leaves no project behind and a retry starts clean.
 */
@Injectable()
export class ProjectImportsService implements OnModuleInit {
  private readonly logger = new Logger(ProjectImportsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly files: FileStore,
    private readonly jobs: JobQueue,
    private readonly workers: WorkerPool,
    private readonly projects: ProjectsService,
    private readonly tags: TagsService,
    private readonly transcripts: TranscriptImports,
    private readonly highlights: HighlightsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.process(IMPORT_PROJECT, (job, ctx) => this.run(job, ctx));
  }

  /** Keeps a staged upload as a new import and queues its job. */
  async accept(
    user: AuthUser,
    workspaceId: string,
    staged: StagedFile,
    filename: string,
  ): Promise<ProjectImportType> {
    try {
      const kind = await detectKind(staged.tempPath, filename);
      const repo = this.db.getRepository(ProjectImportEntity);
      const row = await repo.save(
        repo.create({
          workspaceId,
          kind,
          filename: filename.slice(0, 300) || 'import',
          byteSize: staged.byteSize,
          storageKey: `imports/${workspaceId}/${staged.checksum}-${Date.now()}`,
          requestedById: user.id,
        }),
      );
      await this.files.commit(staged, row.storageKey);
      await queueImport(this.jobs, row.id, row.jobGeneration);
      this.logger.log(`import ${row.id} (${kind}, ${staged.byteSize} bytes) queued`);
      return toProjectImportType(row);
    } finally {
      await this.files.discard(staged);
    }
  }

  async get(id: string): Promise<ProjectImportType> {
    const row = await this.db.getRepository(ProjectImportEntity).findOneBy({ id });
    if (!row) throw notFound('Import');
    return toProjectImportType(row);
  }

  /** The job. A job of an older generation, or for an import already ended, does nothing. */
  async run(job: ImportProjectJob, ctx: JobContext): Promise<void> {
    const started = Date.now();
    const row = await this.db.getRepository(ProjectImportEntity).findOneBy({ id: job.importId });
    if (!row || row.jobGeneration !== job.generation) return;
    if (row.status === ProjectImportStatus.READY || row.status === ProjectImportStatus.FAILED)
      return;
    if (!(await this.setState(row, { status: ProjectImportStatus.RUNNING, progress: 0.05 })))
      return;
    try {
      const plan = await this.read(row);
      const read = Date.now();
      await this.setState(row, { progress: 0.5 });
      const outcome = await this.write(row, plan);
      if (!outcome) return; // stale: a newer generation owns the work
      this.logger.log(
        `import ${row.id} ready: project ${outcome.projectId}, ${outcome.counts.transcripts} transcripts, ${outcome.counts.codings} codings in ${Date.now() - started} ms (read ${read - started} ms, written ${Date.now() - read} ms)`,
      );
      await this.files.remove(row.storageKey).catch(() => undefined);
    } catch (error) {
      await this.fail(row, error, ctx);
    }
  }

  private async read(row: ProjectImportEntity): Promise<ImportPlan> {
    if (!(await this.files.exists(row.storageKey)))
      throw new ImportRefused(
        'The uploaded file is no longer on the server (its file store was cleared or moved). Upload it again.',
      );
    const path = await this.files.localPath(row.storageKey);
    const max = this.config.uploads.maxBytes;
    const reply = await this.workers
      .run(READ_IMPORT, {
        path,
        kind: row.kind,
        fallbackName: projectNameFrom(row.filename),
        limits: { maxArchiveBytes: max, maxEntryBytes: Math.min(256 * 1024 * 1024, 8 * max) },
        maxCodes: MAX_TAGS_PER_PROJECT,
      })
      .catch((error: unknown) => {
        if (error instanceof WorkerOutOfMemoryError)
          throw new ImportRefused(
            'This file needs more memory to read than the server allows, so it was not imported.',
          );
        if (error instanceof WorkerTimeoutError)
          throw new ImportRefused('Reading this file took too long, so it was not imported.');
        throw error;
      });
    if (!reply.ok) {
      if (reply.detail)
        this.logger.warn(
          `import ${row.id} refused as ${reply.code}: ${reply.detail.slice(0, 300)}`,
        );
      throw new ImportRefused(reply.message);
    }
    return reply.plan;
  }

  /** Everything in one transaction, ending with the import's READY (only for its generation). */
  private async write(
    row: ProjectImportEntity,
    plan: ImportPlan,
  ): Promise<{ projectId: string; counts: ProjectImportCounts } | null> {
    const user = await queryFirstRow<{ id: string; name: string }>(
      this.db,
      `SELECT id, name FROM user_account WHERE id = $1`,
      [row.requestedById],
    );
    if (!user)
      throw new ImportRefused('The person who uploaded this file no longer has an account.');
    return inTransaction(
      this.db,
      async (tx) => {
        await allowLongStatements(tx);
        const project = await this.projects.createImportedIn(
          tx,
          user,
          row.workspaceId,
          plan.name,
          plan.description,
        );
        const tagIds = await this.tags.importCodebookIn(tx, project.id, plan.codes);
        const counts = { transcripts: 0, codes: plan.codes.length, codings: 0 };
        const warnings = [...plan.warnings];
        const refused: string[] = [];
        const checksums = new Set<string>();
        for (const source of plan.sources) {
          let checksum = sha256(source.checksumInput);
          while (checksums.has(checksum)) checksum = sha256(checksum);
          checksums.add(checksum);
          const written = await this.transcripts.writeIn(tx, project.id, user.id, {
            title: source.name,
            filename: row.filename,
            checksum,
            byteSize: source.byteSize,
            storageKey: row.storageKey,
            language: source.language,
            turns: source.turns,
          });
          const result = await this.highlights.importIn(
            tx,
            user.id,
            project.id,
            written,
            source.highlights.map((h) => ({
              ...h,
              tagIds: h.codeKeys.flatMap((k) => tagIds.get(k) ?? []),
            })),
          );
          counts.transcripts++;
          counts.codings += result.codings;
          if (result.refused.length)
            refused.push(`${source.name.slice(0, 60)} (${result.refused.length})`);
        }
        if (refused.length)
          warnings.push({
            code: 'SELECTION_REFUSED',
            message: `Selections of only spaces were not imported: ${refused.slice(0, 5).join('; ')}${refused.length > 5 ? ` and ${refused.length - 5} more sources` : ''}.`,
          });
        const done = await queryRows<object>(
          tx,
          `UPDATE project_import SET status = 'READY', progress = 1, project_id = $3, counts = $4::jsonb,
                  warnings = $5::jsonb, error = NULL, updated_at = now()
            WHERE id = $1 AND job_generation = $2 AND status = 'RUNNING' RETURNING id`,
          [
            row.id,
            row.jobGeneration,
            project.id,
            JSON.stringify(counts),
            JSON.stringify(warnings.slice(0, MAX_IMPORT_WARNINGS)),
          ],
        );
        if (!done.length) throw new StaleImport();
        return { projectId: project.id, counts };
      },
      { attempts: 1 },
    ).catch((error: unknown) => {
      if (error instanceof StaleImport) return null;
      throw error;
    });
  }

  private async fail(row: ProjectImportEntity, error: unknown, ctx: JobContext): Promise<void> {
    const known = error instanceof ImportRefused || error instanceof DomainError;
    if (!known) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`import ${row.id} attempt ${ctx.attempt} failed: ${message}`);
      if (!ctx.isFinalAttempt) throw error;
    } else {
      this.logger.log(`import ${row.id} refused: ${error.message}`);
    }
    await this.setState(row, {
      status: ProjectImportStatus.FAILED,
      progress: 0,
      error: known
        ? error.message
        : 'The import failed because of a server error. Nothing was created; upload the file again to retry.',
    });
    await this.files.remove(row.storageKey).catch(() => undefined);
  }

  /** Updates the row while this job's generation is the import's; false when it is not. */
  private async setState(
    row: ProjectImportEntity,
    patch: Partial<Pick<ProjectImportEntity, 'status' | 'progress' | 'error'>>,
  ): Promise<boolean> {
    const result = await this.db
      .getRepository(ProjectImportEntity)
      .update({ id: row.id, jobGeneration: row.jobGeneration }, patch);
    Object.assign(row, patch);
    return (result.affected ?? 0) > 0;
  }
}

/** A refusal whose message is for the person importing; not retried. */
class ImportRefused extends Error {}

/** The import's work was queued again under a newer generation. */
class StaleImport extends Error {}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A .qdc names no project: the file's name does. */
export function projectNameFrom(filename: string): string {
  return filename.replace(/\.(qdc|qdpx|xml)$/i, '').trim() || 'Imported codebook';
}

/** QDPX (a ZIP) or QDC (XML), from the name, else from the first bytes. */
async function detectKind(path: string, filename: string): Promise<ProjectImportKind> {
  if (/\.qdpx$/i.test(filename)) return 'QDPX';
  if (/\.qdc$/i.test(filename)) return 'QDC';
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0x50 && head[1] === 0x4b) return 'QDPX';
    const text = head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (text.startsWith('<')) return 'QDC';
  } finally {
    await handle.close();
  }
  throw badInput('Send a REFI-QDA project (.qdpx) or codebook (.qdc) exported from a QDA program.');
}
