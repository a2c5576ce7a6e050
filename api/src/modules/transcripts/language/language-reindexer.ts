import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobQueue } from '../../../jobs/job-queue';
import { TranscriptEntity } from '../transcript.entity';
import { toTranscriptType } from '../transcripts.types';
import { TranscriptsService } from '../transcripts.service';
import { REINDEX_LANGUAGE, reindexJobId } from './reindex-language.job';
import { TranscriptLanguageService } from './transcript-language.service';

/**
 * When a project's default language changes, the transcripts that follow it (no language of
 * their own) are re-stemmed by a job, one transcript per transaction, each announced on
 * `transcriptUpdated`. The job reads the default when it runs, so a retry or a second change
 * while it waits leaves every transcript on the latest default.
 */
@Injectable()
export class LanguageReindexer implements OnModuleInit {
  private readonly logger = new Logger(LanguageReindexer.name);

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly language: TranscriptLanguageService,
    private readonly transcripts: TranscriptsService,
  ) {}

  onModuleInit(): void {
    this.jobs.process(REINDEX_LANGUAGE, (job) => this.reindexProject(job.projectId));
  }

  /** Queues the re-stemming; every change gets its own job (each applies the latest default). */
  async projectDefaultChanged(projectId: string): Promise<void> {
    await this.jobs.enqueue(REINDEX_LANGUAGE, { projectId }, { jobId: reindexJobId(projectId) });
  }

  async reindexProject(projectId: string): Promise<void> {
    const started = Date.now();
    let changed = 0;
    for (const id of await this.language.followingDefault(projectId)) {
      const updated = await this.db.transaction(async (tx) => {
        const transcript = await tx
          .getRepository(TranscriptEntity)
          .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!transcript || !this.language.followsDefault(transcript)) return null;
        const choice = await this.language.projectChoice(projectId, tx);
        return (await this.language.apply(tx, transcript, choice)) ? transcript : null;
      });
      if (!updated) continue;
      changed++;
      await this.transcripts.publish(toTranscriptType(updated));
    }
    this.logger.log(
      `project ${projectId}: ${changed} transcript(s) moved to the default language in ${Date.now() - started} ms`,
    );
  }
}
