import { Injectable } from '@nestjs/common';
import { attributeColumns, HighlightTable } from '@verbatim/interop';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { writeJsonLines } from '../../../common/files/json-lines';
import { WorkerPool } from '../../../common/workers/worker-pool';
import { workerTask } from '../../../common/workers/worker-task';
import { queryFirstRow } from '../../../database/sql';
import { type HighlightFilterSpec } from '../../highlights/highlight-filter';
import {
  ExportFormat,
  ExportKind,
  type ExportRenderer,
  type ExportRenderJob,
  workerLimitError,
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
          throw workerLimitError(error, 'Export fewer highlights (filter them).');
        });
    } finally {
      await rm(rowsPath, { force: true });
    }
  }

  /**
   * Streams the filtered highlights, shaped into rows, into a work file of JSON lines (the
   * header first), page by page.
   */
  private writeRows(
    job: ExportRenderJob,
    filter: HighlightFilterSpec,
    table: HighlightTable,
    total: number,
    target: string,
  ): Promise<void> {
    const rows = this.rows;
    async function* lines() {
      yield [table.header];
      for await (const page of rows.pages(filter)) yield page.map((record) => table.row(record));
    }
    return writeJsonLines(target, lines(), {
      signal: job.signal,
      written: (count) => job.progress((READ_SHARE * (count - 1)) / Math.max(1, total)),
    });
  }
}

/** Writes text, waiting for the stream to drain when its buffer is full. */
