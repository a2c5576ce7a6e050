import { type MailLinks, type NotificationPlace } from '../mail-links';
import { type MailDocument, quoted, subjectLine } from './mail-document';

export interface MentionMailInput {
  /** The notification's line, e.g. `Ana mentioned you in a comment on a highlight in “Call”`. */
  summary: string;
  projectName: string;
  place: NotificationPlace;
  links: MailLinks;
  unsubscribeUrl: string;
  /** The comment's Markdown as it is now; null when it was deleted. */
  commentBody?: string | null;
}

/** Longest stretch of a comment an e-mail quotes; the rest is one click away. */
const QUOTE_CHARS = 1_000;

/**
 * A comment's Markdown as plain words for an e-mail: mentions as `@Name`, links as their words,
 * emphasis and code marks dropped; cut at QUOTE_CHARS on a word boundary.
 */
export function commentAsText(markdown: string): string {
  const text = markdown
    .replace(/\r\n?/g, '\n')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(^|[^\w])(\*\*|__|\*|_|~~|`)(?=\S)([^]*?\S)\2(?!\w)/g, '$1$3')
    .replace(/^[ \t]{0,3}(#{1,6}|>)[ \t]?/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length <= QUOTE_CHARS) return text;
  const cut = text.slice(0, QUOTE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > QUOTE_CHARS * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** One mention, at once: what the inbox shows, and a link to the place. */
export function mentionMail(input: MentionMailInput): MailDocument {
  return {
    subject: subjectLine(input.summary),
    blocks: [
      {
        kind: 'paragraph',
        content: [`${input.summary}, in the project ${quoted(input.projectName)}.`],
      },
      ...(input.commentBody
        ? [{ kind: 'quote' as const, text: commentAsText(input.commentBody) }]
        : []),
      {
        kind: 'paragraph',
        content: [
          { text: 'Open it in Verbatim', href: input.links.notification(input.place, true) },
        ],
      },
      {
        kind: 'note',
        content: [
          'You get an e-mail each time someone mentions you. ',
          { text: 'Change this', href: input.links.account() },
          ', or ',
          { text: 'unsubscribe from mention e-mails', href: input.unsubscribeUrl },
          '.',
        ],
      },
    ],
  };
}
