import type { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { Role } from '@verbatim/contracts';
import type { ReaderHighlight, TurnEditReport } from './reader-types';
import { toAppError } from '../../core/errors/app-error';
import { plural } from '../../shared/format';
import type { TurnAnchor } from './selection-anchor';
import type { PickerPlacement, ScreenOrigin } from './reader-layout';
import { HighlightStore } from './highlight-store';
import { SuggestionStore } from './suggestion-store';
import type { Turn } from './turns';

/** The layout id of the words the tag picker is open for, drawn like a highlight. */
export const PENDING = 'pending';

/**
 * What the pieces of one reader share: the turns on show, which turn is current, which highlight
 * is open or flashing, the tag picker and chooser, messages for the toasts, and the scrolling list
 * (set by the turn list). Provided by the reader page, one per transcript open.
 */
@Injectable()
export class ReaderState {
  private readonly store = inject(HighlightStore);
  private readonly suggestions = inject(SuggestionStore);
  private timers: ReturnType<typeof setTimeout>[] = [];

  readonly turns = signal<readonly Turn[]>([]);
  readonly positionByIndex = computed(
    () => new Map(this.turns().map((t, position) => [t.index, position])),
  );
  readonly canEdit = signal(false);
  /** The member's role and the workspace, for the comments of the highlight open. */
  readonly role = signal<Role | null>(null);
  readonly workspaceId = signal<string | null>(null);
  readonly viewport = signal<CdkVirtualScrollViewport | null>(null);

  /** The turn keyboard commands act on (h, e, j/k), by turn index. */
  readonly currentIndex = signal<number | null>(null);
  readonly picker = signal<({ anchor: TurnAnchor } & PickerPlacement) | null>(null);
  readonly chooser = signal<{ ids: string[]; origin: ScreenOrigin } | null>(null);
  readonly activeId = signal<string | null>(null);
  readonly flashId = signal<string | null>(null);
  readonly editingId = signal<string | null>(null);
  readonly busy = signal(false);
  readonly notice = signal<string | null>(null);
  /** A highlight waiting for the reader to select the words it should move onto. */
  readonly moving = signal<ReaderHighlight | null>(null);
  /** What the last correction, split or merge did to highlights ("Turn split"), for the toast. */
  readonly correction = signal<(TurnEditReport & { done: string }) | null>(null);
  readonly correctionMessage = computed(() => {
    const c = this.correction();
    if (!c) return null;
    const flagged = c.flagged.length
      ? `; ${plural(c.flagged.length, 'highlight')} need${c.flagged.length === 1 ? 's' : ''} attention: ` +
        c.flagged
          .map((h) => `“${h.quote.length > 40 ? `${h.quote.slice(0, 39)}…` : h.quote}”`)
          .join(', ')
      : '';
    return `${c.done}: ${plural(c.reanchoredCount, 'highlight')} re-anchored${flagged}.`;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.timers.forEach(clearTimeout));
  }

  /** The scrolling element of the turns, once shown. */
  listElement(): HTMLElement | null {
    return this.viewport()?.elementRef.nativeElement ?? null;
  }

  /** Gives the keyboard back to the turns, without scrolling them. */
  focusList(): void {
    this.listElement()?.focus({ preventScroll: true });
  }

  turnAt(index: number): Turn | undefined {
    const position = this.positionByIndex().get(index);
    return position === undefined ? undefined : this.turns()[position];
  }

  indexOfSegment(segmentId: string): number | undefined {
    return this.turns().find((t) => t.id === segmentId)?.index;
  }

  focusHighlight(id: string, flash = true): void {
    this.chooser.set(null);
    this.suggestions.close();
    this.activeId.set(id);
    if (flash) this.flash(id);
  }

  closePanel(): void {
    this.activeId.set(null);
    this.chooser.set(null);
    this.focusList();
  }

  flash(id: string): void {
    this.flashId.set(id);
    this.later(() => this.flashId() === id && this.flashId.set(null), 1600);
  }

  /** Shows what went wrong in a toast. */
  fail(err: unknown): void {
    this.notice.set(toAppError(err).message);
  }

  /** After a highlight was deleted: close its panel, offer undo for a while. */
  onDeleted(): void {
    this.closePanel();
    const deleted = this.store.lastDeleted();
    this.later(
      () => this.store.lastDeleted() === deleted && this.store.lastDeleted.set(null),
      10_000,
    );
  }

  later(fn: () => unknown, ms: number): void {
    this.timers.push(setTimeout(fn, ms));
  }
}
