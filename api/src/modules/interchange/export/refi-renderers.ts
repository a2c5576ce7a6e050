import { Injectable } from '@nestjs/common';
import { writeCodebook, writeProject } from '@verbatim/interop';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import {
  ExportFormat,
  ExportKind,
  type ExportRenderer,
  ExportRenderError,
  type ExportRenderJob,
} from '../../exports/export-renderer';
import { ProjectRows } from './project-rows';

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
 * Transcripts are read and written one at a time.
 */
@Injectable()
export class ProjectRenderer implements ExportRenderer {
  readonly kind = ExportKind.PROJECT;
  readonly formats = [ExportFormat.QDPX] as const;

  constructor(private readonly rows: ProjectRows) {}

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
    let pending = Promise.resolve();
    const archive = writeProject(
      {
        name: head.name,
        origin: VERBATIM_ORIGIN,
        ...(head.description ? { description: head.description } : {}),
        creationDateTime: head.createdAt,
        modifiedDateTime: head.modifiedAt,
        users,
        codes,
        sources: this.rows.sources(job.projectId, job.signal),
        notes: [],
      },
      {
        onProgress: ({ sources }) => {
          // Progress is a nicety: a failed write of it never fails the export.
          pending = pending
            .then(() => job.progress(Math.min(0.99, sources / Math.max(1, total))))
            .catch(() => undefined);
        },
      },
    );
    await pipeline(archive, createWriteStream(job.outPath), { signal: job.signal });
    await pending;
    await job.progress(1);
  }
}

/** A project name as a file name: no path separators or control characters, not too long. */
export function fileSafe(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ').trim();
  return (clean || 'project').slice(0, 120);
}
