import { neutraliseCell } from './formula';
import { formatTimecode } from './timecode';

/** One highlight as the highlights export reads it from the database. */
export interface HighlightRecord {
  quote: string;
  /** Tag names, in the order they are shown. */
  tags: readonly string[];
  note: string | null;
  /** The participant's display name (or the turn's speaker label when none is linked). */
  participant: string | null;
  /** The participant's attributes (a key may occur more than once). */
  attributes: readonly { key: string; value: string }[];
  transcript: string;
  /** The highlighted turns' start and end in the recording, when the transcript has times. */
  startMs: number | null;
  endMs: number | null;
  author: string | null;
  createdAt: Date;
  /** Where the highlight is read in the app. */
  link: string;
}

const FIXED_BEFORE = ['Quote', 'Tags', 'Note', 'Participant'] as const;
const FIXED_AFTER = ['Transcript', 'Start', 'End', 'Author', 'Created', 'Link'] as const;

/**
 * The columns of the highlights table: the fixed ones, with one column per participant attribute
 * key (in the given order) after the participant's name. Every cell is neutralised against
 * formula injection, headers included (attribute keys are typed by users).
 */
export class HighlightTable {
  readonly header: string[];

  constructor(private readonly attributeKeys: readonly string[]) {
    this.header = [
      ...FIXED_BEFORE,
      ...attributeKeys.map((key) => `Participant ${key}`),
      ...FIXED_AFTER,
    ].map(neutraliseCell);
  }

  /** One highlight as a row of strings, aligned with `header`. */
  row(record: HighlightRecord): string[] {
    const byKey = new Map<string, string[]>();
    for (const { key, value } of record.attributes) {
      const values = byKey.get(key) ?? [];
      values.push(value);
      byKey.set(key, values);
    }
    return [
      record.quote,
      record.tags.join('; '),
      record.note ?? '',
      record.participant ?? '',
      ...this.attributeKeys.map((key) => (byKey.get(key) ?? []).join('; ')),
      record.transcript,
      formatTimecode(record.startMs),
      formatTimecode(record.endMs),
      record.author ?? '',
      record.createdAt.toISOString(),
      record.link,
    ].map(neutraliseCell);
  }
}

/** The distinct attribute keys, trimmed and sorted as people read them (case-insensitively). */
export function attributeColumns(keys: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const key of keys) {
    const trimmed = key.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen].sort(
    (a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : 1),
  );
}
