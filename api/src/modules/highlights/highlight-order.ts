import { type CursorValue, cursorFor, readCursor } from '../../common/pagination/cursor';
import { HighlightOrder } from './highlights.types';
import { type SqlParams } from '../../database/sql';

/**
 * Keyset orders of highlight lists. Each is a list of sort keys over `h` (highlight), `t`
 * (transcript) and `p` (attributed participant), all in one direction, ending with the highlight
 * id so that every position is unique. A cursor (common/pagination/cursor.ts) holds the order
 * and the last row's keys.
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
  const keys = ORDERS[order].keys.map(
    (_, i) => (row as Record<string, CursorValue | Date>)[`k${i}`]!,
  );
  return cursorFor([order, ...keys]);
}

/** The sort keys of a cursor of this order (a cursor of another order is refused). */
function decode(order: HighlightOrder, cursor: string, keys: OrderKey[]): CursorValue[] {
  const [, ...values] = readCursor(cursor, [{ equals: order }, ...keys.map((k) => k.cast)]);
  return values;
}
