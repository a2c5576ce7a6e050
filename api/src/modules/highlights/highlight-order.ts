import { badInput } from '../../common/errors/domain-error';
import { HighlightOrder } from './highlights.types';
import { type SqlParams } from './highlight-filter';

/**
 * Keyset orders of highlight lists. Each is a list of sort keys over `h` (highlight), `t`
 * (transcript) and `p` (attributed participant), all in one direction, ending with the highlight
 * id so that every position is unique. A cursor holds the last row's keys.
 *
 * No key reads the segment table: the start turn's index is denormalised on the highlight, so a
 * tag view sorts a few thousand highlights without touching 600k turns.
 */
interface OrderKey {
  expr: string;
  cast: 'timestamptz' | 'uuid' | 'text' | 'int' | 'boolean';
}

const IN_TRANSCRIPT: OrderKey[] = [
  { expr: 'lower(t.title)', cast: 'text' },
  { expr: 't.id', cast: 'uuid' },
  { expr: 'h.start_index', cast: 'int' },
  { expr: 'h.start_offset', cast: 'int' },
  { expr: 'h.id', cast: 'uuid' },
];

const ORDERS: Record<HighlightOrder, { keys: OrderKey[]; descending: boolean }> = {
  [HighlightOrder.RECENT]: {
    keys: [
      { expr: 'h.created_at', cast: 'timestamptz' },
      { expr: 'h.id', cast: 'uuid' },
    ],
    descending: true,
  },
  [HighlightOrder.TRANSCRIPT]: { keys: IN_TRANSCRIPT, descending: false },
  [HighlightOrder.PARTICIPANT]: {
    keys: [
      { expr: '(p.id IS NULL)', cast: 'boolean' },
      { expr: `lower(coalesce(p.display_name, ''))`, cast: 'text' },
      { expr: `coalesce(p.id, '00000000-0000-0000-0000-000000000000'::uuid)`, cast: 'uuid' },
      ...IN_TRANSCRIPT,
    ],
    descending: false,
  },
};

type KeyValue = string | number | boolean;

/** The sort keys as columns `k0..kn`, the ORDER BY on them, and the same on a subquery's `alias.kN`. */
export function orderSql(
  order: HighlightOrder,
  alias: string,
): { select: string; orderBy: string; outerOrderBy: string } {
  const { keys, descending } = ORDERS[order];
  const dir = descending ? 'DESC' : 'ASC';
  return {
    select: keys.map((k, i) => `${k.expr} AS k${i}`).join(', '),
    orderBy: keys.map((k) => `${k.expr} ${dir}`).join(', '),
    outerOrderBy: keys.map((_, i) => `${alias}.k${i} ${dir}`).join(', '),
  };
}

/** The condition for rows after the cursor's position. */
export function afterCursorSql(order: HighlightOrder, cursor: string, params: SqlParams): string {
  const { keys, descending } = ORDERS[order];
  const values = decode(order, cursor, keys);
  const left = keys.map((k) => k.expr).join(', ');
  const right = keys.map((k, i) => `${params.add(values[i])}::${k.cast}`).join(', ');
  return `(${left}) ${descending ? '<' : '>'} (${right})`;
}

export function encodeHighlightCursor(order: HighlightOrder, row: object): string {
  const { keys } = ORDERS[order];
  const values = keys.map((_, i) => {
    const v = (row as Record<string, unknown>)[`k${i}`];
    return v instanceof Date ? v.toISOString() : v;
  });
  return Buffer.from(JSON.stringify([order, ...values])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const VALID: Record<OrderKey['cast'], (v: unknown) => boolean> = {
  timestamptz: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  text: (v) => typeof v === 'string',
  int: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
};

function decode(order: HighlightOrder, cursor: string, keys: OrderKey[]): KeyValue[] {
  const values = parseCursor(order, cursor, keys);
  if (!values)
    throw badInput(
      'The `after` cursor is not valid for this order; use a cursor from a previous page.',
    );
  return values;
}

function parseCursor(order: HighlightOrder, cursor: string, keys: OrderKey[]): KeyValue[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed[0] !== order || parsed.length !== keys.length + 1)
    return null;
  const values: unknown[] = parsed.slice(1);
  if (!keys.every((k, i) => VALID[k.cast](values[i]))) return null;
  return values as KeyValue[];
}
