import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from 'docx';
import { Lexer, type Token, type Tokens } from 'marked';
import { isSafeHref } from './escape';
import {
  citationOf,
  formatGeneratedDate,
  type ReportDocSection,
  type ReportDocument,
  type ReportQuote,
} from './model';

export interface DocxOptions {
  /**
   * Turns a chart's SVG into a PNG picture of `width` pixels (Word shows SVG only since 2019, and
   * needs a PNG beside it anyway); the api passes resvg. Without it, a chart is left out with a
   * note saying so.
   */
  chartPng?: (svg: string, width: number) => Promise<Uint8Array> | Uint8Array;
}

type Inline = { text: string; bold?: boolean; italics?: boolean; code?: boolean; href?: string };

/** The inline pieces of Markdown tokens, flattened to runs (raw HTML as its text). */
function inlines(tokens: Token[] | undefined, style: Omit<Inline, 'text'> = {}): Inline[] {
  if (!tokens) return [];
  return tokens.flatMap((t): Inline[] => {
    switch (t.type) {
      case 'strong':
        return inlines((t as Tokens.Strong).tokens, { ...style, bold: true });
      case 'em':
        return inlines((t as Tokens.Em).tokens, { ...style, italics: true });
      case 'del':
        return inlines((t as Tokens.Del).tokens, style);
      case 'codespan':
        return [{ ...style, text: (t as Tokens.Codespan).text, code: true }];
      case 'br':
        return [{ ...style, text: '\n' }];
      case 'link': {
        const link = t as Tokens.Link;
        const href = isSafeHref(link.href) ? link.href : undefined;
        return inlines(link.tokens, { ...style, ...(href ? { href } : {}) });
      }
      case 'image':
        return [{ ...style, text: (t as Tokens.Image).text }];
      case 'text': {
        const text = t as Tokens.Text;
        return text.tokens
          ? inlines(text.tokens, style)
          : [{ ...style, text: unescape(text.text) }];
      }
      case 'escape':
        return [{ ...style, text: (t as Tokens.Escape).text }];
      default:
        return [{ ...style, text: unescape('text' in t ? String(t.text) : t.raw) }];
    }
  });
}

/** marked escapes entities in text tokens; Word wants the characters. */
function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function runs(pieces: Inline[]): ParagraphChild[] {
  return pieces.flatMap((p): ParagraphChild[] => {
    const lines = p.text.split('\n');
    const made = lines.map(
      (line, i) =>
        new TextRun({
          text: line,
          bold: p.bold,
          italics: p.italics,
          font: p.code ? 'Courier New' : undefined,
          break: i > 0 ? 1 : undefined,
          style: p.href ? 'Hyperlink' : undefined,
        }),
    );
    return p.href ? [new ExternalHyperlink({ link: p.href, children: made })] : made;
  });
}

const HEADINGS = [
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** Markdown written in the report as Word paragraphs (headings start at level 3, as in HTML). */
function markdownParagraphs(markdown: string): Paragraph[] {
  if (!markdown.trim()) return [];
  const out: Paragraph[] = [];
  const walk = (tokens: Token[], depth: number) => {
    for (const t of tokens) {
      switch (t.type) {
        case 'heading': {
          const h = t as Tokens.Heading;
          out.push(
            new Paragraph({
              heading: HEADINGS[Math.min(h.depth - 1, 3)],
              children: runs(inlines(h.tokens)),
            }),
          );
          break;
        }
        case 'paragraph':
          out.push(new Paragraph({ children: runs(inlines((t as Tokens.Paragraph).tokens)) }));
          break;
        case 'list': {
          const list = t as Tokens.List;
          list.items.forEach((item, i) => {
            const marker = list.ordered ? `${Number(list.start || 1) + i}. ` : '• ';
            const [first, ...rest] = item.tokens;
            const head = first && 'tokens' in first ? inlines(first.tokens) : [{ text: item.text }];
            out.push(
              new Paragraph({
                indent: { left: 360 * (depth + 1), hanging: 240 },
                children: runs([{ text: marker }, ...head]),
              }),
            );
            walk(rest, depth + 1);
          });
          break;
        }
        case 'blockquote':
          walk((t as Tokens.Blockquote).tokens, depth);
          break;
        case 'code':
          out.push(
            new Paragraph({
              children: runs([{ text: (t as Tokens.Code).text, code: true }]),
            }),
          );
          break;
        case 'hr':
          out.push(
            new Paragraph({ children: [new TextRun('———')], alignment: AlignmentType.CENTER }),
          );
          break;
        case 'space':
          break;
        default:
          out.push(new Paragraph({ children: runs([{ text: unescape(t.raw.trim()) }]) }));
      }
    }
  };
  walk(new Lexer({ gfm: true, breaks: true }).lex(markdown), 0);
  return out;
}

function quoteParagraphs(quote: ReportQuote): Paragraph[] {
  const cite: ParagraphChild[] = [new TextRun({ text: `— ${citationOf(quote)}` })];
  if (quote.link && isSafeHref(quote.link))
    cite.push(
      new TextRun(' · '),
      new ExternalHyperlink({
        link: quote.link,
        children: [new TextRun({ text: 'Open in Verbatim', style: 'Hyperlink' })],
      }),
    );
  return [
    new Paragraph({
      style: 'ReportQuote',
      keepNext: true,
      keepLines: true,
      children: runs([{ text: quote.text }]),
    }),
    new Paragraph({ style: 'ReportCitation', keepLines: true, children: cite }),
  ];
}

function heading(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
}

function missing(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, italics: true })] });
}

async function sectionParagraphs(
  section: ReportDocSection,
  options: DocxOptions,
): Promise<Paragraph[]> {
  switch (section.kind) {
    case 'TEXT':
      return markdownParagraphs(section.markdown);
    case 'INSIGHT':
      if (section.title == null)
        return [missing('This insight was deleted since it was added to the report.')];
      return [
        heading(section.title),
        ...markdownParagraphs(section.body),
        ...section.quotes.flatMap(quoteParagraphs),
      ];
    case 'THEME':
      if (section.title == null)
        return [missing('This theme was deleted since it was added to the report.')];
      return [
        heading(section.title),
        ...markdownParagraphs(section.description),
        ...section.quotes.flatMap(quoteParagraphs),
      ];
    case 'QUOTES':
      return section.quotes.flatMap(quoteParagraphs);
    case 'CHART': {
      if (!options.chartPng)
        return [heading(section.title), missing('(Chart not included in this format.)')];
      const size = svgSize(section.svg);
      const width = Math.min(600, size.width);
      const height = Math.round((size.height * width) / size.width);
      const png = await options.chartPng(section.svg, width * 2);
      return [
        heading(section.title),
        new Paragraph({
          keepLines: true,
          children: [
            new ImageRun({
              type: 'png',
              data: png,
              transformation: { width, height },
              altText: { name: 'chart', title: section.title, description: section.title },
            }),
          ],
        }),
      ];
    }
  }
}

function svgSize(svg: string): { width: number; height: number } {
  const w = /\swidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1];
  const h = /\sheight="(\d+(?:\.\d+)?)"/.exec(svg)?.[1];
  return { width: Math.max(1, Number(w ?? 640)), height: Math.max(1, Number(h ?? 400)) };
}

/**
 * The report as a Word document (docx): the title, its date, a heading per insight, theme and
 * chart, Markdown as paragraphs, quotes in a "Report quote" style with their citation under each
 * in "Report citation", charts as PNG pictures with their title as alt text.
 */
export async function renderReportDocx(
  doc: ReportDocument,
  options: DocxOptions = {},
): Promise<Buffer> {
  const body: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    new Paragraph({
      children: [new TextRun({ text: formatGeneratedDate(doc.generatedAt), color: '555B6E' })],
    }),
  ];
  for (const section of doc.sections) body.push(...(await sectionParagraphs(section, options)));
  if (doc.pseudonymized) body.push(missing('Participants are shown under pseudonyms.'));
  const document = new Document({
    title: doc.title,
    creator: 'Verbatim',
    styles: {
      paragraphStyles: [
        {
          id: 'ReportQuote',
          name: 'Report quote',
          basedOn: 'Normal',
          next: 'ReportCitation',
          run: { italics: true, size: 23 },
          paragraph: {
            indent: { left: 567 },
            spacing: { before: 200, after: 40 },
            border: { left: { style: 'single', size: 18, color: '4F6BD8', space: 8 } },
          },
        },
        {
          id: 'ReportCitation',
          name: 'Report citation',
          basedOn: 'Normal',
          run: { size: 18, color: '555B6E' },
          paragraph: { indent: { left: 567 }, spacing: { after: 200 } },
        },
      ],
    },
    sections: [{ children: body }],
  });
  return Packer.toBuffer(document);
}
