import type { Signal } from '@angular/core';
import type { Apollo } from 'apollo-angular';
import type { BoardState, Theme } from './board-state';

/** Something the board tells the user: a move that lost to a colleague's, a failed save. */
export interface Notice {
  id: number;
  kind: 'conflict' | 'error' | 'info';
  text: string;
  /** A conflict over a card: whose move won is looked up when shown (its event may come later). */
  cardId?: string;
  /** Where the user wanted the card, to try again on the card as it is now. */
  retry?: { column: string; afterCardId: string | null };
}

/** What the parts of the board store (moves, edits) share: the board and how to change it. */
export interface BoardContext {
  readonly apollo: Apollo;
  readonly state: Signal<BoardState | null>;
  boardId(): string;
  /** Changes the board as shown (nothing while it is not read yet). */
  patch(change: (state: BoardState) => BoardState): void;
  /** Counts a request as "Saving…" until it is answered. */
  track<T>(request: Promise<T>): Promise<T>;
  notify(notice: Omit<Notice, 'id'>): void;
  /** Reads the board again in a moment, after a change the client cannot place. */
  reloadSoon(): void;
}

/** A card as a CONFLICT error's details carry it. */
export interface CardPatch {
  id: string;
  themeId: string | null;
  position: string;
  version: number;
  text: string | null;
}

function isVersioned(value: unknown): boolean {
  const v = value as { id?: unknown; position?: unknown; version?: unknown } | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.position === 'string' &&
    typeof v.version === 'number'
  );
}

export function isCardPatch(value: unknown): value is CardPatch {
  return isVersioned(value);
}

export function isThemePatch(value: unknown): value is Theme {
  return isVersioned(value);
}
