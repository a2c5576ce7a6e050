import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Resvg } from '@resvg/resvg-js';
import {
  renderReportDocx,
  renderReportHtml,
  renderReportMarkdown,
  type ReportDocument,
} from '@verbatim/interop';
import { writeFile } from 'node:fs/promises';
import { Clock } from '../../common/clock';
import {
  ExportFormat,
  ExportKind,
  type ExportRenderer,
  type ExportRenderJob,
  ExportRenderers,
} from '../exports/export-renderer';
import { ReportContent } from './report-content';
import { ReportPdf } from './report-pdf';
import { ReportsService } from './reports.service';

const EXTENSIONS: Partial<Record<ExportFormat, string>> = {
  [ExportFormat.PDF]: 'pdf',
  [ExportFormat.DOCX]: 'docx',
  [ExportFormat.HTML]: 'html',
  [ExportFormat.MARKDOWN]: 'md',
};

/** A chart's SVG as a PNG `width` pixels wide (resvg: no browser, the system's fonts). */
export function chartPng(svg: string, width: number): Uint8Array {
  return new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  })
    .render()
    .asPng();
}

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
 * Registered with the exports module's ExportRenderers when that module is present.
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
  private readonly logger = new Logger(ReportExportRenderer.name);

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly reports: ReportsService,
    private readonly content: ReportContent,
    private readonly pdf: ReportPdf,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    let renderers: ExportRenderers | null = null;
    try {
      renderers = this.moduleRef.get(ExportRenderers, { strict: false });
    } catch {
      renderers = null;
    }
    if (renderers) renderers.register(this);
    else this.logger.debug('no exports module: report exports are not offered');
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
    await writeFile(job.outPath, await this.write(document, job.format, job.signal));
    await job.progress(1);
  }

  /** The document in one format, as bytes. */
  async write(
    document: ReportDocument,
    format: ExportFormat,
    signal?: AbortSignal,
  ): Promise<Buffer | string> {
    switch (format) {
      case ExportFormat.HTML:
        return renderReportHtml(document);
      case ExportFormat.MARKDOWN:
        return renderReportMarkdown(document);
      case ExportFormat.DOCX:
        return renderReportDocx(document, { chartPng });
      case ExportFormat.PDF:
        return this.pdf.print(renderReportHtml(document), signal);
      default:
        throw new Error(`A report cannot be exported as ${format}.`);
    }
  }
}
