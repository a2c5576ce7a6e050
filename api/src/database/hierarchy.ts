/**
 * Walking a table that nests through a parent column (tags today; themes and comment threads
 * later) with recursive SQL that ends on any data, cyclic included.
 *
 * Why these end: every row the recursive part produces holds ids only, and `UNION` (not
 * `UNION ALL`) drops rows already produced, so each step can only add ids not seen before and
 * the walk stops after at most as many steps as the table has rows — a cycle (A under B, B under
 * A, written by a race or by hand) is walked around once. A column that grows with each step
 * (a depth, a path) would make every row new and the walk endless on a cycle; do not add one
 * without PostgreSQL's `CYCLE` clause. `hierarchy.int-spec.ts` runs each walk on a cycle.
 */
export interface Hierarchy {
  /** Table name, trusted SQL (never user input). */
  table: string;
  /** Key and parent columns; `id` and `parent_id` when not given. */
  id?: string;
  parent?: string;
}

const columns = (h: Hierarchy) => ({ id: h.id ?? 'id', parent: h.parent ?? 'parent_id' });

/**
 * A parenthesised subquery of the ids of `start` (SQL for a uuid array, e.g. `$1::uuid[]`) and
 * all their descendants: `WHERE tag_id IN ${descendantIdsSql(TAG_HIERARCHY, '$1::uuid[]')}`.
 */
export function descendantIdsSql(h: Hierarchy, start: string): string {
  const { id, parent } = columns(h);
  return `(WITH RECURSIVE walk(id) AS (
      SELECT ${id} FROM ${h.table} WHERE ${id} = ANY(${start})
      UNION SELECT c.${id} FROM ${h.table} c JOIN walk ON c.${parent} = walk.id
    ) SELECT id FROM walk)`;
}

/** A parenthesised subquery of the ids of `start` (a uuid array) and all their ancestors. */
export function ancestorIdsSql(h: Hierarchy, start: string): string {
  const { id, parent } = columns(h);
  return `(WITH RECURSIVE walk(id) AS (
      SELECT ${id} FROM ${h.table} WHERE ${id} = ANY(${start})
      UNION SELECT c.${parent} FROM ${h.table} c JOIN walk ON c.${id} = walk.id WHERE c.${parent} IS NOT NULL
    ) SELECT id FROM walk)`;
}

/**
 * A recursive CTE (for `WITH RECURSIVE`) named `name` with two columns, by default
 * (ancestor_id, descendant_id): every row of `h` matching `where` (SQL on alias `r`) paired with
 * itself and with each of its descendants, so counts grouped by the first roll sub-items up into
 * their parents.
 */
export function closureCte(
  name: string,
  h: Hierarchy,
  where: string,
  [ancestor, descendant] = ['ancestor_id', 'descendant_id'],
): string {
  const { id, parent } = columns(h);
  return `${name}(${ancestor}, ${descendant}) AS (
      SELECT r.${id}, r.${id} FROM ${h.table} r WHERE ${where}
      UNION SELECT ${name}.${ancestor}, c.${id} FROM ${h.table} c JOIN ${name} ON c.${parent} = ${name}.${descendant}
    )`;
}

/** The codebook: tags nest through `parent_id`. */
export const TAG_HIERARCHY: Hierarchy = { table: 'tag' };
