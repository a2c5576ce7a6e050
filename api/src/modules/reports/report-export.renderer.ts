import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type ReportDocument } from '@verbatim/interop';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Clock } from '../../common/clock';
import { WorkerPool } from '../../common/workers/worker-pool';
import { workerTask } from '../../common/workers/worker-task';
import {
  ExportFormat,
  ExportKind,
  type ExportRenderer,
  type ExportRenderJob,
  ExportRenderers,
  workerLimitError,
} from '../exports/export-renderer';
import { ReportContent } from './report-content';
import { ReportPdf } from './report-pdf';
import type * as RenderTask from './report-render.task';
import { ReportsService } from './reports.service';

export const RENDER_REPORT = workerTask<typeof RenderTask.renderReport>(
  path.join(__dirname, 'report-render.task'),
  'renderReport',
);

const EXTENSIONS: Partial<Record<ExportFormat, string>> = {
  [ExportFormat.PDF]: 'pdf',
  [ExportFormat.DOCX]: 'docx',
  [ExportFormat.HTML]: 'html',
  [ExportFormat.MARKDOWN]: 'md',
};

/** A file name without characters file systems or Content-Disposition headers trip on. */
export function reportFilename(title: string, format: ExportFormat): string {
  const base =
    title
      .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'Report';
  return `${base}.${EXTENSIONS[format] ?? 'bin'}`;
}

/**
 * The REPORT kind of export: the report resolved as the builder shows it (pseudonyms applied when
 * on), written as PDF (Chromium), DOCX (docx, charts through resvg), one HTML file or Markdown.
 * Registered with the exports module's ExportRenderers.
 */
@Injectable()
export class ReportExportRenderer implements ExportRenderer, OnModuleInit {
  readonly kind = ExportKind.REPORT;
  readonly formats = [
    ExportFormat.PDF,
    ExportFormat.DOCX,
    ExportFormat.HTML,
    ExportFormat.MARKDOWN,
  ] as const;

  constructor(
    private readonly renderers: ExportRenderers,
    private readonly reports: ReportsService,
    private readonly content: ReportContent,
    private readonly pdf: ReportPdf,
    private readonly clock: Clock,
    private readonly workers: WorkerPool,
  ) {}

  onModuleInit(): void {
    this.renderers.register(this);
  }

  async filename(job: Pick<ExportRenderJob, 'subjectId' | 'format'>): Promise<string> {
    const report = await this.reports.get(job.subjectId ?? '');
    return reportFilename(report.title, job.format);
  }

  async render(job: ExportRenderJob): Promise<void> {
    if (!this.formats.includes(job.format as (typeof this.formats)[number]))
      throw new Error(`A report cannot be exported as ${job.format}.`);
    const report = await this.reports.get(job.subjectId ?? '');
    if (report.project_id !== job.projectId)
      throw new Error('This report is not of the export’s project.');
    await job.progress(0.1);
    const { document } = await this.content.resolve(report, this.clock.now());
    await job.progress(0.4);
    if (job.format === ExportFormat.PDF)
      await writeFile(job.outPath, await this.write(document, job.format, job.signal));
    else
      await this.workers
        .run(
          RENDER_REPORT,
          { document, format: job.format as 'HTML' | 'MARKDOWN' | 'DOCX', outPath: job.outPath },
          { signal: job.signal },
        )
        .catch((error: unknown) => {
          throw workerLimitError(error, 'Leave out some sections or quotes.');
        });
    await job.progress(1);
  }

  /**
   * The document in one format, as bytes: HTML, Markdown and DOCX are written in a worker thread,
   * the PDF printed by Chromium from the HTML written there.
   */
  async write(
    document: ReportDocument,
    format: ExportFormat,
    signal?: AbortSignal,
  ): Promise<Buffer> {
    if (!this.formats.includes(format as (typeof this.formats)[number]))
      throw new Error(`A report cannot be exported as ${format}.`);
    const rendered =
      format === ExportFormat.PDF ? 'HTML' : (format as 'HTML' | 'MARKDOWN' | 'DOCX');
    if (rendered === 'DOCX') {
      const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-report-'));
      try {
        const outPath = path.join(dir, 'report.docx');
        await this.workers.run(RENDER_REPORT, { document, format: 'DOCX', outPath }, { signal });
        return await readFile(outPath);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    const { html } = await this.workers.run(
      RENDER_REPORT,
      { document, format: rendered, outPath: null },
      { signal },
    );
    if (format === ExportFormat.PDF) return this.pdf.print(html ?? '', signal);
    return Buffer.from(html ?? '', 'utf8');
  }
}
