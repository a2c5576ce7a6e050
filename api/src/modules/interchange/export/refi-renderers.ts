import { Injectable } from '@nestjs/common';
import { writeCodebook } from '@verbatim/interop';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonLines } from '../../../common/files/json-lines';
import { WorkerPool } from '../../../common/workers/worker-pool';
import { workerTask } from '../../../common/workers/worker-task';
import {
  ExportFormat,
  ExportKind,
  type ExportRenderer,
  ExportRenderError,
  type ExportRenderJob,
  workerLimitError,
} from '../../exports/export-renderer';
import { ProjectRows } from './project-rows';
import type * as QdpxTask from './qdpx.task';

export const WRITE_QDPX = workerTask<typeof QdpxTask.writeQdpx>(
  path.join(__dirname, 'qdpx.task'),
  'writeQdpx',
);

/** Share of the progress bar the database read takes (the archive is written after it). */
const READ_SHARE = 0.6;

type NamingJob = Parameters<ExportRenderer['filename']>[0];

/** What QDA tools show as the program that wrote the file; the importer recognises it. */
export const VERBATIM_ORIGIN = 'Verbatim';

/** The project's codebook as a REFI-QDA codebook (`.qdc`). */
@Injectable()
export class CodebookRenderer implements ExportRenderer {
  readonly kind = ExportKind.CODEBOOK;
  readonly formats = [ExportFormat.QDC] as const;

  constructor(private readonly rows: ProjectRows) {}

  async filename(job: NamingJob): Promise<string> {
    const head = await this.rows.head(job.projectId);
    return `${fileSafe(head.name)} – codebook.qdc`;
  }

  async render(job: ExportRenderJob): Promise<void> {
    const codes = await this.rows.codes(job.projectId);
    if (!codes.length)
      throw new ExportRenderError(
        'This project has no tags yet: a codebook file needs at least one.',
        false,
      );
    await writeFile(job.outPath, writeCodebook({ codes, origin: VERBATIM_ORIGIN }), 'utf8');
    await job.progress(1);
  }
}

/**
 * The whole project as a REFI-QDA project (`.qdpx`): users who made highlights, the codebook,
 * every READY transcript as a plain-text source (turns laid out by `transcriptToText`), and
 * highlights as selections with their tags as codings and their note as the description.
 * Transcripts are read one at a time into a work file of JSON lines; a worker thread writes the
 * archive from it (qdpx.task.ts), so the deflate never runs on the api's event loop.
 */
@Injectable()
export class ProjectRenderer implements ExportRenderer {
  readonly kind = ExportKind.PROJECT;
  readonly formats = [ExportFormat.QDPX] as const;

  constructor(
    private readonly rows: ProjectRows,
    private readonly workers: WorkerPool,
  ) {}

  async filename(job: NamingJob): Promise<string> {
    const head = await this.rows.head(job.projectId);
    return `${fileSafe(head.name)}.qdpx`;
  }

  async render(job: ExportRenderJob): Promise<void> {
    const [head, codes, users, total] = await Promise.all([
      this.rows.head(job.projectId),
      this.rows.codes(job.projectId),
      this.rows.users(job.projectId),
      this.rows.transcriptCount(job.projectId),
    ]);
    const sourcesPath = `${job.outPath}.sources.jsonl`;
    try {
      await this.writeSources(job, total, sourcesPath);
      await this.workers
        .run(
          WRITE_QDPX,
          {
            project: {
              name: head.name,
              origin: VERBATIM_ORIGIN,
              ...(head.description ? { description: head.description } : {}),
              creationDateTime: head.createdAt,
              modifiedDateTime: head.modifiedAt,
              users,
              codes,
            },
            sourcesPath,
            outPath: job.outPath,
          },
          { signal: job.signal },
        )
        .catch((error: unknown) => {
          throw workerLimitError(error);
        });
    } finally {
      await rm(sourcesPath, { force: true });
    }
    await job.progress(1);
  }

  /** The transcripts, one JSON line each, read from the database one at a time. */
  private writeSources(job: ExportRenderJob, total: number, sourcesPath: string): Promise<void> {
    const sources = this.rows.sources(job.projectId, job.signal);
    async function* lines() {
      for await (const source of sources) yield [source];
    }
    return writeJsonLines(sourcesPath, lines(), {
      signal: job.signal,
      // Progress is a nicety: a failed write of it never fails the export.
      written: (count) =>
        job.progress((READ_SHARE * count) / Math.max(1, total)).catch(() => undefined),
    });
  }
}

/** A project name as a file name: no path separators or control characters, not too long. */
export function fileSafe(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ').trim();
  return (clean || 'project').slice(0, 120);
}
