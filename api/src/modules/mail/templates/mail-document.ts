/** A piece of text, or a link. */
export type Inline = string | { text: string; href: string };

export type Block =
  | { kind: 'heading'; content: Inline[] }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  /** Someone's words, as they wrote them (a comment): plain text, line breaks kept. */
  | { kind: 'quote'; text: string }
  /** Small print at the end: why you get this, how to stop it. */
  | { kind: 'note'; content: Inline[] };

/**
 * An e-mail's content, written once and rendered twice: as plain text and as HTML, in which every
 * piece of text is escaped (titles, tag and project names are whatever people typed).
 */
export interface MailDocument {
  subject: string;
  blocks: Block[];
}

export function renderText(doc: MailDocument): string {
  const line = (content: Inline[]) =>
    content.map((i) => (typeof i === 'string' ? i : `${i.text} <${i.href}>`)).join('');
  const blocks = doc.blocks.map((b) => {
    switch (b.kind) {
      case 'heading':
        return `${line(b.content)}\n${'-'.repeat(Math.min(line(b.content).length, 60))}`;
      case 'paragraph':
      case 'note':
        return line(b.content);
      case 'list':
        return b.items.map((item) => `  * ${line(item)}`).join('\n');
      case 'quote':
        return b.text
          .split('\n')
          .map((l) => `> ${l}`.trimEnd())
          .join('\n');
    }
  });
  return `${blocks.join('\n\n')}\n`;
}

const STYLE = {
  body: 'margin:0;padding:24px;background:#f4f5f7;color:#1d2330;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5',
  card: 'max-width:560px;margin:0 auto;padding:24px 28px;background:#ffffff;border-radius:8px',
  heading: 'margin:24px 0 8px;font-size:17px',
  paragraph: 'margin:0 0 12px',
  list: 'margin:0 0 12px;padding-left:20px',
  note: 'margin:20px 0 0;color:#5b6475;font-size:13px',
  quote:
    'margin:0 0 12px;padding:8px 12px;border-left:3px solid #c9cfdb;background:#f7f8fa;white-space:pre-wrap',
  link: 'color:#2456c7',
};

export function renderHtml(doc: MailDocument): string {
  const inline = (content: Inline[]) =>
    content
      .map((i) =>
        typeof i === 'string'
          ? escapeHtml(i)
          : `<a href="${escapeHtml(i.href)}" style="${STYLE.link}">${escapeHtml(i.text)}</a>`,
      )
      .join('');
  const blocks = doc.blocks.map((b) => {
    switch (b.kind) {
      case 'heading':
        return `<h2 style="${STYLE.heading}">${inline(b.content)}</h2>`;
      case 'paragraph':
        return `<p style="${STYLE.paragraph}">${inline(b.content)}</p>`;
      case 'note':
        return `<p style="${STYLE.note}">${inline(b.content)}</p>`;
      case 'list':
        return `<ul style="${STYLE.list}">${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`;
      case 'quote':
        return `<blockquote style="${STYLE.quote}">${escapeHtml(b.text)}</blockquote>`;
    }
  });
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.subject)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.card}">`,
    ...blocks,
    '</div></body></html>',
  ].join('\n');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A subject line: one line, at most `max` characters. */
export function subjectLine(text: string, max = 150): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** `“name”`, shortened to `max` characters. */
export function quoted(name: string, max = 80): string {
  const one = name.replace(/\s+/g, ' ').trim();
  return `“${one.length > max ? `${one.slice(0, max - 1)}…` : one}”`;
}
