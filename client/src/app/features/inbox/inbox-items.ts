import type { NotificationItemFragment } from '@verbatim/contracts';

export type InboxNotification = NotificationItemFragment;

export interface InboxDay {
  /** The calendar day in the time zone, `YYYY-MM-DD`. */
  readonly key: string;
  /** "Today", "Yesterday", or the date. */
  readonly label: string;
  readonly items: readonly InboxNotification[];
}

export interface InboxLink {
  readonly commands: readonly string[];
  readonly queryParams: Record<string, string> | null;
}

const DAY_MS = 86_400_000;

function dayKey(at: number, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The day before `key`, by the calendar (not 24 hours back, which a DST change would skew). */
function previousDay(key: string): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - DAY_MS).toISOString().slice(0, 10);
}

function dateLabel(at: number, now: number, timeZone: string): string {
  const sameYear = dayKey(at, timeZone).slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(at);
}

/**
 * Notifications (newest first) grouped by the calendar day they arrived on in `timeZone`:
 * "Today", "Yesterday", then the dates.
 */
export function groupByDay(
  items: readonly InboxNotification[],
  now: number,
  timeZone: string,
): InboxDay[] {
  const today = dayKey(now, timeZone);
  const yesterday = previousDay(today);
  const days: { key: string; label: string; items: InboxNotification[] }[] = [];
  for (const item of items) {
    const at = Date.parse(item.createdAt);
    const key = dayKey(at, timeZone);
    let day = days.find((d) => d.key === key);
    if (!day) {
      const label =
        key === today ? 'Today' : key === yesterday ? 'Yesterday' : dateLabel(at, now, timeZone);
      day = { key, label, items: [] };
      days.push(day);
    }
    day.items.push(item);
  }
  return days;
}

/** Notifications about a comment: they open the place with its discussion showing. */
const ABOUT_A_COMMENT: readonly string[] = ['MENTION', 'REPLY'];

/**
 * Where a notification takes you: the reader, a board, an insight or an analysis run. A comment
 * on a highlight opens the reader with the highlight's panel, where its discussion is; on an
 * insight, the insight's page, which ends with its discussion; on a theme, its board with the
 * theme's discussion in the drawer.
 */
export function notificationLink(n: InboxNotification): InboxLink {
  const project = ['/p', n.projectId];
  switch (n.targetType) {
    case 'HIGHLIGHT':
      return n.transcriptId
        ? { commands: ['/t', n.transcriptId], queryParams: { highlight: n.targetId } }
        : { commands: project, queryParams: null };
    case 'SEGMENT':
      return n.transcriptId
        ? { commands: ['/t', n.transcriptId], queryParams: { segment: n.targetId } }
        : { commands: project, queryParams: null };
    case 'TRANSCRIPT':
      return { commands: ['/t', n.transcriptId ?? n.targetId], queryParams: null };
    case 'THEME':
      return n.boardId
        ? {
            commands: [...project, 'boards', n.boardId],
            // A discussion opens in the theme's drawer; anything else brings the theme into view.
            queryParams: ABOUT_A_COMMENT.includes(n.kind)
              ? { comments: n.targetId }
              : { theme: n.targetId },
          }
        : { commands: [...project, 'boards'], queryParams: null };
    case 'BOARD':
      return { commands: [...project, 'boards', n.boardId ?? n.targetId], queryParams: null };
    case 'INSIGHT':
      return {
        commands: [...project, 'insights', n.targetId],
        // About a comment: the page opens at its discussion, not at its top.
        queryParams: ABOUT_A_COMMENT.includes(n.kind) ? { comments: n.targetId } : null,
      };
    case 'ANALYSIS_RUN':
      return { commands: [...project, 'analysis', n.targetId], queryParams: null };
    case 'EXPORT':
      // The project lists your exports; the ready one is brought forward with its download.
      return { commands: project, queryParams: { export: n.targetId } };
    default:
      // A target type newer than this client: the project is a safe place to land.
      return { commands: project, queryParams: null };
  }
}
