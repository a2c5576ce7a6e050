import { formatTimecode } from './timecode';

describe('formatTimecode', () => {
  it('writes hours, minutes and seconds with two digits each, rounding down', () => {
    expect(formatTimecode(0)).toBe('00:00:00');
    expect(formatTimecode(61_999)).toBe('00:01:01');
    expect(formatTimecode(3_723_000)).toBe('01:02:03');
  });

  it('does not wrap past a day', () => {
    expect(formatTimecode(100 * 3600 * 1000)).toBe('100:00:00');
  });

  it('is empty when the time is unknown or impossible', () => {
    expect(formatTimecode(null)).toBe('');
    expect(formatTimecode(undefined)).toBe('');
    expect(formatTimecode(Number.NaN)).toBe('');
    expect(formatTimecode(-5)).toBe('');
  });
});
