import { citationOf, formatGeneratedDate, type ReportDocument, type ReportQuote } from './model';

/** Text of the report's own (titles, quotes, names) made literal in Markdown. */
function literal(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([`*_{}[\]<>#|!])/g, '\\$1')
    .replace(/&/g, '&amp;');
}

/** One line of a heading: no line breaks, literal. */
function headingText(text: string): string {
  return literal(text.replace(/\s+/g, ' ').trim());
}

function quoteMd(quote: ReportQuote): string {
  const body = quote.text
    .split(/\r?\n/)
    .map((line) => `> ${literal(line)}`)
    .join('\n');
  const link = quote.link ? ` ([open in Verbatim](<${quote.link.replace(/[<>\s]/g, '')}>))` : '';
  return `${body}\n>\n> — ${literal(citationOf(quote))}${link}\n`;
}

/**
 * The report as Markdown: headings, the authors' Markdown as written (it is theirs, and a Markdown
 * viewer renders it as in the app), quotes as block quotes with their citation, and charts as a
 * note (a Markdown file cannot carry the picture itself; the HTML, DOCX and PDF exports do).
 */
export function renderReportMarkdown(doc: ReportDocument): string {
  const out: string[] = [
    `# ${headingText(doc.title)}`,
    '',
    `_${formatGeneratedDate(doc.generatedAt)}_`,
    '',
  ];
  for (const section of doc.sections) {
    switch (section.kind) {
      case 'TEXT':
        out.push(section.markdown.trim(), '');
        break;
      case 'INSIGHT':
        if (section.title == null) {
          out.push('_This insight was deleted since it was added to the report._', '');
          break;
        }
        out.push(`## ${headingText(section.title)}`, '');
        if (section.body.trim()) out.push(section.body.trim(), '');
        for (const q of section.quotes) out.push(quoteMd(q));
        break;
      case 'THEME':
        if (section.title == null) {
          out.push('_This theme was deleted since it was added to the report._', '');
          break;
        }
        out.push(`## ${headingText(section.title)}`, '');
        if (section.description.trim()) out.push(section.description.trim(), '');
        for (const q of section.quotes) out.push(quoteMd(q));
        break;
      case 'QUOTES':
        for (const q of section.quotes) out.push(quoteMd(q));
        break;
      case 'CHART':
        out.push(
          `## ${headingText(section.title)}`,
          '',
          '_Chart: see the HTML, DOCX or PDF export._',
          '',
        );
        break;
    }
  }
  if (doc.pseudonymized) out.push('---', '', '_Participants are shown under pseudonyms._', '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
