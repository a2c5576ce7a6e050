import { Inject, Injectable } from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, conflict, DomainError, notFound } from '../../common/errors/domain-error';
import { type Connection, type PageArgs } from '../../common/pagination/connection';
import { paginate } from '../../common/pagination/paginate';
import { PUB_SUB } from '../../common/pubsub/pubsub.module';
import { queryFirstRow, queryRows } from '../../database/sql';
import { JobQueue } from '../../jobs/job-queue';
import { ExportFormat, type ExportKind, ExportRenderers } from './export-renderer';
import { ExportEntity, ExportStatus } from './export.entity';
import { queueRender } from './jobs/render-export.job';
import { type ExportType, toExportType } from './exports.types';

/** What ExportsService.request is asked for. */
export interface ExportRequest {
  kind: ExportKind;
  format: ExportFormat;
  projectId: string;
  /** What is exported when it is not the whole project (a report's id). */
  subjectId?: string | null;
  /** Kind-specific options, stored with the export and handed to its renderer. */
  params?: Record<string, unknown>;
}

/** The live topic of one export's changes. */
export const exportTopic = (exportId: string) => `export-updated:${exportId}`;

/** Exports one user may have waiting or running at once; more are refused until one finishes. */
export const MAX_UNFINISHED_PER_USER = 10;

/** Longest file name kept (the column allows 255; room for a browser's " (1)"). */
const MAX_FILENAME = 200;

/**
 * Exports: asking for one (every kind goes through `request`), reading one's state, listing
 * one's own, retrying. An export is seen by its requester only, and only while they can still
 * read its project; for anyone else it does not exist (NOT_FOUND).
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly renderers: ExportRenderers,
    private readonly jobs: JobQueue,
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
  ) {}

  /**
   * Queues an export of a project the user can read (viewers export what they can see). The
   * renderer of its kind must support the format; it names the file now, so the user sees the
   * name at once. Returns the QUEUED export.
   */
  async request(user: AuthUser, input: ExportRequest): Promise<ExportType> {
    const grant = await this.access.require(user, 'project:read', { projectId: input.projectId });
    const renderer = this.renderers.find(input.kind);
    if (!renderer) throw badInput(`This server cannot write ${describe(input.kind)} exports.`);
    if (!renderer.formats.includes(input.format))
      throw badInput(
        `${describe(input.kind, true)} can be exported as ${renderer.formats.join(', ')}, not ${input.format}.`,
        { formats: renderer.formats },
      );
    await this.refuseTooMany(user);
    const params = input.params ?? {};
    const subjectId = input.subjectId ?? null;
    const filename = safeFilename(
      await renderer.filename({
        kind: input.kind,
        format: input.format,
        projectId: input.projectId,
        subjectId,
        params,
        requestedBy: user.id,
      }),
      input.format,
    );
    const repo = this.db.getRepository(ExportEntity);
    const row = await repo.save(
      repo.create({
        projectId: input.projectId,
        workspaceId: grant.workspaceId,
        kind: input.kind,
        format: input.format,
        subjectId,
        params,
        filename,
        requestedById: user.id,
      }),
    );
    await queueRender(this.jobs, row.id, row.jobGeneration);
    return toExportType(row);
  }

  /** TOO_MANY_REQUESTS when the user already has MAX_UNFINISHED_PER_USER exports under way. */
  private async refuseTooMany(user: AuthUser): Promise<void> {
    const [row] = await queryRows<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM export
        WHERE requested_by_id = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [user.id],
    );
    if ((row?.n ?? 0) >= MAX_UNFINISHED_PER_USER)
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `You have ${MAX_UNFINISHED_PER_USER} exports under way; ask for another once one of them is ready.`,
      );
  }

  /** One of the user's exports. */
  async get(user: AuthUser, id: string): Promise<ExportType> {
    await this.access.require(user, 'project:read', { exportId: id });
    return toExportType(await this.row(id));
  }

  /** The user's exports in a project, newest first. */
  async list(user: AuthUser, projectId: string, page: PageArgs): Promise<Connection<ExportType>> {
    await this.access.require(user, 'project:read', { projectId });
    const qb = this.db
      .getRepository(ExportEntity)
      .createQueryBuilder('x')
      .where('x.projectId = :projectId AND x.requestedById = :userId', {
        projectId,
        userId: user.id,
      });
    return paginate(qb, page, toExportType);
  }

  /** Queues a FAILED export again (under a new job generation); CONFLICT otherwise. */
  async retry(user: AuthUser, id: string): Promise<ExportType> {
    await this.access.require(user, 'project:read', { exportId: id });
    const [changed] = await queryRows<{ generation: number }>(
      this.db,
      `UPDATE export SET status = 'QUEUED', progress = 0, error = NULL, requeues = 0,
              job_generation = job_generation + 1, finished_at = NULL, updated_at = now()
        WHERE id = $1 AND status = 'FAILED' AND retryable
        RETURNING job_generation AS generation`,
      [id],
    );
    if (!changed) {
      const row = await this.row(id);
      throw conflict(
        row.status === ExportStatus.FAILED
          ? 'This export cannot succeed if run again; export again with other options.'
          : `Only a failed export can be retried; this one is ${row.status.toLowerCase()}.`,
        { status: row.status },
      );
    }
    await queueRender(this.jobs, id, changed.generation);
    const row = await this.row(id);
    await this.publish(row);
    return toExportType(row);
  }

  /** Tells `exportUpdated(id)` subscribers how the export is now. */
  async publish(row: ExportEntity): Promise<void> {
    await this.pubsub.publish(exportTopic(row.id), { exportUpdated: toExportType(row) });
  }

  /** Publishes the export as the database has it now (after a change made in SQL). */
  async publishById(id: string): Promise<void> {
    const row = await this.find(id);
    if (row) await this.publish(row);
  }

  /** The export's row, or null once deleted (no access check). */
  find(id: string): Promise<ExportEntity | null> {
    return this.db.getRepository(ExportEntity).findOneBy({ id });
  }

  /** The row of an export whose access was checked. */
  async row(id: string): Promise<ExportEntity> {
    const row = await this.db.getRepository(ExportEntity).findOneBy({ id });
    if (!row) throw notFound('Export');
    return row;
  }

  /** Who asked for an export, or null when there is no such export (no access check). */
  async requesterOf(id: string): Promise<string | null> {
    const row = await queryFirstRow<{ requested_by_id: string }>(
      this.db,
      `SELECT requested_by_id FROM export WHERE id = $1`,
      [id],
    );
    return row?.requested_by_id ?? null;
  }

  /**
   * The stored file of an export, for a download by its requester (checked by the caller):
   * CONFLICT while it is not READY, GONE once retention removed it.
   */
  async downloadable(id: string): Promise<ExportEntity & { fileKey: string }> {
    const entity = await this.row(id);
    if (entity.expiredAt || (entity.status === ExportStatus.READY && !entity.fileKey))
      throw new ExportGone();
    if (entity.status !== ExportStatus.READY || !entity.fileKey)
      throw conflict(
        entity.status === ExportStatus.FAILED
          ? `This export failed: ${entity.error ?? 'no file was written'}`
          : 'This export is not ready yet; download it once its status is READY.',
        { status: entity.status },
      );
    return entity as ExportEntity & { fileKey: string };
  }
}

/** The export's file was removed by retention: its download answers 410 Gone. */
export class ExportGone extends Error {
  constructor() {
    super(
      'This export’s file was removed after its retention period; export again to get a new one.',
    );
  }
}

/** "highlights" / "Highlights", for messages. */
function describe(kind: ExportKind, capital = false): string {
  const word = kind.toLowerCase();
  return capital ? word[0]!.toUpperCase() + word.slice(1) : word;
}

const EXTENSIONS: Record<ExportFormat, string> = {
  [ExportFormat.PDF]: 'pdf',
  [ExportFormat.DOCX]: 'docx',
  [ExportFormat.HTML]: 'html',
  [ExportFormat.MARKDOWN]: 'md',
  [ExportFormat.CSV]: 'csv',
  [ExportFormat.XLSX]: 'xlsx',
  [ExportFormat.QDC]: 'qdc',
  [ExportFormat.QDPX]: 'qdpx',
};

/** The file extension of a format, without the dot. */
export const extensionOf = (format: ExportFormat): string => EXTENSIONS[format];

/**
 * A file name safe to offer for saving: no path separators, control characters or characters
 * Windows refuses, not empty, not too long, and ending in the format's extension.
 */
export function safeFilename(name: string, format: ExportFormat): string {
  const ext = `.${EXTENSIONS[format]}`;
  let base = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (base.toLowerCase().endsWith(ext)) base = base.slice(0, -ext.length).trim();
  base = base.replace(/^[.\s]+|[.\s]+$/g, '');
  const chars = [...base];
  if (chars.length > MAX_FILENAME - ext.length)
    base = chars
      .slice(0, MAX_FILENAME - ext.length)
      .join('')
      .trim();
  return `${base || 'export'}${ext}`;
}
