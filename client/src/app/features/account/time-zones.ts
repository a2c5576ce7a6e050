/** A time zone to offer: its IANA name and how it reads in a list. */
export interface TimeZoneOption {
  value: string;
  label: string;
}

/** The browser's own IANA time zone (`Europe/Lisbon`), UTC when it does not say. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * Every IANA zone this browser knows, by name, labelled with its offset at `now`
 * (`Pacific/Auckland (UTC+13:00)`); `include` are added when the list lacks them (a zone saved
 * from another browser, UTC).
 */
export function timeZoneOptions(now: Date, include: readonly string[] = []): TimeZoneOption[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  for (const zone of ['UTC', ...include]) if (zone) zones.add(zone);
  return [...zones]
    .sort((a, b) => a.localeCompare(b))
    .map((value) => ({ value, label: `${value.replaceAll('_', ' ')} (${offsetAt(value, now)})` }));
}

/** `UTC+13:00`, `UTC-08:00`, `UTC+00:00` at `now` in `zone`; empty when the browser cannot tell. */
export function offsetAt(zone: string, now: Date): string {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName')?.value;
    // Engines write no offset as `GMT` or `GMT+00:00`.
    return name ? `UTC${name.replace(/^GMT/, '') || '+00:00'}` : '';
  } catch {
    return '';
  }
}

/** `08:00` for 8. */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}
