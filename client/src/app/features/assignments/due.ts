// Due dates as people read them: in their own time zone, grouped the way a to-do list is.

export type DueGroupKey = 'overdue' | 'today' | 'week' | 'later' | 'none' | 'done';

export interface DueGroup<T> {
  readonly key: DueGroupKey;
  readonly label: string;
  readonly items: readonly T[];
}

/** What a list needs of an item to group it. */
export interface Dated {
  readonly dueAt: string | null;
  readonly doneAt?: string | null;
}

const LABELS: Readonly<Record<DueGroupKey, string>> = {
  overdue: 'Overdue',
  today: 'Today',
  week: 'This week',
  later: 'Later',
  none: 'No due date',
  done: 'Done',
};
const ORDER: readonly DueGroupKey[] = ['overdue', 'today', 'week', 'later', 'none', 'done'];
const DAY_MS = 86_400_000;

/** The calendar day of an instant in a time zone, as a count of days (comparable, DST-proof). */
function dayNumber(at: number, timeZone: string): number {
  // en-CA writes dates as YYYY-MM-DD.
  const key = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/**
 * Where an item belongs: done; no due date; overdue (its due instant has passed); due today,
 * within the next six days ("this week") or later, by calendar days in `timeZone`.
 */
export function dueGroupOf(item: Dated, now: number, timeZone: string): DueGroupKey {
  if (item.doneAt) return 'done';
  if (!item.dueAt) return 'none';
  const due = Date.parse(item.dueAt);
  if (due < now) return 'overdue';
  const days = dayNumber(due, timeZone) - dayNumber(now, timeZone);
  return days <= 0 ? 'today' : days < 7 ? 'week' : 'later';
}

/** The items in their groups, in the groups' order (empty ones left out), keeping their order. */
export function groupByDue<T extends Dated>(
  items: readonly T[],
  now: number,
  timeZone: string,
): DueGroup<T>[] {
  const byKey = new Map<DueGroupKey, T[]>();
  for (const item of items) {
    const key = dueGroupOf(item, now, timeZone);
    byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  return ORDER.flatMap((key) => {
    const list = byKey.get(key);
    return list ? [{ key, label: LABELS[key], items: list }] : [];
  });
}

/** "Fri, Jun 12, 11:59 PM" in `timeZone` (with the year when it is not this year's). */
export function formatDue(dueAt: string, now: number, timeZone: string): string {
  const at = Date.parse(dueAt);
  if (!Number.isFinite(at)) return '';
  const year = (t: number) =>
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(t);
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(year(at) === year(now) ? {} : { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}

/**
 * The instant a due date picked as a day (`YYYY-MM-DD`, from a date field) means: the end of
 * that day where the person picking it is. Null for no day or nonsense.
 */
export function endOfDay(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999);
  return Number.isFinite(at.getTime()) ? at.toISOString() : null;
}

/** Today as a date field's value (`YYYY-MM-DD`), where the browser is. */
export function todayValue(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The browser's time zone, e.g. "Europe/Berlin". */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
