import { DestroyRef, Injectable, Injector, afterNextRender, inject, signal } from '@angular/core';
import type { ReaderHighlight, Suggestion } from './reader-types';
import type { PickableTag } from '../../shared/tag-picker/tag-picker-filter';
import { HighlightStore } from './highlight-store';
import { SuggestionStore } from './suggestion-store';
import { PENDING, ReaderState } from './reader-state';
import {
  type TurnPoint,
  domPoint,
  nextWordBoundary,
  offsetIn as offsetOf,
  normalizeSelection,
  rangeToPoints,
  toAnchor,
} from './selection-anchor';
import { hasRail, pickerPlacement, scrollToClear } from './reader-layout';

/**
 * Turns what the reader selects in the transcript into anchored words, and carries them on: to
 * the tag picker (a new highlight), onto a highlight being moved, or onto a suggestion accepted
 * on other words. Also grows a selection by words from the keyboard.
 */
@Injectable()
export class ReaderSelection {
  private readonly state = inject(ReaderState);
  private readonly store = inject(HighlightStore);
  private readonly suggestions = inject(SuggestionStore);
  private readonly injector = inject(Injector);

  /** Words are selected in the transcript (a touch selection has no mouse-up to tag it on). */
  readonly hasSelection = signal(false);

  constructor() {
    const onSelection = () => this.hasSelection.set(this.selectionInTurns());
    document.addEventListener('selectionchange', onSelection);
    inject(DestroyRef).onDestroy(() =>
      document.removeEventListener('selectionchange', onSelection),
    );
  }

  /** Opens the tag picker for the current text selection, when it lies in the transcript. */
  highlightSelection(): boolean {
    const selected = this.selectedRange();
    if (!selected) return false;
    const moving = this.state.moving();
    if (moving) {
      void this.moveToSelection(moving);
      return true;
    }
    const adjusting = this.suggestions.adjusting();
    if (adjusting) {
      void this.acceptOnWords(adjusting, selected.from, selected.to);
      return true;
    }
    const rects = selected.range.getClientRects();
    const rect = rects[rects.length - 1] ?? selected.range.getBoundingClientRect();
    return this.openPicker(selected.from, selected.to, rect);
  }

  /** Opens the tag picker for the whole current turn. */
  highlightCurrentTurn(): boolean {
    const index = this.state.currentIndex();
    const position = index === null ? undefined : this.state.positionByIndex().get(index);
    const turn = position === undefined ? undefined : this.state.turns()[position];
    if (position === undefined || !turn) return false;
    const text = this.state
      .listElement()
      ?.querySelector(`article[data-index="${turn.index}"] [data-turn-text]`);
    const rect = text?.getBoundingClientRect() ?? new DOMRect(0, 0, 0, 0);
    return this.openPicker(
      { turn: position, offset: 0 },
      { turn: position, offset: turn.text.length },
      rect,
    );
  }

  /** Tags the selection from the button a touch screen shows (no mouse button goes up there). */
  tagSelection(): void {
    if (this.state.canEdit() && !this.state.editingId()) this.highlightSelection();
  }

  /**
   * Moves a highlight (one that needs attention, say) onto the words selected in the transcript;
   * with nothing selected, onto the next words the reader selects.
   */
  async moveToSelection(highlight: ReaderHighlight): Promise<void> {
    const selected = this.selectedRange();
    const anchor = selected && this.anchorBetween(selected.from, selected.to);
    if (!anchor) {
      this.state.moving.set(highlight);
      return;
    }
    this.state.moving.set(null);
    try {
      await this.store.move(highlight, anchor.start, anchor.end);
      document.getSelection()?.removeAllRanges();
      this.state.notice.set(null);
      this.state.flash(highlight.id);
    } catch (err) {
      this.state.fail(err);
    }
  }

  /** "Adjust words": accept on the words selected now, or on the next words selected. */
  adjustSuggestion(suggestion: Suggestion): void {
    const selected = this.selectedRange();
    if (selected) void this.acceptOnWords(suggestion, selected.from, selected.to);
    else this.suggestions.adjusting.set(suggestion);
  }

  onSuggestionAccepted(highlightId: string | null): void {
    if (highlightId) this.state.flash(highlightId);
    this.state.focusList();
  }

  async applyTag(tag: PickableTag): Promise<void> {
    await this.createFromPicker(() => Promise.resolve(tag.id));
  }

  async createTagAndApply(name: string): Promise<void> {
    await this.createFromPicker(async () => (await this.store.createTag(name)).id);
  }

  closePicker(): void {
    if (!this.state.picker()) return;
    this.state.picker.set(null);
    this.state.focusList();
  }

  /** Shift+arrow grows or shrinks a selection inside the current turn by a word. */
  extendSelection(forward: boolean): boolean {
    const index = this.state.currentIndex();
    const text = this.state
      .listElement()
      ?.querySelector(`article[data-index="${index}"] [data-turn-text]`);
    const selection = document.getSelection();
    if (!text || !selection) return false;
    const content = text.textContent ?? '';
    const inside = selection.rangeCount > 0 && text.contains(selection.anchorNode);
    const anchor = inside ? offsetOf(text, selection.anchorNode!, selection.anchorOffset) : 0;
    const focus = inside ? offsetOf(text, selection.focusNode!, selection.focusOffset) : 0;
    const next = nextWordBoundary(content, focus, forward);
    const a = domPoint(text, anchor);
    const b = domPoint(text, next);
    selection.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
    return true;
  }

  /**
   * Once rendered, scrolls the transcript so that the words of `layoutId` (a highlight, a
   * suggestion or the pending selection) are not under what `coverSelector` shows at the bottom
   * of a narrow screen; a wide one has a rail for it, beside the words.
   */
  keepClear(layoutId: string, coverSelector: string): void {
    afterNextRender(
      () => {
        const list = this.state.listElement();
        const cover = document.querySelector(coverSelector);
        if (!list || !cover || hasRail(window)) return;
        const words = [...list.querySelectorAll(`[data-h~="${layoutId}"]`)].flatMap((el) => [
          ...el.getClientRects(),
        ]);
        const by = scrollToClear(
          words,
          list.getBoundingClientRect().top,
          cover.getBoundingClientRect().top,
        );
        if (by) list.scrollBy({ top: by });
      },
      { injector: this.injector },
    );
  }

  /** The page's text selection as turn points, when it lies in the transcript. */
  private selectedRange(): { range: Range; from: TurnPoint; to: TurnPoint } | null {
    const list = this.state.listElement();
    const selection = document.getSelection();
    if (!list || !selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    if (!list.contains(range.commonAncestorContainer)) return null;
    const points = rangeToPoints(range, list, (index) => this.state.positionByIndex().get(index));
    return points ? { range, from: points.start, to: points.end } : null;
  }

  /** The anchor for two turn points, tidied to whole words as the picker does; null if empty. */
  private anchorBetween(from: TurnPoint, to: TurnPoint) {
    const turns = this.state.turns();
    const tidy = normalizeSelection(
      turns.map((t) => t.text),
      from,
      to,
    );
    return (tidy && toAnchor(turns, tidy.start, tidy.end)) || null;
  }

  private openPicker(from: TurnPoint, to: TurnPoint, rect: DOMRect): boolean {
    const anchor = this.anchorBetween(from, to);
    if (!anchor) return false;
    this.state.chooser.set(null);
    this.state.notice.set(null);
    this.state.picker.set({ anchor, ...pickerPlacement(window, rect) });
    this.keepClear(PENDING, 'vb-tag-picker');
    return true;
  }

  private async createFromPicker(tagId: () => Promise<string>): Promise<void> {
    const picked = this.state.picker();
    if (!picked || this.state.busy()) return;
    this.state.busy.set(true);
    try {
      const id = await tagId();
      const created = await this.store.create(picked.anchor.start, picked.anchor.end, [id]);
      document.getSelection()?.removeAllRanges();
      this.closePicker();
      this.state.flash(created.id);
    } catch (err) {
      this.state.fail(err);
    } finally {
      this.state.busy.set(false);
    }
  }

  private async acceptOnWords(
    suggestion: Suggestion,
    from: TurnPoint,
    to: TurnPoint,
  ): Promise<void> {
    const anchor = this.anchorBetween(from, to);
    if (!anchor) return;
    this.suggestions.adjusting.set(null);
    try {
      const id = await this.suggestions.accept(suggestion, {
        start: anchor.start,
        end: anchor.end,
      });
      document.getSelection()?.removeAllRanges();
      this.onSuggestionAccepted(id);
    } catch (err) {
      this.state.fail(err);
    }
  }

  private selectionInTurns(): boolean {
    const list = this.state.listElement();
    const selection = document.getSelection();
    if (!list || !selection || selection.isCollapsed || !selection.rangeCount) return false;
    return list.contains(selection.getRangeAt(0).commonAncestorContainer);
  }
}
