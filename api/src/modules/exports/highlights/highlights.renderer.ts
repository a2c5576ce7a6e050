import { Injectable } from '@nestjs/common';
import { attributeColumns, HighlightTable } from '@verbatim/interop';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { WorkerOutOfMemoryError, WorkerTimeoutError } from '../../../common/workers/worker-errors';
import { WorkerPool } from '../../../common/workers/worker-pool';
import { workerTask } from '../../../common/workers/worker-task';
import { queryFirstRow } from '../../../database/sql';
import { type HighlightFilterSpec } from '../../highlights/highlight-filter';
import {
  ExportFormat,
  ExportKind,
  ExportRenderError,
  type ExportRenderer,
  type ExportRenderJob,
} from '../export-renderer';
import { HighlightExportRows } from './highlight-export-rows';
import { filterOfParams } from './highlights-export.params';
import type * as TableTask from './table.task';

export const WRITE_TABLE = workerTask<typeof TableTask.writeTable>(
  path.join(__dirname, 'table.task'),
  'writeTable',
);

/** Share of the progress bar the database read takes (the file is written after it). */
const READ_SHARE = 0.6;

type Job = Omit<ExportRenderJob, 'outPath' | 'progress' | 'signal' | 'exportId'>;

/**
 * The highlights of a project (as a tag view filters them) as CSV or XLSX: one row per
 * highlight (see HighlightTable in libs/interop). Rows are read in keyset pages and written as
 * they come to a work file of JSON lines; a worker thread turns that into the CSV or XLSX file
 * (table.task.ts), so neither the zip deflate nor the CSV quoting runs on the event loop.
 */
@Injectable()
export class HighlightsRenderer implements ExportRenderer {
  readonly kind = ExportKind.HIGHLIGHTS;
  readonly formats = [ExportFormat.CSV, ExportFormat.XLSX] as const;

  constructor(
    private readonly db: DataSource,
    private readonly rows: HighlightExportRows,
    private readonly workers: WorkerPool,
  ) {}

  async filename(job: Job): Promise<string> {
    const project = await queryFirstRow<{ name: string }>(
      this.db,
      `SELECT name FROM project WHERE id = $1`,
      [job.projectId],
    );
    const ext = job.format === ExportFormat.XLSX ? 'xlsx' : 'csv';
    return `${project?.name ?? 'Project'} – highlights.${ext}`;
  }

  async render(job: ExportRenderJob): Promise<void> {
    const filter = filterOfParams(job.projectId, job.params);
    const [total, keys] = await Promise.all([
      this.rows.count(filter),
      this.rows.attributeKeys(filter),
    ]);
    const table = new HighlightTable(attributeColumns(keys));
    const rowsPath = `${job.outPath}.rows.jsonl`;
    try {
      await this.writeRows(job, filter, table, total, rowsPath);
      await this.workers
        .run(
          WRITE_TABLE,
          {
            rowsPath,
            outPath: job.outPath,
            format: job.format === ExportFormat.XLSX ? 'XLSX' : 'CSV',
            sheetName: 'Highlights',
          },
          { signal: job.signal },
        )
        .catch((error: unknown) => {
          if (error instanceof WorkerOutOfMemoryError)
            throw new ExportRenderError(
              `Writing the file needed more memory than a worker may use (${error.limitMb} MB). Export fewer highlights (filter them).`,
            );
          if (error instanceof WorkerTimeoutError)
            throw new ExportRenderError(
              'Writing the file took too long and was stopped. Export fewer highlights (filter them).',
            );
          throw error;
        });
    } finally {
      await rm(rowsPath, { force: true });
    }
  }

  /**
   * Streams the filtered highlights, shaped into rows, into a work file of JSON lines (the
   * header first), page by page, honouring backpressure.
   */
  private async writeRows(
    job: ExportRenderJob,
    filter: HighlightFilterSpec,
    table: HighlightTable,
    total: number,
    target: string,
  ): Promise<void> {
    const out = createWriteStream(target, { encoding: 'utf8' });
    const closed = once(out, 'close');
    try {
      await put(out, `${JSON.stringify(table.header)}\n`);
      let done = 0;
      for await (const page of this.rows.pages(filter)) {
        if (job.signal.aborted) throw job.signal.reason;
        let text = '';
        for (const record of page) text += `${JSON.stringify(table.row(record))}\n`;
        await put(out, text);
        done += page.length;
        await job.progress((READ_SHARE * done) / Math.max(1, total));
      }
      out.end();
      await closed;
    } catch (error) {
      closed.catch(() => undefined);
      out.destroy();
      throw error;
    }
  }
}

/** Writes text, waiting for the stream to drain when its buffer is full. */
async function put(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
