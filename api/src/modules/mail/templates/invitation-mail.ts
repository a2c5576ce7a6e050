import { type MailDocument, quoted, subjectLine } from './mail-document';

export interface InvitationMailInput {
  inviterName: string | null;
  inviterEmail: string | null;
  workspaceName: string;
  role: string;
  link: string;
  expiresAt: Date;
}

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** An invitation to a workspace, with its link (the same link the inviter is shown). */
export function invitationMail(input: InvitationMailInput): MailDocument {
  const who = input.inviterName ?? 'Someone';
  const from = input.inviterEmail ? ` (${input.inviterEmail})` : '';
  const workspace = quoted(input.workspaceName);
  return {
    subject: subjectLine(`${who} invited you to ${workspace} on Verbatim`),
    blocks: [
      {
        kind: 'paragraph',
        content: [
          `${who}${from} invited you to join the workspace ${workspace} on Verbatim, as ${article(input.role)} ${input.role.toLowerCase()}.`,
        ],
      },
      { kind: 'paragraph', content: [{ text: 'Accept the invitation', href: input.link }] },
      {
        kind: 'note',
        content: [
          `The link works once, for this address only, until ${DATE.format(input.expiresAt)} (UTC). If you did not expect this invitation, ignore this e-mail.`,
        ],
      },
    ],
  };
}

const article = (role: string) => (/^[aeiou]/i.test(role) ? 'an' : 'a');
