import { badInput } from '../errors/domain-error';

/**
 * The one cursor format of every list: base64url of a JSON array of the sort keys of the last
 * row of a page (or its position), e.g. `["2026-05-01T10:00:00.000Z","6f1c…"]`. A list declares
 * the type of each key; a cursor that does not decode to exactly those is refused with
 * BAD_USER_INPUT before any SQL sees its values.
 */
export type CursorKey =
  | 'timestamptz'
  | 'uuid'
  | 'text'
  | 'int'
  /** A finite number (a confidence, a score). */
  | 'number'
  | 'boolean'
  /** A position in a list ordered by rank, counted from its start (at most 10 million). */
  | 'offset'
  /** A fixed word: the order a cursor belongs to (a cursor of one order is no use in another). */
  | { equals: string };

export type CursorValue = string | number | boolean;

type ValueOf<K extends CursorKey> = K extends 'int' | 'offset' | 'number'
  ? number
  : K extends 'boolean'
    ? boolean
    : string;

/** The decoded values of a cursor of these key types, one per key. */
export type CursorValues<K extends readonly CursorKey[]> = { [I in keyof K]: ValueOf<K[I]> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_OFFSET = 10_000_000;

function valid(key: CursorKey, value: unknown): boolean {
  if (typeof key === 'object') return value === key.equals;
  switch (key) {
    case 'timestamptz':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'text':
      return typeof value === 'string';
    case 'int':
      return Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'offset':
      return (
        Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_OFFSET
      );
  }
}

/** The cursor of a row with these sort keys (dates as ISO strings). */
export function cursorFor(values: readonly (CursorValue | Date)[]): string {
  const keys = values.map((v) => (v instanceof Date ? v.toISOString() : v));
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

/** The keys of a cursor of a list with these key types; BAD_USER_INPUT for anything else. */
export function readCursor<const K extends readonly CursorKey[]>(
  cursor: string,
  keys: K,
): CursorValues<K> {
  const values = parse(cursor);
  if (!values || values.length !== keys.length || !keys.every((k, i) => valid(k, values[i])))
    throw invalidCursor();
  return values as CursorValues<K>;
}

function parse(cursor: string): unknown[] | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? (parsed as unknown[]) : null;
  } catch {
    return null;
  }
}

export const invalidCursor = () =>
  badInput('The `after` cursor is not valid for this list; use the endCursor of a previous page.');
