import { IANAZone } from 'luxon';

const ZONE_NAME = /^[A-Za-z][\w+-]*(\/[\w+-]+)*$/;

/**
 * The IANA name of a time zone as the runtime knows it (`europe/lisbon` → `Europe/Lisbon`), or
 * null when it is not one: fixed offsets such as `+13:00` and names the tz database lacks are
 * refused, so what is stored always follows its zone's daylight-saving rules.
 */
export function canonicalTimeZone(name: string): string | null {
  if (name.length > 64 || !ZONE_NAME.test(name) || !IANAZone.isValidZone(name)) return null;
  return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}
