import { describe, expect, it } from 'vitest';
import { type Dated, dueGroupOf, endOfDay, formatDue, groupByDue } from './due';

const item = (id: string, dueAt: string | null, doneAt: string | null = null) => ({
  id,
  dueAt,
  doneAt,
});

describe('groupByDue', () => {
  // Monday 8 June 2026, 10:00 in Berlin (08:00 UTC).
  const now = Date.parse('2026-06-08T08:00:00Z');

  it('groups by the calendar of the time zone: overdue, today, this week, later, no date, done', () => {
    const groups = groupByDue(
      [
        item('late', '2026-06-08T07:59:00Z'),
        item('tonight', '2026-06-08T21:59:59Z'), // 23:59:59 in Berlin
        item('sunday', '2026-06-14T10:00:00Z'),
        item('next-monday', '2026-06-15T10:00:00Z'),
        item('someday', null),
        item('finished', '2026-06-01T10:00:00Z', '2026-06-02T10:00:00Z'),
      ],
      now,
      'Europe/Berlin',
    );
    expect(groups.map((g) => [g.label, g.items.map((i) => i.id)])).toEqual([
      ['Overdue', ['late']],
      ['Today', ['tonight']],
      ['This week', ['sunday']],
      ['Later', ['next-monday']],
      ['No due date', ['someday']],
      ['Done', ['finished']],
    ]);
  });

  it('puts the same instant on another day in another time zone', () => {
    const lateTonight: Dated = { dueAt: '2026-06-08T21:59:59Z' };
    expect(dueGroupOf(lateTonight, now, 'Europe/Berlin')).toBe('today');
    // Already Tuesday morning in Auckland at that instant, while it is still Monday evening there now.
    expect(dueGroupOf(lateTonight, now, 'Pacific/Auckland')).toBe('week');
  });

  it('leaves out empty groups', () => {
    expect(groupByDue([item('a', null)], now, 'UTC').map((g) => g.key)).toEqual(['none']);
  });
});

describe('formatDue', () => {
  const now = Date.parse('2026-06-08T08:00:00Z');

  it('says the day and time where the reader is', () => {
    const due = '2026-06-12T21:59:59.999Z';
    expect(formatDue(due, now, 'Europe/Berlin')).toBe('Fri, Jun 12, 11:59 PM');
    expect(formatDue(due, now, 'America/Los_Angeles')).toBe('Fri, Jun 12, 2:59 PM');
    expect(formatDue(due, now, 'Asia/Tokyo')).toBe('Sat, Jun 13, 6:59 AM');
  });

  it('adds the year when it is not this year', () => {
    expect(formatDue('2027-01-04T12:00:00Z', now, 'UTC')).toBe('Mon, Jan 4, 2027, 12:00 PM');
  });
});

describe('endOfDay', () => {
  it('is the last millisecond of the picked day where the browser is', () => {
    const iso = endOfDay('2026-06-12')!;
    const at = new Date(iso);
    expect([at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes()]).toEqual(
      [2026, 5, 12, 23, 59],
    );
  });

  it('is null for no day', () => {
    expect(endOfDay('')).toBeNull();
    expect(endOfDay('12/06/2026')).toBeNull();
  });
});
