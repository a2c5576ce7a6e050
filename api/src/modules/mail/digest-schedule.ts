import { DateTime } from 'luxon';

/** How often a user wants their digest. */
export enum DigestFrequency {
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  OFF = 'OFF',
}

/** Weekly digests go on this local weekday (ISO numbering: 1 is Monday). */
export const WEEKLY_DIGEST_WEEKDAY = 1;

/**
 * A digest that could not go out within this long of its time (no process was running) is not
 * sent late: the next one covers the time since the last digest sent.
 */
export const DIGEST_CATCH_UP_MS = 6 * 3600_000;

export interface DigestSchedule {
  /** An IANA zone (see canonicalTimeZone). */
  timeZone: string;
  /** The local hour, 0 to 23. */
  hour: number;
  frequency: DigestFrequency.DAILY | DigestFrequency.WEEKLY;
}

export interface DigestPeriod {
  /** The local date of the digest (`2027-03-14`): a user gets at most one digest per date. */
  key: string;
  /** When it was due: the chosen hour on that date, in the user's zone. */
  dueAt: Date;
}

/**
 * The digest due at `now` for this schedule, or null: the latest local date (a Monday for weekly
 * digests) whose chosen hour has come, if it came less than DIGEST_CATCH_UP_MS ago.
 *
 * Local dates and hours are luxon's, in the zone's own rules: across a daylight-saving change the
 * digest still goes at the chosen wall-clock hour (so 23 or 25 hours after the previous one); an
 * hour the change skips (02:00 in New York one March night) becomes the first hour after it, and
 * an hour that happens twice (01:00 there one November night) is its second occurrence: one date,
 * so one digest.
 */
export function duePeriod(schedule: DigestSchedule, now: Date): DigestPeriod | null {
  const local = DateTime.fromJSDate(now, { zone: schedule.timeZone });
  const weekly = schedule.frequency === DigestFrequency.WEEKLY;
  const step = weekly ? 7 : 1;
  const back = weekly ? (local.weekday - WEEKLY_DIGEST_WEEKDAY + 7) % 7 : 0;
  let due = atHour(local.minus({ days: back }), schedule.hour);
  if (due > local) due = atHour(local.minus({ days: back + step }), schedule.hour);
  if (local.toMillis() - due.toMillis() >= DIGEST_CATCH_UP_MS) return null;
  return { key: due.toISODate() ?? '', dueAt: due.toJSDate() };
}

/** `hour`:00 on the local date of `day`, in its zone. */
function atHour(day: DateTime, hour: number): DateTime {
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour },
    { zone: day.zone },
  );
}
