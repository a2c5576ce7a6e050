import { DateTime } from 'luxon';
import { type ProjectChanges } from '../../activity/digest.service';
import { type DigestItemsType } from '../../activity/digest.types';
import { DigestFrequency } from '../digest-schedule';
import { type MailLinks } from '../mail-links';
import { type Block, type Inline, type MailDocument, quoted, subjectLine } from './mail-document';

export interface DigestMailInput {
  userName: string;
  frequency: DigestFrequency.DAILY | DigestFrequency.WEEKLY;
  hour: number;
  timeZone: string;
  /** The start of what the digest covers. */
  since: Date;
  /** Projects with something new (at least one). */
  changes: ProjectChanges[];
  links: MailLinks;
  unsubscribeUrl: string;
}

/** Most tags named per project; the rest are counted. */
const TAGS_NAMED = 8;

/** A digest: per project, the new transcripts, highlights per tag, comments, insights, board moves. */
export function digestMail(input: DigestMailInput): MailDocument {
  const [first, ...others] = input.changes;
  const where = others.length
    ? `${quoted(first?.project.name ?? '', 60)} and ${plural(others.length, 'other project')}`
    : quoted(first?.project.name ?? '', 60);
  const kind = input.frequency === DigestFrequency.WEEKLY ? 'Weekly' : 'Daily';
  const since = DateTime.fromJSDate(input.since, { zone: input.timeZone });
  const when =
    input.frequency === DigestFrequency.WEEKLY
      ? `every Monday at ${hh(input.hour)}`
      : `every day at ${hh(input.hour)}`;
  return {
    subject: subjectLine(`${kind} digest: what’s new in ${where}`),
    blocks: [
      {
        kind: 'paragraph',
        content: [
          `Hello ${input.userName}, here is what others did in your projects since ${since.toFormat("cccc d LLLL 'at' HH:mm")}.`,
        ],
      },
      ...input.changes.flatMap((c) => projectBlocks(c, input.links)),
      {
        kind: 'note',
        content: [
          `You get this digest ${when} (${input.timeZone}). `,
          { text: 'Change when or turn it off', href: input.links.account() },
          ', or ',
          { text: 'unsubscribe', href: input.unsubscribeUrl },
          '.',
        ],
      },
    ],
  };
}

function projectBlocks({ project, digest }: ProjectChanges, links: MailLinks): Block[] {
  const items: Inline[][] = [];
  if (digest.newTranscripts.count)
    items.push(titled(digest.newTranscripts, 'new transcript', (id) => links.transcript(id)));
  const highlights = digest.newHighlights;
  if (highlights.count) {
    const tags = highlights.byTag.slice(0, TAGS_NAMED).map((t) => `${t.tag.name} (${t.count})`);
    const more = highlights.byTag.length - tags.length;
    items.push([
      plural(highlights.count, 'new highlight'),
      tags.length
        ? `: ${tags.join(', ')}${more > 0 ? ` and ${plural(more, 'other tag')}` : ''}`
        : '',
    ]);
  }
  if (digest.newComments.count)
    items.push([
      plural(digest.newComments.count, 'new comment'),
      digest.mentions.count ? `, ${digest.mentions.count} mentioning you` : '',
    ]);
  if (digest.newInsights.count)
    items.push(titled(digest.newInsights, 'new insight', (id) => links.insight(project.id, id)));
  if (digest.boardMoves.count)
    items.push([`${plural(digest.boardMoves.count, 'card')} moved on boards`]);
  return [
    { kind: 'heading', content: [`${project.name} · ${project.workspaceName}`] },
    { kind: 'list', items },
    {
      kind: 'paragraph',
      content: [{ text: `Open ${quoted(project.name)}`, href: links.project(project.id) }],
    },
  ];
}

/** `2 new transcripts: “A”, “B” and 3 more`, each title a link. */
function titled(list: DigestItemsType, noun: string, href: (id: string) => string): Inline[] {
  const parts: Inline[] = [`${plural(list.count, noun)}: `];
  list.items.forEach((item, i) => {
    if (i) parts.push(', ');
    parts.push({ text: quoted(item.title), href: href(item.id) });
  });
  const more = list.count - list.items.length;
  if (more > 0) parts.push(` and ${more} more`);
  return parts;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
