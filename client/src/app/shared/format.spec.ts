import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatRelative,
  formatTimestamp,
  plural,
  formatCalendarDay,
  prettyJson,
} from './format';

describe('formatTimestamp', () => {
  it('shows h:mm:ss with the hour even when it is zero', () => {
    expect(formatTimestamp(0)).toBe('0:00:00');
    expect(formatTimestamp(83_000)).toBe('0:01:23');
    expect(formatTimestamp(3 * 3_600_000 + 5 * 60_000 + 9_999)).toBe('3:05:09');
  });

  it('leaves the time out when the source had none', () => {
    expect(formatTimestamp(null)).toBe('');
    expect(formatTimestamp(undefined)).toBe('');
    expect(formatTimestamp(-5)).toBe('');
  });
});

describe('formatDuration', () => {
  it('reads as hours and minutes for long interviews, minutes and seconds for short ones', () => {
    expect(formatDuration(3 * 3_600_000 + 4 * 60_000)).toBe('3 h 04 min');
    expect(formatDuration(12 * 60_000 + 5_000)).toBe('12 min 05 s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(null)).toBe('—');
  });
});

describe('formatBytes and plural', () => {
  it('uses short, rounded units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
  });

  it('picks singular or plural', () => {
    expect(plural(1, 'turn')).toBe('1 turn');
    expect(plural(4_000, 'turn')).toBe('4,000 turns');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('reads like a person would say it', () => {
    expect(formatRelative('2026-03-01T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-03-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-03-01T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelative('2026-02-28T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelative('2026-02-15T12:00:00Z', now)).toBe('2 weeks ago');
    expect(formatRelative('2026-03-08T12:00:00Z', now)).toBe('next week');
  });

  it('is empty for a date it cannot read', () => {
    expect(formatRelative('not a date', now)).toBe('');
  });
});

describe('formatCalendarDay', () => {
  it('shows the recorded day as it is, in any time zone', () => {
    expect(formatCalendarDay('2026-02-28')).toBe('28 Feb 2026');
    expect(formatCalendarDay('2026-01-01')).toBe('1 Jan 2026');
  });

  it('shows nothing for no day or a value that is not one', () => {
    expect(formatCalendarDay(null)).toBeNull();
    expect(formatCalendarDay('')).toBeNull();
    expect(formatCalendarDay('28/02/2026')).toBeNull();
  });
});

describe('prettyJson', () => {
  it('indents JSON and leaves other text as it is', () => {
    expect(prettyJson('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(prettyJson('<html>oops</html>')).toBe('<html>oops</html>');
    expect(prettyJson(null)).toBe('');
  });
});
