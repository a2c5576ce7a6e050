import { DigestFrequency, duePeriod } from './digest-schedule';
import { canonicalTimeZone } from './time-zone';

const daily = (timeZone: string, hour: number) =>
  ({ timeZone, hour, frequency: DigestFrequency.DAILY }) as const;
const weekly = (timeZone: string, hour: number) =>
  ({ timeZone, hour, frequency: DigestFrequency.WEEKLY }) as const;
const at = (iso: string) => new Date(iso);

describe('duePeriod', () => {
  it('is due at the chosen hour in Auckland (UTC+13 in January), the evening before in UTC', () => {
    const schedule = daily('Pacific/Auckland', 8);
    expect(duePeriod(schedule, at('2027-01-10T18:59:59Z'))).toBeNull();
    expect(duePeriod(schedule, at('2027-01-10T19:00:00Z'))).toEqual({
      key: '2027-01-11',
      dueAt: at('2027-01-10T19:00:00Z'),
    });
    expect(duePeriod(schedule, at('2027-01-10T23:30:00Z'))?.key).toBe('2027-01-11');
  });

  it('is due at the chosen hour in Los Angeles (UTC-8 in January)', () => {
    const schedule = daily('America/Los_Angeles', 8);
    expect(duePeriod(schedule, at('2027-01-11T15:59:00Z'))).toBeNull();
    expect(duePeriod(schedule, at('2027-01-11T16:00:00Z'))).toEqual({
      key: '2027-01-11',
      dueAt: at('2027-01-11T16:00:00Z'),
    });
  });

  it('keeps the local hour across the spring change in New York: 13:00 UTC, then 12:00 UTC', () => {
    const schedule = daily('America/New_York', 8);
    // Saturday 13 March 2027 is still EST (UTC-5); Sunday 14 March is EDT (UTC-4).
    expect(duePeriod(schedule, at('2027-03-13T13:00:00Z'))?.key).toBe('2027-03-13');
    expect(duePeriod(schedule, at('2027-03-14T11:59:00Z'))).toBeNull();
    expect(duePeriod(schedule, at('2027-03-14T12:00:00Z'))).toEqual({
      key: '2027-03-14',
      dueAt: at('2027-03-14T12:00:00Z'),
    });
    // An hour later (13:00 UTC, when it was due the day before) it is the same period.
    expect(duePeriod(schedule, at('2027-03-14T13:00:00Z'))?.key).toBe('2027-03-14');
  });

  it('sends an hour the spring change skips at the first hour after it', () => {
    // 02:00 does not exist in New York on 14 March 2027: clocks go from 01:59 EST to 03:00 EDT.
    expect(duePeriod(daily('America/New_York', 2), at('2027-03-14T07:00:00Z'))).toEqual({
      key: '2027-03-14',
      dueAt: at('2027-03-14T07:00:00Z'),
    });
  });

  it('gives an hour the autumn change repeats one period, at its second occurrence', () => {
    // 01:00 happens twice in New York on 7 November 2027: at 05:00 UTC (EDT), then 06:00 (EST).
    const schedule = daily('America/New_York', 1);
    expect(duePeriod(schedule, at('2027-11-07T05:00:00Z'))).toBeNull();
    expect(duePeriod(schedule, at('2027-11-07T06:00:00Z'))).toEqual({
      key: '2027-11-07',
      dueAt: at('2027-11-07T06:00:00Z'),
    });
    expect(duePeriod(schedule, at('2027-11-07T07:00:00Z'))?.key).toBe('2027-11-07');
  });

  it('keeps the local hour across the autumn change in Lisbon: 08:00 UTC+1, then 08:00 UTC', () => {
    const schedule = daily('Europe/Lisbon', 8);
    expect(duePeriod(schedule, at('2027-10-30T07:00:00Z'))?.key).toBe('2027-10-30');
    expect(duePeriod(schedule, at('2027-10-31T07:00:00Z'))).toBeNull();
    expect(duePeriod(schedule, at('2027-10-31T08:00:00Z'))?.key).toBe('2027-10-31');
  });

  it('sends weekly digests on Mondays only', () => {
    const schedule = weekly('Europe/Lisbon', 9);
    // Monday 11 January 2027, 09:00 in Lisbon (UTC+0 in winter).
    expect(duePeriod(schedule, at('2027-01-11T09:00:00Z'))).toEqual({
      key: '2027-01-11',
      dueAt: at('2027-01-11T09:00:00Z'),
    });
    expect(duePeriod(schedule, at('2027-01-11T08:59:00Z'))).toBeNull();
    expect(duePeriod(schedule, at('2027-01-12T09:00:00Z'))).toBeNull();
    expect(duePeriod(schedule, at('2027-01-18T10:00:00Z'))?.key).toBe('2027-01-18');
  });

  it('does not send a digest hours late: the next one covers the time', () => {
    const schedule = daily('UTC', 8);
    expect(duePeriod(schedule, at('2027-01-11T13:59:00Z'))?.key).toBe('2027-01-11');
    expect(duePeriod(schedule, at('2027-01-11T14:00:00Z'))).toBeNull();
  });
});

describe('canonicalTimeZone', () => {
  it('accepts IANA names in any case and answers their canonical spelling', () => {
    expect(canonicalTimeZone('Pacific/Tongatapu')).toBe('Pacific/Tongatapu');
    expect(canonicalTimeZone('europe/lisbon')).toBe('Europe/Lisbon');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
  });

  it('refuses what is not a zone of the tz database', () => {
    for (const name of ['Mars/Olympus_Mons', '+13:00', '', 'Europe/Lisbon\n', 'a'.repeat(65)])
      expect(canonicalTimeZone(name)).toBeNull();
  });
});
