import { ScrollingModule } from '@angular/cdk/scrolling';
import type { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  untracked,
  viewChild,
} from '@angular/core';
import type {
  SegmentCorrection,
  SegmentMerge,
  SegmentSplit,
  TranscriptDetail,
} from './reader-types';
import { MeasuredSize } from '../../shared/measured-scroll/measured-size';
import { HighlightStore } from './highlight-store';
import { SuggestionStore } from './suggestion-store';
import {
  type LaidHighlight,
  NO_TAG_COLOR,
  type TurnLayout,
  layoutTurns,
  plainLayout,
} from './highlight-layout';
import { matchRanges, queryStems } from './query-marks';
import { PENDING, ReaderState } from './reader-state';
import { ReaderSelection } from './reader-selection';
import { scrollKeyTarget } from './scroll-keys';
import { scrollToEnd, scrollToTurn } from './scroll-to-turn';
import { TurnEditor } from './turn-editor';
import { TurnComments } from './turn-comments';
import { TurnText } from './turn-text';
import type { Turn } from './turns';

/**
 * The transcript's speaker turns in a virtual list that stays smooth for hours of talk: their
 * words with highlights, suggestions and search matches drawn in, the keyboard (scrolling, j/k,
 * h, e), deep links to a turn or highlight, and the editor of a turn in place.
 */
@Component({
  selector: 'vb-turn-list',
  imports: [ScrollingModule, MeasuredSize, TurnText, TurnEditor, TurnComments],
  templateUrl: './turn-list.html',
  styleUrl: './turn-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TurnList {
  protected readonly state = inject(ReaderState);
  protected readonly store = inject(HighlightStore);
  protected readonly suggestions = inject(SuggestionStore);
  private readonly selection = inject(ReaderSelection);
  private readonly plainLayouts = new WeakMap<Turn, TurnLayout>();
  /** Counts scrolls the list makes by itself; one that sees the count move on stops. */
  private follow = 0;
  private deepLinked = '';

  readonly transcript = input.required<TranscriptDetail>();
  readonly loadingMore = input(false);
  /** Deep link: the turn index to open at, a search query to mark there, a highlight to open. */
  readonly turn = input<string | undefined>();
  readonly q = input<string | undefined>();
  readonly highlight = input<string | undefined>();
  /** Deep link to a turn by its id (a comment on a turn): its index may have changed since. */
  readonly segment = input<string | undefined>();
  readonly corrected = output<SegmentCorrection>();
  readonly split = output<SegmentSplit>();
  readonly merged = output<SegmentMerge>();

  private readonly viewport = viewChild<CdkVirtualScrollViewport>('viewport');
  protected readonly trackTurn = (_: number, turn: Turn): string => turn.id;

  private readonly laid = computed<LaidHighlight[]>(() => {
    const laid: LaidHighlight[] = this.store.highlights().map((h) => ({
      id: h.id,
      start: h.start,
      end: h.end,
      color: h.tags[0]?.color ?? NO_TAG_COLOR,
      needsAttention: h.needsAttention,
    }));
    laid.push(...this.suggestions.laid());
    const pending = this.state.picker()?.anchor;
    if (pending)
      laid.push({
        id: PENDING,
        start: pending.start,
        end: pending.end,
        color: '#2f5d8a',
        needsAttention: false,
      });
    return laid;
  });
  private readonly stems = computed(() => queryStems(this.q()));
  /** Per-turn runs, computed once per change of turns, highlights or query. */
  private readonly layouts = computed(() => {
    const stems = this.stems();
    const only = this.turn() !== undefined ? Number(this.turn()) : null;
    return layoutTurns(this.state.turns(), this.laid(), (turn) =>
      only === null || turn.index === only ? matchRanges(turn.text, stems) : [],
    );
  });
  protected readonly layoutOf = (turn: Turn): TurnLayout => {
    const laid = this.layouts().get(turn.id);
    if (laid) return laid;
    let plain = this.plainLayouts.get(turn);
    if (!plain) this.plainLayouts.set(turn, (plain = plainLayout(turn.text)));
    return plain;
  };

  constructor() {
    effect(() => {
      const viewport = this.viewport() ?? null;
      untracked(() => this.state.viewport.set(viewport));
    });
    effect(() => this.followDeepLink());
  }

  /** The id of the turn after `turn`, when loaded (the editor's merge checks it is still next). */
  protected nextTurnId(turn: Turn): string | null {
    return this.state.turnAt(turn.index + 1)?.id ?? null;
  }

  protected onKey(event: KeyboardEvent): void {
    const viewport = this.viewport();
    if (!viewport || event.altKey || event.ctrlKey || event.metaKey) return;
    if (this.onCommandKey(event)) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && event.key !== 'End' && event.key !== 'Home' && event.key !== ' ') return;
    const el = viewport.elementRef.nativeElement;
    const target = scrollKeyTarget(event.key, el.scrollTop, el.clientHeight, el.scrollHeight);
    if (target === null) return;
    event.preventDefault();
    const run = ++this.follow;
    if (event.key === 'End')
      scrollToEnd(
        viewport,
        () => run === this.follow,
        () => (this.follow += 1),
      );
    else viewport.scrollToOffset(target);
  }

  /** h: highlight the selection or current turn; e: correct it; j/k: next/previous turn. */
  private onCommandKey(event: KeyboardEvent): boolean {
    const state = this.state;
    const current = state.currentIndex();
    switch (event.key) {
      case 'h':
        return (
          state.canEdit() &&
          (this.selection.highlightSelection() || this.selection.highlightCurrentTurn())
        );
      case 'e': {
        const turn = current === null ? undefined : state.turnAt(current);
        if (!state.canEdit() || !turn) return false;
        state.editingId.set(turn.id);
        return true;
      }
      case 'j':
      case 'k': {
        const turns = state.turns();
        const position = current === null ? -1 : (state.positionByIndex().get(current) ?? -1);
        const next =
          turns[Math.max(0, Math.min(turns.length - 1, position + (event.key === 'j' ? 1 : -1)))];
        if (!next) return false;
        this.setCurrent(next.index);
        return true;
      }
      case 'ArrowLeft':
      case 'ArrowRight':
        return event.shiftKey && this.selection.extendSelection(event.key === 'ArrowRight');
      case 'Escape':
        if (this.suggestions.escape()) return true;
        if (state.moving()) {
          state.moving.set(null);
          return true;
        }
        if (!state.activeId() && !state.chooser()) return false;
        state.closePanel();
        return true;
      default:
        return false;
    }
  }

  /** Opens the list at ?turn= or ?segment= (once its window is loaded) and focuses ?highlight=. */
  private followDeepLink(): void {
    const turnParam = this.turn();
    const segmentId = this.segment();
    const highlightId = this.highlight();
    const turns = this.state.turns();
    const highlight = highlightId ? this.store.byId().get(highlightId) : undefined;
    const viewport = this.viewport();
    if (!viewport || !turns.length) return;
    let index = turnParam !== undefined && turnParam !== '' ? Number(turnParam) : NaN;
    if (Number.isNaN(index) && segmentId) index = this.state.indexOfSegment(segmentId) ?? NaN;
    if (Number.isNaN(index) && highlight)
      index = this.state.indexOfSegment(highlight.start.segmentId) ?? NaN;
    const key = `${this.transcript().id}|${index}|${highlight?.id ?? ''}`;
    if (Number.isNaN(index) || key === this.deepLinked) return;
    const position = this.state.positionByIndex().get(index);
    if (position === undefined) return; // its window has not arrived yet
    this.deepLinked = key;
    untracked(() => {
      this.state.currentIndex.set(index);
      if (highlight) this.state.focusHighlight(highlight.id, false);
      const run = ++this.follow;
      scrollToTurn(viewport, index, position, () => run === this.follow);
    });
  }

  /** Makes the turn current and scrolls it into view. */
  private setCurrent(index: number): void {
    this.state.currentIndex.set(index);
    const viewport = this.viewport();
    const position = this.state.positionByIndex().get(index);
    if (!viewport || position === undefined) return;
    const el = viewport.elementRef.nativeElement.querySelector(`article[data-index="${index}"]`);
    if (el) el.scrollIntoView({ block: 'nearest' });
    else {
      const run = ++this.follow;
      scrollToTurn(viewport, index, position, () => run === this.follow);
    }
  }

  protected onMouseUp(event: MouseEvent): void {
    const article = (event.target as Element).closest?.('article[data-index]');
    if (article) this.state.currentIndex.set(Number(article.getAttribute('data-index')));
    // After the click that ends the drag, or the overlay would take that click as outside it.
    if (this.state.canEdit() && !this.state.editingId())
      this.state.later(() => this.selection.highlightSelection(), 0);
  }

  protected onClick(event: MouseEvent): void {
    if (!document.getSelection()?.isCollapsed) return;
    const run = (event.target as Element).closest?.('[data-h]');
    let ids =
      run
        ?.getAttribute('data-h')
        ?.split(' ')
        .filter((id) => id !== PENDING) ?? [];
    // A suggestion opens first; clicking it again reaches a highlight under it.
    const active = this.suggestions.activeLayoutId();
    if (!(active && ids.includes(active)) && this.suggestions.openFrom(ids)) {
      this.state.activeId.set(null);
      this.state.chooser.set(null);
      return;
    }
    ids = ids.filter((id) => !this.suggestions.isLayoutId(id));
    if (!ids.length) return;
    if (ids.length === 1) return this.state.focusHighlight(ids[0]!, false);
    this.state.chooser.set({
      ids,
      origin: { x: event.clientX, y: event.clientY, width: 0, height: 0 },
    });
  }
}
