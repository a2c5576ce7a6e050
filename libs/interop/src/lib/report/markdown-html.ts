import { Marked, type Tokens } from 'marked';
import { escapeHtml, isSafeHref } from './escape';

/**
 * Markdown written in a report (free text, an insight's body, a theme's description) as HTML that
 * is safe in a file opened anywhere, with no sanitiser behind it:
 *
 * - HTML written in the text (`<script>`, `<img onerror=…>`) is shown as the text it is;
 * - images are shown as their alt text, so the file loads nothing from elsewhere;
 * - a link whose address is not http(s) or mailto keeps its words and loses its address
 *   (`javascript:`, `data:`, app-relative and `mention:` links alike);
 * - headings start at level 3, under the report's title (h1) and section headings (h2).
 *
 * Every other piece of text marked emits is escaped by marked itself.
 */
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      const text = escapeHtml(token.text);
      return token.block ? `<p>${text.trim()}</p>\n` : text;
    },
    heading({ tokens, depth }: Tokens.Heading): string {
      const level = Math.min(depth + 2, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    image({ text }: Tokens.Image): string {
      return escapeHtml(text);
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '☑ ' : '☐ ';
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const words = this.parser.parseInline(tokens);
      if (!isSafeHref(href)) return words;
      const titled = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href)}"${titled} rel="noopener noreferrer">${words}</a>`;
    },
  },
});

/** The Markdown as safe HTML (see above); '' for blank text. */
export function markdownToSafeHtml(markdown: string): string {
  if (!markdown.trim()) return '';
  return marked.parse(markdown) as string;
}
