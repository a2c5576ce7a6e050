export {
  citationOf,
  formatGeneratedDate,
  formatTimestamp,
  type ReportDocSection,
  type ReportDocument,
  type ReportQuote,
} from './model';
export { escapeHtml } from './escape';
export { markdownToSafeHtml } from './markdown-html';
export {
  tagFrequencyChart,
  tagParticipantHeatmap,
  type TagFrequencyData,
  type TagParticipantHeatmapData,
} from './charts';
export { renderReportHtml, REPORT_CSP } from './render-html';
export { renderReportMarkdown } from './render-markdown';
export { renderReportDocx, type DocxOptions } from './render-docx';
export { type KnownSpeaker, Pseudonyms, pseudonymLetter } from './pseudonyms';
