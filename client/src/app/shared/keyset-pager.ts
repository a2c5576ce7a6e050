import { signal } from '@angular/core';
import { toAppError } from '../core/errors/app-error';

/** One page of a keyset-paged list, as the server gives it. */
export interface KeysetPage<T> {
  readonly nodes: readonly T[];
  readonly endCursor: string | null | undefined;
  readonly hasNextPage: boolean;
}

/** What one load brought: the items, and where they start in the list (-1 on a first page). */
export interface KeysetLoad<T> {
  readonly nodes: readonly T[];
  readonly appendedAt: number;
}

/**
 * A list read a page at a time behind a cursor ("Load more"): the first page again, or the next
 * one appended (without the items already shown). A failed load says why in `error` and keeps
 * what was loaded. Only the latest load counts: an answer that comes after a later load began
 * (a "Load more" of the list as it was before the filter changed, say) is dropped.
 */
export class KeysetPager<T extends { readonly id: string }> {
  readonly items = signal<readonly T[]>([]);
  /** Whether a page has come yet: until then an empty list is not "nothing here". */
  readonly loaded = signal(false);
  readonly loading = signal(false);
  readonly hasMore = signal(false);
  readonly error = signal<string | null>(null);
  private endCursor: string | null = null;
  /** Counts the loads begun, so that an answer can tell whether a later one superseded it. */
  private generation = 0;

  /** `fetchPage` reads the page after the cursor (null: the first); null when nothing came. */
  constructor(
    private readonly fetchPage: (after: string | null) => Promise<KeysetPage<T> | null>,
  ) {}

  /** Reads the first page again, or (`more`) the next; null when nothing came or it was dropped. */
  async load(more: boolean): Promise<KeysetLoad<T> | null> {
    const generation = ++this.generation;
    const latest = () => generation === this.generation;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.fetchPage(more ? this.endCursor : null);
      if (!page || !latest()) return null;
      const appendedAt = more ? this.items().length : -1;
      this.items.update((list) => {
        if (!more) return page.nodes;
        const known = new Set(list.map((n) => n.id));
        return [...list, ...page.nodes.filter((n) => !known.has(n.id))];
      });
      this.endCursor = page.endCursor ?? null;
      this.hasMore.set(page.hasNextPage);
      this.loaded.set(true);
      return { nodes: page.nodes, appendedAt };
    } catch (e) {
      if (latest()) this.error.set(toAppError(e).message);
      return null;
    } finally {
      if (latest()) this.loading.set(false);
    }
  }
}

/** A connection's page: its nodes and where the next page starts. */
export function keysetPage<T>(connection: {
  readonly edges: readonly { readonly node: T }[];
  readonly pageInfo: { readonly endCursor?: string | null; readonly hasNextPage: boolean };
}): KeysetPage<T> {
  return {
    nodes: connection.edges.map((e) => e.node),
    endCursor: connection.pageInfo.endCursor,
    hasNextPage: connection.pageInfo.hasNextPage,
  };
}
