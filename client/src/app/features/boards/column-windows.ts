import { signal } from '@angular/core';
import type { ColumnView } from './board-column';
import {
  type BoardState,
  type Card,
  type Theme,
  UNSORTED,
  cardsOf,
  columnKeys,
} from './board-state';
import { type AttributesOf, type CardFilter, filterKey, isFiltering, matches } from './card-filter';

/** Cards shown per column at first, and how many more each "Show more" adds. */
export const WINDOW = 50;
export const MORE = 200;

interface Cached {
  cards: readonly Card[];
  filter: string;
  limit: number;
  theme: Theme | null;
  attributes: AttributesOf;
  view: ColumnView;
}

/**
 * Each column as shown: the window of its cards that the filter lets through. A column whose
 * cards, theme, filter and window did not change keeps its view object, so a change in one
 * column draws that column again and no other.
 */
export class ColumnWindows {
  private readonly cache = new Map<string, Cached>();
  /** How many cards each column shows ("Show more" adds to it). */
  readonly limits = signal<ReadonlyMap<string, number>>(new Map());

  views(s: BoardState, filter: CardFilter, attributes: AttributesOf): ColumnView[] {
    const key = filterKey(filter);
    const active = isFiltering(filter);
    const limits = this.limits();
    const themes = new Map(s.themes.map((t) => [t.id, t]));
    return columnKeys(s).map((column) => {
      const cards = cardsOf(s, column);
      const theme = column === UNSORTED ? null : (themes.get(column) ?? null);
      const limit = limits.get(column) ?? WINDOW;
      const hit = this.cache.get(column);
      if (
        hit &&
        hit.cards === cards &&
        hit.filter === key &&
        hit.limit === limit &&
        hit.theme === theme &&
        hit.attributes === attributes
      )
        return hit.view;
      const matching = active ? cards.filter((c) => matches(c, filter, attributes)) : cards;
      const visible = matching.slice(0, limit);
      const view: ColumnView = {
        key: column,
        title: theme?.title ?? 'Unsorted',
        theme,
        cards: visible,
        ids: visible.map((c) => c.id),
        total: cards.length,
        matched: matching.length,
      };
      this.cache.set(column, { cards, filter: key, limit, theme, attributes, view });
      return view;
    });
  }

  showMore(column: string, by = MORE): void {
    this.limits.update((all) => new Map(all).set(column, (all.get(column) ?? WINDOW) + by));
  }

  clear(): void {
    this.cache.clear();
  }
}
