/**
 * Writes a report's export in a worker thread of the WorkerPool (see report-export.renderer.ts):
 * Markdown to HTML, the DOCX package's zip and the charts' PNGs are CPU work that must not hold
 * the event loop of the process running jobs (the api itself on the embedded default).
 */
import { writeFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';
import {
  renderReportDocx,
  renderReportHtml,
  renderReportMarkdown,
  type ReportDocument,
} from '@verbatim/interop';

export type RenderedFormat = 'HTML' | 'MARKDOWN' | 'DOCX';

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

/** Writes `document` as `format` at `outPath` (none: answers the HTML); the bytes written. */
export async function renderReport(input: {
  document: ReportDocument;
  format: RenderedFormat;
  outPath: string | null;
}): Promise<{ bytes: number; html: string | null }> {
  const { document, format } = input;
  const body =
    format === 'HTML'
      ? renderReportHtml(document)
      : format === 'MARKDOWN'
        ? renderReportMarkdown(document)
        : await renderReportDocx(document, { chartPng });
  if (!input.outPath) return { bytes: Buffer.byteLength(body), html: String(body) };
  await writeFile(input.outPath, body);
  return { bytes: Buffer.byteLength(body), html: null };
}
