import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { TranscriptParseError, type Turn } from '@verbatim/transcript';
import { DataSource } from 'typeorm';
import { FileStore } from '../../common/files/file-store';
import { WorkerPool } from '../../common/workers/worker-pool';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { executeSql } from '../../database/sql';
import { type JobContext, JobQueue } from '../../jobs/job-queue';
import { ParticipantsService, type SpeakerTurns } from '../participants/participants.service';
import { INGEST_TRANSCRIPT, type IngestTranscriptJob } from './jobs/ingest.job';
import { TranscriptLanguageService } from './language/transcript-language.service';
import { parseInChild, type StreamedTranscript } from './jobs/parse-in-child';
import { parseInThread } from './jobs/parse-in-thread';
import { TranscriptEntity, TranscriptStatus } from './transcript.entity';
import { toTranscriptType } from './transcripts.types';
import { TranscriptsService } from './transcripts.service';
import { canCheckTurnParentsOnce, insertTurns } from './turn-inserts';

/** Turns longer than this are split at sentence ends (tsvector caps a value at 1 MB). */
export const MAX_TURN_CHARS = 20_000;
const INSERT_BATCH = 2_000;

/** Parses stored originals into participants and segments; the processor of INGEST_TRANSCRIPT. */
@Injectable()
export class IngestService implements OnModuleInit {
  private readonly logger = new Logger(IngestService.name);
  /** Whether a batch's foreign keys are checked once (see insertTurns); asked once. */
  private checkParentsOnce?: Promise<boolean>;

  constructor(
    private readonly db: DataSource,
    private readonly files: FileStore,
    private readonly jobs: JobQueue,
    private readonly transcripts: TranscriptsService,
    private readonly participants: ParticipantsService,
    private readonly language: TranscriptLanguageService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly workers: WorkerPool,
  ) {}

  onModuleInit(): void {
    this.jobs.process(INGEST_TRANSCRIPT, (job, ctx) => this.ingest(job, ctx));
  }

  /**
   * Idempotent: a retry replaces whatever an interrupted attempt wrote. A job of an older
   * generation than the transcript's (the reconciler or a user queued the work again) stops at
   * its next write without changing anything.
   */
  async ingest(job: IngestTranscriptJob, ctx: JobContext): Promise<void> {
    try {
      await this.ingestGeneration(job, ctx);
    } catch (error) {
      if (!(error instanceof StaleJob)) throw error;
      this.logger.log(
        `transcript ${job.transcriptId}: job of generation ${job.generation} is stale`,
      );
    }
  }

  private async ingestGeneration(job: IngestTranscriptJob, ctx: JobContext): Promise<void> {
    const started = Date.now();
    const transcript = await this.db
      .getRepository(TranscriptEntity)
      .findOneBy({ id: job.transcriptId });
    if (!transcript) return;
    if (transcript.jobGeneration !== (job.generation ?? 0)) throw new StaleJob();
    // READY and FAILED are final; a retry first queues the work under a new generation.
    if (
      transcript.status === TranscriptStatus.READY ||
      transcript.status === TranscriptStatus.FAILED
    )
      return;
    // No attempt has written turns yet: a first upload's first job (a retry is a new generation).
    const untouched =
      transcript.status === TranscriptStatus.UPLOADED && transcript.jobGeneration === 0;
    await this.setState(transcript, {
      status: TranscriptStatus.PROCESSING,
      progress: 0.05,
      error: null,
    });
    let source: StreamedTranscript | null = null;
    try {
      source = await this.parse(transcript);
      const parsed = source;
      // Decided before the turns are stored, so each is stemmed once: a language set by hand
      // (updateTranscript), else the file's, else the detected one, else the project's default.
      await this.language.beforeStore(transcript, parsed.language, parsed.detectedLanguage);
      const { segmentCount, speakers, created } = await this.store(transcript, parsed, untouched);
      await this.participants.flagQuestioner(this.db.manager, speakers, created);
      await this.setState(transcript, {
        status: TranscriptStatus.READY,
        progress: 1,
        format: parsed.format,
        durationMs: parsed.durationMs,
        segmentCount,
        error: null,
      });
      this.logger.log(
        `transcript ${transcript.id} ready: ${parsed.format}, ${transcript.segmentCount} turns in ${Date.now() - started} ms`,
      );
    } catch (error) {
      if (error instanceof StaleJob) throw error;
      await this.fail(transcript, error, ctx);
    } finally {
      await source?.dispose();
    }
  }

  /**
   * Never on this event loop: files up to PARSE_IN_CHILD_ABOVE in the worker-thread pool (heap
   * capped by WORKER_THREAD_MEMORY), larger ones in a child process that streams its turns back.
   * What a library underneath said about a refused file is logged, never shown.
   */
  private async parse(transcript: TranscriptEntity): Promise<StreamedTranscript> {
    if (!(await this.files.exists(transcript.storageKey))) throw new OriginalMissing();
    const input = await this.files.localPath(transcript.storageKey);
    try {
      return transcript.byteSize > this.config.uploads.parseInChildAboveBytes
        ? await parseInChild(input, transcript.filename, await this.files.workDir())
        : await parseInThread(this.workers, input, transcript.filename);
    } catch (error) {
      if (error instanceof TranscriptParseError && error.detail)
        this.logger.warn(
          `transcript ${transcript.id} refused as ${error.code}: ${error.detail.slice(0, 300)}`,
        );
      throw error;
    }
  }

  /**
   * Writes the turns batch by batch, each in its own statement, so a huge transcript never holds
   * a connection (the embedded database has only one) for long. A retry starts by deleting what
   * an interrupted attempt wrote; the transcript only becomes READY after the last batch, in the
   * same statement that records how many turns it has. Each speaker's turns and questions are
   * counted on the way, for flagQuestioner.
   */
  private async store(
    transcript: TranscriptEntity,
    source: StreamedTranscript,
    untouched: boolean,
  ): Promise<{ segmentCount: number; speakers: SpeakerTurns[]; created: string[] }> {
    if (!untouched) {
      await executeSql(
        this.db,
        `DELETE FROM segment s USING transcript t
          WHERE s.transcript_id = $1 AND t.id = $1 AND t.job_generation = $2 AND t.status = 'PROCESSING'`,
        [transcript.id, transcript.jobGeneration],
      );
    }
    const { ids, created, interviewers } = await this.participants.ensureForLabels(
      this.db.manager,
      transcript.projectId,
      transcript.id,
      source.speakers,
    );
    const speakers = new Map<string, SpeakerTurns>();
    let index = 0;
    let batches = 0;
    for await (const batch of source.batches(INSERT_BATCH)) {
      const turns = splitLongTurns(batch);
      const participantIds = turns.map((t) =>
        t.speaker ? (ids.get(t.speaker.trim()) ?? null) : null,
      );
      await this.insertSegments(transcript, index, turns, participantIds);
      turns.forEach((turn, i) => {
        const id = participantIds[i];
        if (!id) return;
        const counts = speakers.get(id) ?? {
          id,
          turns: 0,
          questions: 0,
          isInterviewer: interviewers.has(id),
        };
        counts.turns++;
        if (turn.text.includes('?')) counts.questions++;
        speakers.set(id, counts);
      });
      index += turns.length;
      if (++batches % 10 === 0) {
        await this.setState(transcript, {
          progress: 0.1 + 0.85 * Math.min(1, index / Math.max(1, source.turnCount)),
        });
      }
    }
    return { segmentCount: index, speakers: [...speakers.values()], created };
  }

  private async insertSegments(
    transcript: TranscriptEntity,
    from: number,
    turns: Turn[],
    participantIds: (string | null)[],
  ): Promise<void> {
    this.checkParentsOnce ??= canCheckTurnParentsOnce(this.db).catch((error: unknown) => {
      this.checkParentsOnce = undefined;
      throw error;
    });
    await insertTurns(
      this.db,
      {
        transcriptId: transcript.id,
        projectId: transcript.projectId,
        tsConfig: transcript.tsConfig,
        from,
        speakers: turns.map((t) => t.speaker?.trim() || null),
        participantIds,
        startMs: turns.map((t) => toInt(t.startMs)),
        endMs: turns.map((t) => toInt(t.endMs)),
        texts: turns.map((t) => t.text),
      },
      await this.checkParentsOnce,
    );
  }

  private async fail(transcript: TranscriptEntity, error: unknown, ctx: JobContext): Promise<void> {
    if (error instanceof OriginalMissing) {
      // Retrying cannot bring it back; uploading the same file again does (and retries this).
      this.logger.warn(
        `transcript ${transcript.id}: its original ${transcript.storageKey} is missing`,
      );
      await this.setState(transcript, {
        status: TranscriptStatus.FAILED,
        progress: 0,
        error: error.message,
        retryable: false,
      });
      return;
    }
    if (error instanceof TranscriptParseError) {
      this.logger.log(`transcript ${transcript.id} refused: ${error.code}`);
      await this.setState(transcript, {
        status: TranscriptStatus.FAILED,
        progress: 0,
        error: error.message,
        retryable: false,
      });
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(`transcript ${transcript.id} attempt ${ctx.attempt} failed: ${message}`);
    if (ctx.isFinalAttempt) {
      await this.setState(transcript, {
        status: TranscriptStatus.FAILED,
        progress: 0,
        error:
          'Processing failed because of a server error. The original file is kept: choose Retry to process it again.',
        retryable: true,
      });
      return;
    }
    throw error;
  }

  /** Updates the row and tells subscribers; the loaded entity is the source of the message. */
  private async setState(
    transcript: TranscriptEntity,
    patch: Partial<TranscriptEntity>,
  ): Promise<void> {
    await this.guardedUpdate(transcript, patch);
    Object.assign(transcript, patch, { updatedAt: new Date() });
    await this.transcripts.publish(toTranscriptType(transcript));
  }

  /** Updates the row only while this job's generation is the transcript's; StaleJob otherwise. */
  private async guardedUpdate(
    transcript: TranscriptEntity,
    patch: Partial<TranscriptEntity>,
  ): Promise<void> {
    const result = await this.db
      .getRepository(TranscriptEntity)
      .update({ id: transcript.id, jobGeneration: transcript.jobGeneration }, patch);
    if (result.affected === 0) throw new StaleJob();
  }
}

/** The transcript's work was queued again under a newer generation: this job stops. */
class StaleJob extends Error {}

/** The stored original is gone (the file store was cleared or moved). */
class OriginalMissing extends Error {
  constructor() {
    super(
      'The original file is no longer on the server (its file store was cleared or moved). Upload the same file again to process it.',
    );
  }
}

function toInt(ms: number | null): number | null {
  return ms === null || !Number.isFinite(ms)
    ? null
    : Math.max(0, Math.min(2_147_483_647, Math.round(ms)));
}

/** Splits over-long turns at sentence ends (or spaces) into consecutive turns of one speaker. */
export function splitLongTurns(turns: Turn[], max = MAX_TURN_CHARS): Turn[] {
  return turns.flatMap((turn) => {
    if (turn.text.length <= max) return [turn];
    const parts: string[] = [];
    let rest = turn.text;
    while (rest.length > max) {
      const window = rest.slice(0, max);
      const cut = Math.max(
        window.lastIndexOf('. '),
        window.lastIndexOf('? '),
        window.lastIndexOf('! '),
      );
      const at =
        cut > max / 2 ? cut + 1 : window.lastIndexOf(' ') > max / 2 ? window.lastIndexOf(' ') : max;
      parts.push(rest.slice(0, at).trim());
      rest = rest.slice(at).trim();
    }
    if (rest) parts.push(rest);
    return parts.map((text) => ({ ...turn, text }));
  });
}
