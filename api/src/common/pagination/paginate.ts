import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { type Connection, decodeCursor, type PageArgs, pageSize, toConnection } from './connection';

/**
 * Keyset pagination over (created_at DESC, id DESC), shared by every list. `qb` holds the
 * filters; the total is counted on the same filters.
 */
export async function paginate<E extends ObjectLiteral & { createdAt: Date; id: string }, N>(
  qb: SelectQueryBuilder<E>,
  args: PageArgs,
  map: (row: E) => N,
): Promise<Connection<N>> {
  const limit = pageSize(args.first);
  const alias = qb.alias;
  const totalCount = await qb.clone().getCount();
  if (args.after) {
    const key = decodeCursor(args.after);
    qb.andWhere(`(${alias}.createdAt, ${alias}.id) < (:cursorAt, :cursorId)`, {
      cursorAt: key.createdAt,
      cursorId: key.id,
    });
  }
  const rows = await qb
    .orderBy(`${alias}.createdAt`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(limit + 1)
    .getMany();
  return toConnection(rows, limit, totalCount, map);
}
