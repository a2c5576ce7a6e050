import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

/**
 * An insight's body, Markdown as its author wrote it, turned into HTML that is safe to put in the
 * page. Three layers, each enough on its own for the usual attacks:
 *
 * 1. marked renders Markdown only: HTML written in the text (`<img onerror=…>`, `<script>`) is
 *    shown as the text it is, images are shown as their alt text (the page loads nothing from
 *    elsewhere), and a link whose address is not http(s), mailto or within the app keeps its
 *    words and loses its address.
 * 2. DOMPurify keeps only the elements and attributes Markdown makes, and no script URL.
 * 3. Angular's own sanitiser runs again when the HTML is bound with [innerHTML].
 *
 * Every link gets rel="noopener noreferrer"; links to other sites open in a new tab. Headings
 * start at level 3, under the page's title (h1) and section headings (h2).
 */

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
const ALLOWED_ATTR = ['href', 'title', 'rel', 'target', 'start', 'align'];

/** Addresses a link may have: other sites over http(s), e-mail, and places in this app. */
const SAFE_HREF = /^(?:https?:\/\/|mailto:|\/(?!\/)|#)/i;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Whether a link's address may be followed; control characters and spaces are ignored, as browsers do. */
export function isSafeHref(href: string): boolean {
  const cleaned = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  return SAFE_HREF.test(cleaned);
}

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
      return `<a href="${escapeHtml(href)}"${titled}>${words}</a>`;
    },
  },
});

let purifier: ReturnType<typeof DOMPurify> | null = null;

/** Our own DOMPurify instance, so its link hook touches nobody else's sanitising. */
function purify(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (/^(?:https?:|mailto:)/i.test(href)) node.setAttribute('target', '_blank');
    else node.removeAttribute('target');
    node.setAttribute('rel', 'noopener noreferrer');
  });
  purifier = instance;
  return instance;
}

/** The body as safe HTML (see above); '' for an empty body. */
export function renderMarkdown(markdown: string): string {
  if (!markdown.trim()) return '';
  const html = marked.parse(markdown) as string;
  return purify().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_HREF,
    RETURN_TRUSTED_TYPE: false,
  });
}
