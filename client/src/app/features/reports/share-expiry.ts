// When a share link stops working: a preset (a day, a week, a month from now) or the end of a
// day the user picks in their own time zone. The api refuses the past and more than a year ahead.

export type ExpiryPreset = '1d' | '7d' | '30d';

export const EXPIRY_PRESETS: readonly { key: ExpiryPreset; label: string; days: number }[] = [
  { key: '1d', label: '1 day', days: 1 },
  { key: '7d', label: '7 days', days: 7 },
  { key: '30d', label: '30 days', days: 30 },
];

const DAY_MS = 86_400_000;
/** The longest a link may live (the api allows 366 days). */
export const MAX_SHARE_DAYS = 365;

/** The moment a preset ends, counted from `now`. */
export function presetExpiry(preset: ExpiryPreset, now: Date): Date {
  const days = EXPIRY_PRESETS.find((p) => p.key === preset)?.days ?? 7;
  return new Date(now.getTime() + days * DAY_MS);
}

/**
 * The end (23:59:59.999, local time) of the day picked in a date field (`2026-12-24`), or why it
 * cannot be used: not a date, already over, or more than a year ahead.
 */
export function dateExpiry(value: string, now: Date): { at: Date } | { problem: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return { problem: 'Pick the day the link should stop working.' };
  const [, y, m, d] = match;
  const at = new Date(Number(y), Number(m) - 1, Number(d), 23, 59, 59, 999);
  if (Number.isNaN(at.getTime()) || at.getDate() !== Number(d))
    return { problem: 'That is not a date.' };
  if (at.getTime() <= now.getTime()) return { problem: 'Pick a day in the future.' };
  if (at.getTime() - now.getTime() > MAX_SHARE_DAYS * DAY_MS)
    return { problem: 'A link can live at most a year.' };
  return { at };
}

/** `yyyy-mm-dd` of a local day, for a date field's min and max. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Where a link stands: turned off, expired, or live until when. */
export function shareState(
  share: { active: boolean; revokedAt: string | null; expiresAt: string },
  now: Date,
): 'revoked' | 'expired' | 'live' {
  if (share.revokedAt) return 'revoked';
  if (!share.active || Date.parse(share.expiresAt) <= now.getTime()) return 'expired';
  return 'live';
}
