import { describe, expect, it } from 'vitest';
import type { NotificationTargetType } from '@verbatim/contracts';
import { type InboxNotification, groupByDay, notificationLink } from './inbox-items';

function notification(overrides: Partial<InboxNotification> = {}): InboxNotification {
  return {
    id: 'n1',
    kind: 'MENTION',
    readAt: null,
    createdAt: '2026-12-07T10:00:00.000Z',
    summary: 'Olga mentioned you on a highlight',
    projectId: 'p1',
    targetType: 'HIGHLIGHT',
    targetId: 'h1',
    transcriptId: 't1',
    boardId: null,
    actor: { id: 'u1', name: 'Olga' },
    ...overrides,
  };
}

describe('groupByDay', () => {
  const at = (id: string, createdAt: string): InboxNotification => notification({ id, createdAt });

  it('puts notifications under Today, Yesterday and then their dates, keeping their order', () => {
    const now = Date.parse('2026-12-07T15:00:00Z');
    const days = groupByDay(
      [
        at('a', '2026-12-07T09:00:00Z'),
        at('b', '2026-12-07T00:30:00Z'),
        at('c', '2026-12-06T23:59:00Z'),
        at('d', '2026-12-03T12:00:00Z'),
        at('e', '2025-12-31T12:00:00Z'),
      ],
      now,
      'UTC',
    );
    expect(days.map((d) => [d.label, d.items.map((i) => i.id)])).toEqual([
      ['Today', ['a', 'b']],
      ['Yesterday', ['c']],
      ['Thursday, December 3', ['d']],
      ['Wednesday, December 31, 2025', ['e']],
    ]);
  });

  it('draws the line between days at midnight in the given time zone', () => {
    // 03:30 UTC on 7 December is still the evening of 6 December in New York,
    // and 00:30 UTC is the 7th in Tokyo (09:30) but the 6th in New York (19:30).
    const now = Date.parse('2026-12-07T03:30:00Z');
    const items = [at('late', '2026-12-07T00:30:00Z'), at('earlier', '2026-12-06T04:00:00Z')];

    expect(groupByDay(items, now, 'America/New_York').map((d) => d.label)).toEqual([
      'Today',
      'Yesterday',
    ]);
    expect(groupByDay(items, now, 'UTC').map((d) => d.label)).toEqual(['Today', 'Yesterday']);
    expect(groupByDay(items, now, 'Asia/Tokyo').map((d) => [d.label, d.items.length])).toEqual([
      ['Today', 1],
      ['Yesterday', 1],
    ]);
    expect(
      groupByDay([at('x', '2026-12-06T14:00:00Z')], now, 'Asia/Tokyo').map((d) => d.label),
    ).toEqual(['Yesterday']);
    expect(
      groupByDay([at('x', '2026-12-06T14:00:00Z')], now, 'America/New_York').map((d) => d.label),
    ).toEqual(['Today']);
  });

  it('counts yesterday by the calendar across a daylight-saving change', () => {
    // Clocks went back in Europe on 25 October 2026: that day had 25 hours.
    const now = Date.parse('2026-10-26T00:30:00+01:00');
    const days = groupByDay([at('x', '2026-10-25T00:10:00+02:00')], now, 'Europe/Berlin');
    expect(days.map((d) => d.label)).toEqual(['Yesterday']);
  });
});

describe('notificationLink', () => {
  const cases: [NotificationTargetType, Partial<InboxNotification>, unknown][] = [
    [
      'HIGHLIGHT',
      { targetId: 'h1', transcriptId: 't1' },
      { commands: ['/t', 't1'], queryParams: { highlight: 'h1' } },
    ],
    [
      'SEGMENT',
      { targetId: 's1', transcriptId: 't1' },
      { commands: ['/t', 't1'], queryParams: { segment: 's1' } },
    ],
    [
      'TRANSCRIPT',
      { targetId: 't2', transcriptId: 't2' },
      { commands: ['/t', 't2'], queryParams: null },
    ],
    [
      'THEME',
      { targetId: 'th1', transcriptId: null, boardId: 'b1' },
      { commands: ['/p', 'p1', 'boards', 'b1'], queryParams: { comments: 'th1' } },
    ],
    [
      'BOARD',
      { targetId: 'b2', transcriptId: null, boardId: 'b2' },
      { commands: ['/p', 'p1', 'boards', 'b2'], queryParams: null },
    ],
    [
      'INSIGHT',
      { targetId: 'i1', transcriptId: null },
      { commands: ['/p', 'p1', 'insights', 'i1'], queryParams: { comments: 'i1' } },
    ],
    [
      'ANALYSIS_RUN',
      { targetId: 'r1', transcriptId: null },
      { commands: ['/p', 'p1', 'analysis', 'r1'], queryParams: null },
    ],
    [
      'EXPORT',
      { targetId: 'e1', transcriptId: null },
      { commands: ['/p', 'p1'], queryParams: { export: 'e1' } },
    ],
  ];

  it.each(cases)('opens a %s where it lives', (targetType, fields, expected) => {
    expect(notificationLink(notification({ targetType, ...fields }))).toEqual(expected);
  });

  it('opens an insight at its discussion for a mention or reply, and at its top otherwise', () => {
    const insight = { targetType: 'INSIGHT', targetId: 'i1', transcriptId: null } as const;
    expect(notificationLink(notification({ ...insight, kind: 'REPLY' })).queryParams).toEqual({
      comments: 'i1',
    });
    expect(notificationLink(notification({ ...insight, kind: 'ASSIGNMENT' })).queryParams).toBe(
      null,
    );
  });

  it('opens a theme’s discussion for a mention or reply, and shows the theme otherwise', () => {
    const theme = {
      targetType: 'THEME' as const,
      targetId: 'th1',
      transcriptId: null,
      boardId: 'b1',
    };
    for (const kind of ['MENTION', 'REPLY'] as const)
      expect(notificationLink(notification({ ...theme, kind })).queryParams).toEqual({
        comments: 'th1',
      });
    expect(notificationLink(notification({ ...theme, kind: 'ASSIGNMENT' }))).toEqual({
      commands: ['/p', 'p1', 'boards', 'b1'],
      queryParams: { theme: 'th1' },
    });
  });

  it('opens an assignment and its due-soon reminder where the work is', () => {
    const transcript = { targetType: 'TRANSCRIPT', targetId: 't1', transcriptId: 't1' } as const;
    const theme = {
      targetType: 'THEME',
      targetId: 'th1',
      transcriptId: null,
      boardId: 'b1',
    } as const;
    expect(notificationLink(notification({ kind: 'ASSIGNMENT', ...transcript }))).toEqual({
      commands: ['/t', 't1'],
      queryParams: null,
    });
    expect(notificationLink(notification({ kind: 'DUE_SOON', ...theme }))).toEqual({
      commands: ['/p', 'p1', 'boards', 'b1'],
      queryParams: { theme: 'th1' },
    });
  });

  it('opens the project when a highlight no longer names its transcript', () => {
    expect(notificationLink(notification({ transcriptId: null }))).toEqual({
      commands: ['/p', 'p1'],
      queryParams: null,
    });
  });
});
