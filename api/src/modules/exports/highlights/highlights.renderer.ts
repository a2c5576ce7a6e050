import { Injectable } from '@nestjs/common';
import { attributeColumns, csvRecords, HighlightTable, UTF8_BOM } from '@verbatim/interop';
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
import type * as XlsxTask from './xlsx.task';

export const WRITE_XLSX = workerTask<typeof XlsxTask.writeXlsx>(
  path.join(__dirname, 'xlsx.task'),
  'writeXlsx',
);

/** Share of the progress bar the database read takes when an XLSX is written after it. */
const READ_SHARE_XLSX = 0.6;

type Job = Omit<ExportRenderJob, 'outPath' | 'progress' | 'signal' | 'exportId'>;

/**
 * The highlights of a project (as a tag view filters them) as CSV or XLSX: one row per
 * highlight (see HighlightTable in libs/interop). Rows are read in keyset pages and written as
 * they come. CSV is written here (UTF-8 with a BOM, RFC 4180); for XLSX the rows go to a work
 * file of JSON lines that a worker thread turns into the workbook, so the zip deflate never runs
 * on the event loop.
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
    if (job.format === ExportFormat.CSV) {
      await this.write(job, filter, table, total, job.outPath, {
        start: UTF8_BOM + csvRecords([table.header]),
        page: (rows) => csvRecords(rows),
        share: 1,
      });
      return;
    }
    const rowsPath = `${job.outPath}.rows.jsonl`;
    try {
      await this.write(job, filter, table, total, rowsPath, {
        start: `${JSON.stringify(table.header)}\n`,
        page: (rows) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
        share: READ_SHARE_XLSX,
      });
      await this.workers
        .run(
          WRITE_XLSX,
          { rowsPath, outPath: job.outPath, sheetName: 'Highlights' },
          { signal: job.signal },
        )
        .catch((error: unknown) => {
          if (error instanceof WorkerOutOfMemoryError)
            throw new ExportRenderError(
              `Writing the spreadsheet needed more memory than a worker may use (${error.limitMb} MB). Export fewer highlights (filter them), or export CSV.`,
            );
          if (error instanceof WorkerTimeoutError)
            throw new ExportRenderError(
              'Writing the spreadsheet took too long and was stopped. Export fewer highlights (filter them), or export CSV.',
            );
          throw error;
        });
    } finally {
      await rm(rowsPath, { force: true });
    }
  }

  /** Streams the filtered highlights into `target`, page by page, honouring backpressure. */
  private async write(
    job: ExportRenderJob,
    filter: HighlightFilterSpec,
    table: HighlightTable,
    total: number,
    target: string,
    how: { start: string; page: (rows: string[][]) => string; share: number },
  ): Promise<void> {
    const out = createWriteStream(target, { encoding: 'utf8' });
    const closed = once(out, 'close');
    try {
      await put(out, how.start);
      let done = 0;
      for await (const page of this.rows.pages(filter)) {
        if (job.signal.aborted) throw job.signal.reason;
        await put(out, how.page(page.map((record) => table.row(record))));
        done += page.length;
        await job.progress((how.share * done) / Math.max(1, total));
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
