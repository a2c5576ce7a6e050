import { escapeHtml, isSafeHref } from './escape';
import { markdownToSafeHtml } from './markdown-html';
import {
  citationOf,
  formatGeneratedDate,
  type ReportDocSection,
  type ReportDocument,
  type ReportQuote,
} from './model';

/**
 * The page's own policy: nothing may be loaded or run — no script, no font, no image but inline
 * data, no frame, no form target — so even a string that slipped through escaping fetches nothing
 * when the file is opened, previewed in an iframe or printed to PDF.
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1f2330;
  font: 11pt/1.55 Georgia, 'Times New Roman', serif; }
.report { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.5rem 3rem; }
header.report-head { border-bottom: 2px solid #1f2330; margin-bottom: 1.75rem; padding-bottom: .75rem; }
h1 { font: 700 24pt/1.2 Helvetica, Arial, sans-serif; margin: 0 0 .35rem; }
h2 { font: 700 16pt/1.25 Helvetica, Arial, sans-serif; margin: 2rem 0 .6rem; break-after: avoid; }
h3, h4, h5, h6 { font-family: Helvetica, Arial, sans-serif; break-after: avoid; }
.meta { color: #555b6e; font: 9.5pt Helvetica, Arial, sans-serif; margin: 0; }
.status { display: inline-block; font: 700 8pt Helvetica, Arial, sans-serif; letter-spacing: .05em;
  text-transform: uppercase; color: #555b6e; border: 1px solid #c5c9d6; border-radius: 3px;
  padding: 0 .35rem; margin-left: .5rem; vertical-align: middle; }
section.section { margin-bottom: 1.5rem; }
figure.quote { margin: 1rem 0; padding: .6rem 1rem; border-left: 4px solid #4f6bd8; background: #f5f6fb;
  break-inside: avoid; page-break-inside: avoid; }
figure.quote blockquote { margin: 0; font-style: italic; white-space: pre-wrap; }
figure.quote figcaption { margin-top: .35rem; font: 9pt Helvetica, Arial, sans-serif; color: #555b6e; }
figure.quote figcaption a { color: #3b54b8; }
figure.chart { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
.missing { color: #8a4b00; font-style: italic; }
a { color: #3b54b8; }
pre, code { font-family: 'DejaVu Sans Mono', Menlo, monospace; font-size: 9.5pt; }
pre { white-space: pre-wrap; background: #f5f6fb; padding: .5rem; }
table { border-collapse: collapse; } th, td { border: 1px solid #c5c9d6; padding: .2rem .4rem; }
footer.report-foot { margin-top: 2.5rem; border-top: 1px solid #c5c9d6; padding-top: .5rem; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  .report { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
}
`;

function quoteHtml(quote: ReportQuote): string {
  const cite = escapeHtml(citationOf(quote));
  const link =
    quote.link && isSafeHref(quote.link)
      ? ` · <a href="${escapeHtml(quote.link)}" rel="noopener noreferrer">Open in Verbatim</a>`
      : '';
  return (
    `<figure class="quote"><blockquote>${escapeHtml(quote.text)}</blockquote>` +
    `<figcaption>— ${cite}${link}</figcaption></figure>`
  );
}

function quotesHtml(quotes: ReportQuote[]): string {
  return quotes.map(quoteHtml).join('\n');
}

function sectionHtml(section: ReportDocSection): string {
  switch (section.kind) {
    case 'TEXT':
      return markdownToSafeHtml(section.markdown);
    case 'INSIGHT':
      if (section.title == null)
        return `<p class="missing">This insight was deleted since it was added to the report.</p>`;
      return (
        `<h2>${escapeHtml(section.title)}${section.status ? `<span class="status">${escapeHtml(section.status.toLowerCase())}</span>` : ''}</h2>` +
        markdownToSafeHtml(section.body) +
        quotesHtml(section.quotes)
      );
    case 'THEME':
      if (section.title == null)
        return `<p class="missing">This theme was deleted since it was added to the report.</p>`;
      return (
        `<h2>${escapeHtml(section.title)}</h2>` +
        markdownToSafeHtml(section.description) +
        quotesHtml(section.quotes)
      );
    case 'QUOTES':
      return quotesHtml(section.quotes);
    case 'CHART':
      return `<h2>${escapeHtml(section.title)}</h2><figure class="chart">${section.svg}</figure>`;
  }
}

/**
 * The report as ONE self-contained HTML file: inline CSS, charts as inline SVG, no script and no
 * external request (and a Content-Security-Policy that forbids any). The same file is the
 * builder's live preview, the HTML export and what the PDF is printed from; its print CSS keeps
 * each quote and chart whole on one page.
 */
export function renderReportHtml(doc: ReportDocument): string {
  const sections = doc.sections
    .map(
      (s) => `<section class="section section-${s.kind.toLowerCase()}">${sectionHtml(s)}</section>`,
    )
    .join('\n');
  const pseudo = doc.pseudonymized
    ? '<p class="meta">Participants are shown under pseudonyms.</p>'
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<article class="report">
<header class="report-head"><h1>${escapeHtml(doc.title)}</h1><p class="meta">${escapeHtml(formatGeneratedDate(doc.generatedAt))}</p></header>
${sections}
<footer class="report-foot">${pseudo}<p class="meta">Made with Verbatim.</p></footer>
</article>
</body>
</html>
`;
}
