import { type Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { badInput } from '../errors/domain-error';
import { cursorFor, readCursor } from './cursor';

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  totalCount: number;
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Builds `XConnection` / `XEdge` object types for a node type. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => Int)
    totalCount!: number;

    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Keyset position: rows are ordered by (createdAt DESC, id DESC). */
export interface Keyset {
  createdAt: string;
  id: string;
}

const KEYSET = ['timestamptz', 'uuid'] as const;

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return cursorFor([row.createdAt, row.id]);
}

export function decodeCursor(cursor: string): Keyset {
  const [createdAt, id] = readCursor(cursor, KEYSET);
  return { createdAt, id };
}

export function pageSize(first: number | null | undefined): number {
  const n = first ?? 50;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw badInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return n;
}

/** Turns `limit + 1` fetched rows into a connection. */
export function toConnection<R extends { createdAt: Date; id: string }, N>(
  rows: R[],
  limit: number,
  totalCount: number,
  map: (row: R) => N,
): Connection<N> {
  const page = rows.slice(0, limit);
  const edges = page.map((row) => ({ cursor: encodeCursor(row), node: map(row) }));
  return {
    totalCount,
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
