import { type DataSource, type EntityManager } from 'typeorm';

/** What runs SQL: the DataSource (a pooled connection) or a transaction's EntityManager. */
export type Db = DataSource | EntityManager;

/**
 * The rows of a raw SQL statement, typed as `T`: the one place where the driver's untyped answer
 * gets a type, so `T` must say what the SELECT list gives (snake_case unless aliased, `count(*)`
 * cast to int, timestamptz as Date, arrays as arrays).
 *
 * TypeORM answers an UPDATE or DELETE with `[rows, rowCount]`; this gives its RETURNING rows
 * like any other statement's.
 */
export async function queryRows<T extends object>(
  db: Db,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const result: unknown = await db.query(sql, [...params]);
  if (isUpdateResult(result)) return result[0] as T[];
  return result as T[];
}

/** The first row of a statement, or undefined when it has none. */
export async function queryFirstRow<T extends object>(
  db: Db,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T | undefined> {
  const [row] = await queryRows<T>(db, sql, params);
  return row;
}

/** The one row of a statement that always answers one (an aggregate such as `count(*)`). */
export async function queryOneRow<T extends object>(
  db: Db,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T> {
  const row = await queryFirstRow<T>(db, sql, params);
  if (!row) throw new Error('expected one row, the statement answered none');
  return row;
}

/** Runs a statement for its effect (locks, settings, writes whose rows nobody reads). */
export async function executeSql(
  db: Db,
  sql: string,
  params: readonly unknown[] = [],
): Promise<void> {
  await db.query(sql, [...params]);
}

function isUpdateResult(result: unknown): result is [unknown[], number] {
  return (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  );
}

/**
 * Positional parameters of raw SQL, for statements built from optional parts: `params.add(value)`
 * returns its `$n`, so a condition and its value are written together.
 *
 * ```ts
 * const params = new SqlParams();
 * const where = [`h.project_id = ${params.add(projectId)}::uuid`];
 * if (tagIds.length) where.push(`ht.tag_id = ANY(${params.add(tagIds)}::uuid[])`);
 * await queryRows<Row>(db, `SELECT … WHERE ${where.join(' AND ')}`, params.values);
 * ```
 */
export class SqlParams {
  constructor(readonly values: unknown[] = []) {}

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A copy to extend (e.g. a page's cursor) without changing the statement it came from. */
  clone(): SqlParams {
    return new SqlParams([...this.values]);
  }
}
