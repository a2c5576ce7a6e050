import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

/**
 * A body written in Markdown (an insight's argument, a comment), as its author wrote it, turned
 * into HTML that is safe to put in the page. Three layers, each enough on its own for the usual
 * attacks:
 *
 * 1. marked renders Markdown only: HTML written in the text (`<img onerror=…>`, `<script>`) is
 *    shown as the text it is, images are shown as their alt text (the page loads nothing from
 *    elsewhere), and a link whose address is not http(s), mailto or within the app keeps its
 *    words and loses its address.
 * 2. DOMPurify keeps only the elements and attributes Markdown makes (and the mention span
 *    below), and no script URL.
 * 3. Angular's own sanitiser runs again when the HTML is bound with [innerHTML].
 *
 * Every link gets rel="noopener noreferrer"; links to other sites open in a new tab. Headings
 * start at level 3, under the page's title (h1) and section headings (h2).
 *
 * A mention is a link to `mention:<user id>` (`[@Ana](mention:…)`, see shared/comments/mentions.ts).
 * Given the names of the people a body mentions, it is shown as `@` and their name in a
 * `<span class="mention">`; otherwise (someone the api did not keep as mentioned, or no names
 * given) as the words written, like any link whose address cannot be followed.
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
  'span',
];
const ALLOWED_ATTR = ['href', 'title', 'rel', 'target', 'start', 'align', 'class'];

/** A mention's address: `mention:` and a user id. */
const MENTION_HREF = /^mention:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Options of one rendering. */
export interface MarkdownOptions {
  /** The people the body mentions: user id → name. */
  mentions?: ReadonlyMap<string, string>;
}

/** The names of the rendering under way (marked renders synchronously, one body at a time). */
let mentionNames: ReadonlyMap<string, string> | null = null;

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
      const name = mentionNames?.get(MENTION_HREF.exec(href)?.[1]?.toLowerCase() ?? '');
      if (name !== undefined) return `<span class="mention">@${escapeHtml(name)}</span>`;
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
    // Only the mention span has a class (HTML written in a body never reaches this far).
    if (node.hasAttribute('class') && !(node.nodeName === 'SPAN' && isMentionClass(node)))
      node.removeAttribute('class');
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (/^(?:https?:|mailto:)/i.test(href)) node.setAttribute('target', '_blank');
    else node.removeAttribute('target');
    node.setAttribute('rel', 'noopener noreferrer');
  });
  purifier = instance;
  return instance;
}

function isMentionClass(node: Element): boolean {
  return node.getAttribute('class') === 'mention';
}

/** The body as safe HTML (see above); '' for an empty body. */
export function renderMarkdown(markdown: string, options: MarkdownOptions = {}): string {
  if (!markdown.trim()) return '';
  let html: string;
  mentionNames = lowerKeys(options.mentions);
  try {
    html = marked.parse(markdown) as string;
  } finally {
    mentionNames = null;
  }
  return purify().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_HREF,
    RETURN_TRUSTED_TYPE: false,
  });
}

function lowerKeys(
  map: ReadonlyMap<string, string> | undefined,
): ReadonlyMap<string, string> | null {
  return map ? new Map([...map].map(([id, name]) => [id.toLowerCase(), name])) : null;
}
