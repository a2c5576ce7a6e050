import { Inject, Injectable, Logger } from '@nestjs/common';
import { type PubSubEngine } from 'graphql-subscriptions';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, conflict, isUniqueViolation, notFound } from '../../common/errors/domain-error';
import { FileStore, type StagedFile } from '../../common/files/file-store';
import { type Connection, type PageArgs } from '../../common/pagination/connection';
import { paginate } from '../../common/pagination/paginate';
import { PUB_SUB } from '../../common/pubsub/pubsub.module';
import { executeSql, queryRows } from '../../database/sql';
import { allowLongStatements } from '../../database/transaction';
import { JobQueue } from '../../jobs/job-queue';
import { ActivityService } from '../activity/activity.service';
import { queueIngest } from './jobs/ingest.job';
import { type SegmentRow, segmentColumns, toSegmentType } from './segment-row';
import { cleanLanguage, TranscriptLanguageService } from './language/transcript-language.service';
import { LanguageSource, TranscriptEntity, TranscriptStatus } from './transcript.entity';
import {
  type SegmentType,
  toTranscriptType,
  type TranscriptType,
  type UpdateTranscriptInput,
} from './transcripts.types';

export const transcriptTopic = (projectId: string) => `transcript-updated:${projectId}`;

export const MAX_SEGMENT_WINDOW = 5000;

@Injectable()
export class TranscriptsService {
  private readonly logger = new Logger(TranscriptsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly files: FileStore,
    private readonly jobs: JobQueue,
    private readonly activity: ActivityService,
    private readonly language: TranscriptLanguageService,
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
  ) {}

  /**
   * Stores a staged original as a new transcript and queues its parsing. Identical bytes
   * already in the project are refused with CONFLICT naming the existing transcript, unless its
   * processing failed: then the upload stores the original again and retries that transcript.
   */
  async accept(
    user: AuthUser,
    projectId: string,
    staged: StagedFile,
    file: { filename: string; title?: string | null },
  ): Promise<TranscriptType> {
    try {
      const repo = this.db.getRepository(TranscriptEntity);
      const filename = cleanFilename(file.filename);
      const transcript = repo.create({
        projectId,
        filename,
        title: file.title?.trim() || titleFrom(filename),
        checksum: staged.checksum,
        byteSize: staged.byteSize,
        storageKey: '',
        uploadedById: user.id,
        status: TranscriptStatus.UPLOADED,
      });
      transcript.storageKey = `originals/${projectId}/${staged.checksum}`;
      const saved = await this.db
        .transaction(async (tx) => {
          const row = await tx.save(transcript);
          await this.activity.recordInProject(tx, {
            projectId,
            actorId: user.id,
            verb: 'transcript.uploaded',
            summary: `${user.name} added the transcript “${row.title}”`,
            data: { transcriptId: row.id },
          });
          return row;
        })
        .catch(async (error: unknown) => {
          // Identical bytes in the project (project_id, checksum): looked up only now, so that
          // new bytes, the usual case, cost no extra round trip.
          if (!isUniqueViolation(error)) throw error;
          const failed = await this.refuseDuplicate(projectId, staged.checksum);
          if (failed) return { failed };
          throw conflict('The same file was just uploaded to this project; refresh to see it.');
        });
      if ('failed' in saved) {
        await this.files.commit(staged, saved.failed.storageKey);
        return await this.retry(user, saved.failed.id);
      }
      await this.files.commit(staged, saved.storageKey);
      this.logger.log(
        `transcript ${saved.id} uploaded (${staged.byteSize} bytes) to project ${projectId}`,
      );
      // Announced before the job is queued, so no update of the job can come before it.
      const type = toTranscriptType(saved);
      await this.publish(type);
      await queueIngest(this.jobs, saved.id, saved.jobGeneration);
      return type;
    } finally {
      await this.files.discard(staged);
    }
  }

  async get(id: string): Promise<TranscriptType> {
    return toTranscriptType(await this.load(id));
  }

  list(projectId: string, page: PageArgs): Promise<Connection<TranscriptType>> {
    const qb = this.db
      .getRepository(TranscriptEntity)
      .createQueryBuilder('transcript')
      .where('transcript.projectId = :projectId', { projectId });
    return paginate(qb, page, toTranscriptType);
  }

  /**
   * Windows of turns in order, of one or many transcripts, in one query; each window by its
   * `segmentWindowKey`. The caller has already been checked on the transcripts.
   */
  async segmentWindows(windows: SegmentWindow[]): Promise<Map<string, SegmentType[]>> {
    const byWindow = new Map<string, SegmentType[]>(windows.map((w) => [segmentWindowKey(w), []]));
    if (!windows.length) return byWindow;
    const rows = await queryRows<SegmentRow & { n: number }>(
      this.db,
      `SELECT w.n::int AS n, s.*
         FROM unnest($1::uuid[], $2::int[], $3::int[]) WITH ORDINALITY AS w(transcript_id, skip, take, n)
        CROSS JOIN LATERAL (
              SELECT ${segmentColumns('s.')}
                FROM segment s WHERE s.transcript_id = w.transcript_id
               ORDER BY s.index OFFSET w.skip LIMIT w.take) s`,
      [
        windows.map((w) => w.transcriptId),
        windows.map((w) => Math.max(0, w.from)),
        windows.map((w) => Math.min(Math.max(0, w.limit), MAX_SEGMENT_WINDOW)),
      ],
    );
    for (const row of rows) {
      byWindow.get(segmentWindowKey(windows[row.n - 1]!))!.push(toSegmentType(row));
    }
    // Rows come in order in practice, but only ORDER BY promises it; sorting here is nearly free
    // when they do, and spares the database a sort of every window's text.
    for (const turns of byWindow.values()) turns.sort((a, b) => a.index - b.index);
    return byWindow;
  }

  /**
   * Renames a transcript or sets its language. A language set here wins over the file's and the
   * detected one; null goes back to choosing automatically (the file's, else detected, else the
   * project's default). A new text-search configuration re-stems its turns and highlights.
   */
  async update(user: AuthUser, input: UpdateTranscriptInput): Promise<TranscriptType> {
    const transcript = await this.load(input.id);
    let title: string | undefined;
    if (input.title !== undefined && input.title !== null) {
      title = input.title.trim();
      if (!title) throw badInput('title must not be empty.');
    }
    const interviewDate =
      input.interviewDate === undefined ? undefined : calendarDay(input.interviewDate);
    const language =
      input.language === undefined
        ? null
        : cleanLanguage(input.language)
          ? await this.language.choice(input.language, LanguageSource.MANUAL)
          : await this.language.automaticChoice(transcript);
    if (title === undefined && interviewDate === undefined && !language)
      return toTranscriptType(transcript);
    await this.db.transaction(async (tx) => {
      if (title !== undefined) await tx.update(TranscriptEntity, { id: transcript.id }, { title });
      if (interviewDate !== undefined)
        await tx.update(TranscriptEntity, { id: transcript.id }, { interviewDate });
      if (language) await this.language.apply(tx, transcript, language);
      await this.activity.recordInProject(tx, {
        projectId: transcript.projectId,
        actorId: user.id,
        verb: 'transcript.updated',
        summary: `${user.name} updated the transcript “${title ?? transcript.title}”`,
        data: {
          transcriptId: transcript.id,
          ...(title ? { title } : {}),
          ...(interviewDate !== undefined ? { interviewDate } : {}),
          ...(language ? { language: language.language, languageSource: language.source } : {}),
        },
      });
    });
    const updated = await this.get(transcript.id);
    await this.publish(updated);
    return updated;
  }

  /**
   * Processes a transcript whose processing failed again, from its kept original. The work is
   * queued under a new job generation, so nothing left of the failed attempt can interfere.
   */
  async retry(user: AuthUser, id: string): Promise<TranscriptType> {
    const transcript = await this.load(id);
    const generation = await this.db.transaction(async (tx) => {
      const rows = await queryRows<{ job_generation: number }>(
        tx,
        `WITH r AS (
           UPDATE transcript SET status = 'UPLOADED', error = NULL, retryable = true, progress = 0, requeues = 0,
                  job_generation = job_generation + 1, updated_at = now()
            WHERE id = $1 AND status = 'FAILED' RETURNING job_generation)
         SELECT job_generation FROM r`,
        [id],
      );
      if (!rows[0]) {
        throw conflict(
          `Only a transcript whose processing failed can be retried; “${transcript.title}” is ${transcript.status.toLowerCase()}.`,
        );
      }
      await this.activity.recordInProject(tx, {
        projectId: transcript.projectId,
        actorId: user.id,
        verb: 'transcript.retried',
        summary: `${user.name} retried processing the transcript “${transcript.title}”`,
        data: { transcriptId: id },
      });
      return rows[0].job_generation;
    });
    // Announced before the job is queued, so no update of the job can come before it.
    const updated = await this.get(id);
    await this.publish(updated);
    await queueIngest(this.jobs, id, generation);
    return updated;
  }

  async delete(user: AuthUser, id: string): Promise<string> {
    const transcript = await this.load(id);
    await this.db.transaction(async (tx) => {
      await allowLongStatements(tx); // deletes every turn and highlight with it
      await tx.delete(TranscriptEntity, { id });
      await this.activity.recordInProject(tx, {
        projectId: transcript.projectId,
        actorId: user.id,
        verb: 'transcript.deleted',
        summary: `${user.name} deleted the transcript “${transcript.title}”`,
      });
    });
    await this.files.remove(transcript.storageKey);
    return id;
  }

  /**
   * Writes an editor's correction of a turn, its text and (when given) its speaker, inside the
   * caller's transaction; the caller holds the turn's lock and re-anchors its highlights.
   */
  async correctTurnIn(
    tx: EntityManager,
    turnId: string,
    correction: { text: string; speaker: { id: string; label: string } | null },
    editorId: string,
  ): Promise<void> {
    const { text, speaker } = correction;
    await executeSql(
      tx,
      `UPDATE segment SET text = $2, participant_id = coalesce($3, participant_id), speaker = coalesce($4, speaker),
              edited_at = now(), edited_by_id = $5
        WHERE id = $1`,
      [turnId, text, speaker?.id ?? null, speaker?.label ?? null, editorId],
    );
  }

  async publish(transcript: TranscriptType): Promise<void> {
    await this.pubsub.publish(transcriptTopic(transcript.projectId), {
      transcriptUpdated: transcript,
    });
  }

  private async load(id: string): Promise<TranscriptEntity> {
    const transcript = await this.db.getRepository(TranscriptEntity).findOneBy({ id });
    if (!transcript) throw notFound('Transcript');
    return transcript;
  }

  /** Throws CONFLICT for identical bytes in the project; returns the transcript if it FAILED. */
  private async refuseDuplicate(
    projectId: string,
    checksum: string,
  ): Promise<TranscriptEntity | null> {
    const existing = await this.db
      .getRepository(TranscriptEntity)
      .findOneBy({ projectId, checksum });
    if (existing?.status === TranscriptStatus.FAILED) return existing;
    if (existing) {
      throw conflict(`This file was already uploaded to this project as "${existing.title}".`, {
        existingTranscriptId: existing.id,
      });
    }
    return null;
  }
}

/** Turns `from` (0-based, in order) to at most `limit` turns later, of one transcript. */
export interface SegmentWindow {
  transcriptId: string;
  from: number;
  limit: number;
}

export const segmentWindowKey = (w: SegmentWindow) => `${w.transcriptId}:${w.from}:${w.limit}`;

/** Keeps the file's own name, without a path, control characters or excess length. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 300);
  return clean || 'transcript';
}

export function titleFrom(filename: string): string {
  const stem = filename
    .replace(/\.(vtt|srt|txt|md|docx|json)$/i, '')
    .replace(/[_]+/g, ' ')
    .trim();
  return (stem || filename).slice(0, 300);
}

/** A 'YYYY-MM-DD' that names a real day, or null for none (null or ""). */
function calendarDay(value: string | null): string | null {
  if (!value) return null;
  const day = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
    throw badInput(`interviewDate: ${value} is not a day of the calendar.`);
  return value;
}
