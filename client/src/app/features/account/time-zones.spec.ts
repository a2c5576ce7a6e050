import { describe, expect, it } from 'vitest';
import { hourLabel, offsetAt, timeZoneOptions } from './time-zones';

describe('timeZoneOptions', () => {
  const january = new Date('2027-01-11T12:00:00Z');

  it('lists the IANA zones by name with their offset at the moment', () => {
    const options = timeZoneOptions(january);
    expect(options).toContainEqual({
      value: 'Pacific/Auckland',
      label: 'Pacific/Auckland (UTC+13:00)',
    });
    expect(options).toContainEqual({
      value: 'America/Los_Angeles',
      label: 'America/Los Angeles (UTC-08:00)',
    });
    const names = options.map((o) => o.value);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('offers UTC and a saved zone the list lacks, once each', () => {
    const names = timeZoneOptions(january, ['UTC', 'Etc/GMT-13']).map((o) => o.value);
    expect(names.filter((n) => n === 'UTC')).toHaveLength(1);
    expect(names).toContain('Etc/GMT-13');
  });
});

describe('offsetAt', () => {
  it('follows daylight saving: Lisbon is UTC+00:00 in winter and UTC+01:00 in summer', () => {
    expect(offsetAt('Europe/Lisbon', new Date('2027-01-11T12:00:00Z'))).toBe('UTC+00:00');
    expect(offsetAt('Europe/Lisbon', new Date('2027-07-11T12:00:00Z'))).toBe('UTC+01:00');
  });
});

describe('hourLabel', () => {
  it('writes hours as on a 24-hour clock', () => {
    expect(hourLabel(0)).toBe('00:00');
    expect(hourLabel(8)).toBe('08:00');
    expect(hourLabel(23)).toBe('23:00');
  });
});
