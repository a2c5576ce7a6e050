import { type MailLinks, type NotificationPlace } from '../mail-links';
import { type MailDocument, quoted, subjectLine } from './mail-document';

export interface MentionMailInput {
  /** The notification's line, e.g. `Ana mentioned you in a comment on a highlight in “Call”`. */
  summary: string;
  projectName: string;
  place: NotificationPlace;
  links: MailLinks;
  unsubscribeUrl: string;
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
      {
        kind: 'paragraph',
        content: [{ text: 'Open it in Verbatim', href: input.links.notification(input.place) }],
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
