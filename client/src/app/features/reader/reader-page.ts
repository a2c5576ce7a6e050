import { OverlayModule } from '@angular/cdk/overlay';
import { ScrollingModule } from '@angular/cdk/scrolling';
import { ScrollingModule as ExperimentalScrollingModule } from '@angular/cdk-experimental/scrolling';
import type { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { capabilitiesFor } from '../../core/access/capabilities';
import type {
  CorrectSegmentMutation,
  MergeSegmentsMutation,
  ReaderHighlightFragment as ReaderHighlight,
  Role,
  SegmentFragment as Segment,
  SplitSegmentMutation,
  SuggestionFragment as Suggestion,
  TranscriptReaderQuery,
} from '@verbatim/contracts';
import { ProjectDocument as PROJECT } from '@verbatim/contracts/projects';
import {
  TranscriptReaderDocument as TRANSCRIPT_READER,
  TranscriptSegmentsDocument as TRANSCRIPT_SEGMENTS,
  TranscriptUpdatedDocument as TRANSCRIPT_UPDATED,
} from '@verbatim/contracts/transcripts';
import { TagPicker } from '../../shared/tag-picker/tag-picker';
import type { PickableTag } from '../../shared/tag-picker/tag-picker-filter';
import { HighlightPanel } from './highlight-panel';
import { HighlightStore } from './highlight-store';
import { SuggestionPanel } from './suggestion-panel';
import { SuggestionStore } from './suggestion-store';
import {
  type LaidHighlight,
  NO_TAG_COLOR,
  type TurnLayout,
  layoutTurns,
  plainLayout,
} from './highlight-layout';
import { matchRanges, queryStems } from './query-marks';
import {
  type TurnAnchor,
  type TurnPoint,
  domPoint,
  nextWordBoundary,
  offsetIn as offsetOf,
  normalizeSelection,
  rangeToPoints,
  toAnchor,
} from './selection-anchor';
import { SpeakerPanel } from './speaker-panel';
import { TurnEditor } from './turn-editor';
import { TranscriptDetails } from './transcript-details';
import { afterMerge, afterSplit } from './turn-edits';
import { TurnText } from './turn-text';
import { Apollo } from 'apollo-angular';
import { Subscription, firstValueFrom } from 'rxjs';
import { type AppError, toAppError } from '../../core/errors/app-error';
import { CurrentWorkspace } from '../../core/workspace/current-workspace';
import { formatDuration, plural } from '../../shared/format';
import { NotFound, isNotFound } from '../../shared/not-found';
import { StatusBadge } from '../../shared/status-badge';
import { TranscriptLanguage } from '../../shared/language/transcript-language';
import { type Turn, speakerCount, toTurns } from './turns';
import { scrollKeyTarget } from './scroll-keys';
import { scrollToTurn } from './scroll-to-turn';
import {
  BESIDE_WORDS,
  type PickerPlacement,
  type ScreenOrigin,
  hasRail,
  pickerPlacement,
  scrollToClear,
} from './reader-layout';

type SegmentCorrection = CorrectSegmentMutation['correctSegment'];
type SegmentMerge = MergeSegmentsMutation['mergeSegments'];
type SegmentSplit = SplitSegmentMutation['splitSegment'];
type TurnEditReport = Pick<CorrectSegmentMutation['correctSegment'], 'reanchoredCount' | 'flagged'>;
type TranscriptDetail = TranscriptReaderQuery['transcript'];

const FIRST_WINDOW = 300;
const NEXT_WINDOW = 2000;
const PENDING = 'pending';

/** Reads one transcript as speaker turns in a virtual list that stays smooth for hours of talk. */
@Component({
  selector: 'vb-reader-page',
  imports: [
    RouterLink,
    OverlayModule,
    ScrollingModule,
    ExperimentalScrollingModule,
    StatusBadge,
    TranscriptLanguage,
    NotFound,
    TurnText,
    TagPicker,
    HighlightPanel,
    SuggestionPanel,
    SpeakerPanel,
    TurnEditor,
    TranscriptDetails,
  ],
  providers: [HighlightStore, SuggestionStore],
  templateUrl: './reader-page.html',
  styleUrl: './reader-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReaderPage {
  private readonly apollo = inject(Apollo);
  private readonly pageTitle = inject(Title);
  private readonly currentWorkspace = inject(CurrentWorkspace);
  private readonly injector = inject(Injector);
  protected readonly store = inject(HighlightStore);
  /** Pending machine suggestions, outlined in the text; see suggestion-store.ts. */
  protected readonly suggestions = inject(SuggestionStore);
  private generation = 0;
  private followEnd = 0;
  private live = new Subscription();
  private deepLinked = '';
  private timers: ReturnType<typeof setTimeout>[] = [];
  private readonly plainLayouts = new WeakMap<Turn, TurnLayout>();

  readonly transcriptId = input.required<string>();
  /** Deep link: the turn index to open at, a search query to mark there, a highlight to open. */
  readonly turn = input<string | undefined>();
  readonly q = input<string | undefined>();
  readonly highlight = input<string | undefined>();
  /** Deep link from the review of a run: the suggestion to open. */
  readonly suggestion = input<string | undefined>();

  private readonly viewport = viewChild<CdkVirtualScrollViewport>('viewport');

  protected readonly transcript = signal<TranscriptDetail | null>(null);
  protected readonly segments = signal<readonly Segment[]>([]);
  protected readonly error = signal<AppError | null>(null);
  protected readonly notFound = computed(() => isNotFound(this.error()));
  protected readonly projectName = signal<string | null>(null);
  protected readonly role = signal<Role | null>(null);
  protected readonly can = computed(() => capabilitiesFor(this.role()));
  protected readonly loadingMore = signal(false);
  protected readonly turns = computed(() =>
    toTurns(this.segments(), this.transcript()?.participants ?? []),
  );
  private readonly positionByIndex = computed(
    () => new Map(this.turns().map((t, position) => [t.index, position])),
  );
  protected readonly meta = computed(() => {
    const t = this.transcript();
    if (!t) return [];
    const turns = this.turns();
    return [
      t.format ?? 'Unknown format',
      formatDuration(t.durationMs),
      plural(t.segmentCount, 'turn'),
      plural(turns.length ? speakerCount(turns) : t.participants.length, 'speaker'),
    ];
  });
  protected readonly trackTurn = (_: number, turn: Turn): string => turn.id;
  protected readonly plural = plural;

  /** A new language from the header's picker (search now stems the turns in it). */
  protected languageChanged(change: Pick<TranscriptDetail, 'language' | 'languageSource'>): void {
    this.transcript.update((t) =>
      t ? { ...t, language: change.language, languageSource: change.languageSource } : t,
    );
  }

  /** A new title or interview day from the header. */
  protected detailsChanged(change: Pick<TranscriptDetail, 'title' | 'interviewDate'>): void {
    this.transcript.update((t) =>
      t ? { ...t, title: change.title, interviewDate: change.interviewDate } : t,
    );
    this.pageTitle.setTitle(`${change.title} · Verbatim`);
  }

  /** The turn keyboard commands act on (h, e, j/k), by turn index. */
  protected readonly currentIndex = signal<number | null>(null);
  protected readonly picker = signal<({ anchor: TurnAnchor } & PickerPlacement) | null>(null);
  protected readonly chooser = signal<{ ids: string[]; origin: ScreenOrigin } | null>(null);
  protected readonly activeId = signal<string | null>(null);
  protected readonly flashId = signal<string | null>(null);
  protected readonly editingId = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly notice = signal<string | null>(null);
  /** A highlight waiting for the reader to select the words it should move onto. */
  protected readonly moving = signal<ReaderHighlight | null>(null);
  /** What the last correction, split or merge did to highlights ("Turn split"), for the toast. */
  protected readonly correction = signal<(TurnEditReport & { done: string }) | null>(null);
  protected readonly besideWords = BESIDE_WORDS;
  /** Words are selected in the transcript (a touch selection has no mouse-up to tag it on). */
  protected readonly hasSelection = signal(false);
  protected readonly correctionMessage = computed(() => {
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
  protected readonly activeHighlight = computed(() => {
    const id = this.activeId();
    return id ? (this.store.byId().get(id) ?? null) : null;
  });
  protected readonly chooserItems = computed(() =>
    (this.chooser()?.ids ?? []).flatMap((id) => this.store.byId().get(id) ?? []),
  );

  private readonly laid = computed<LaidHighlight[]>(() => {
    const laid: LaidHighlight[] = this.store.highlights().map((h) => ({
      id: h.id,
      start: h.start,
      end: h.end,
      color: h.tags[0]?.color ?? NO_TAG_COLOR,
      needsAttention: h.needsAttention,
    }));
    laid.push(...this.suggestions.laid());
    const pending = this.picker()?.anchor;
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
    return layoutTurns(this.turns(), this.laid(), (turn) =>
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
      const id = this.transcriptId();
      untracked(() => void this.load(id));
    });
    effect(() => this.followDeepLink());
    effect(() => {
      const id = this.suggestion();
      untracked(() => this.suggestions.want(id));
    });
    effect(() => {
      const open = this.activeId() ?? this.suggestions.activeLayoutId();
      if (open)
        untracked(() =>
          this.keepClear(open, 'vb-highlight-panel aside, vb-suggestion-panel aside'),
        );
    });
    const onSelection = () => this.hasSelection.set(this.selectionInTurns());
    document.addEventListener('selectionchange', onSelection);
    inject(DestroyRef).onDestroy(() => {
      document.removeEventListener('selectionchange', onSelection);
      this.generation += 1;
      this.live.unsubscribe();
      this.timers.forEach(clearTimeout);
    });
  }

  private async load(id: string): Promise<void> {
    const generation = ++this.generation;
    this.error.set(null);
    try {
      const first = await firstValueFrom(
        this.apollo.query({
          query: TRANSCRIPT_READER,
          variables: { id, from: 0, limit: FIRST_WINDOW },
          fetchPolicy: 'no-cache',
        }),
      );
      if (generation !== this.generation || !first.data) return;
      const transcript = first.data.transcript;
      this.transcript.set(transcript);
      this.segments.set(transcript.segments);
      this.pageTitle.setTitle(`${transcript.title} · Verbatim`);
      this.watchUntilSettled(transcript);
      this.followProject(transcript.projectId, generation);
      if (transcript.status === 'READY') {
        void this.store.load(transcript.projectId, transcript.id);
        void this.suggestions.load(transcript.id);
      }
      await this.loadRest(id, transcript, generation);
    } catch (err) {
      if (generation === this.generation) {
        this.transcript.set(null);
        this.segments.set([]);
        this.error.set(toAppError(err));
      }
    }
  }

  /** Loads the transcript again after its speakers changed (renamed, mapped, unmapped). */
  protected reload(): void {
    void this.load(this.transcriptId());
  }

  /** The project's name for the way back, its workspace for the header, and the user's role. */
  private followProject(projectId: string, generation: number): void {
    this.apollo.query({ query: PROJECT, variables: { id: projectId } }).subscribe({
      next: ({ data }) => {
        if (generation !== this.generation || !data) return;
        this.projectName.set(data.project.name);
        this.role.set(data.project.role);
        this.currentWorkspace.set(data.project.workspaceId);
      },
      error: () => undefined,
    });
  }

  /** Long interviews arrive in windows after the first screenful is already readable. */
  private async loadRest(
    id: string,
    transcript: TranscriptDetail,
    generation: number,
  ): Promise<void> {
    let lastWindow = transcript.segments.length;
    this.loadingMore.set(lastWindow === FIRST_WINDOW && transcript.segmentCount > lastWindow);
    try {
      while (lastWindow > 0 && this.segments().length < transcript.segmentCount) {
        const from = this.segments().length;
        const next = await firstValueFrom(
          this.apollo.query({
            query: TRANSCRIPT_SEGMENTS,
            variables: { id, from, limit: NEXT_WINDOW },
            fetchPolicy: 'no-cache',
          }),
        );
        if (generation !== this.generation || !next.data) return;
        const window = next.data.transcript.segments;
        lastWindow = window.length;
        if (lastWindow > 0) this.segments.update((all) => [...all, ...window]);
      }
    } finally {
      if (generation === this.generation) this.loadingMore.set(false);
    }
  }

  /** While the transcript is still being processed, reload once it is ready or failed. */
  private watchUntilSettled(transcript: TranscriptDetail): void {
    this.live.unsubscribe();
    this.live = new Subscription();
    if (transcript.status === 'READY' || transcript.status === 'FAILED') return;
    this.live.add(
      this.apollo
        .subscribe({ query: TRANSCRIPT_UPDATED, variables: { projectId: transcript.projectId } })
        .subscribe({
          next: ({ data }) => {
            const updated = data?.transcriptUpdated;
            if (!updated || updated.id !== transcript.id) return;
            if (updated.status === 'READY' || updated.status === 'FAILED')
              void this.load(transcript.id);
            else
              this.transcript.update((t) =>
                t ? { ...t, status: updated.status, progress: updated.progress } : t,
              );
          },
          error: () => undefined,
        }),
    );
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
    this.followEnd += 1;
    if (event.key === 'End') {
      this.scrollToEnd(viewport, this.followEnd);
    } else {
      viewport.scrollToOffset(target);
    }
  }

  /** h: highlight the selection or current turn; e: correct it; j/k: next/previous turn. */
  private onCommandKey(event: KeyboardEvent): boolean {
    const current = this.currentIndex();
    switch (event.key) {
      case 'h':
        return this.can().edit && (this.highlightSelection() || this.highlightCurrentTurn());
      case 'e': {
        const turn = current === null ? undefined : this.turnAt(current);
        if (!this.can().edit || !turn) return false;
        this.editingId.set(turn.id);
        return true;
      }
      case 'j':
      case 'k': {
        const turns = this.turns();
        const position = current === null ? -1 : (this.positionByIndex().get(current) ?? -1);
        const next =
          turns[Math.max(0, Math.min(turns.length - 1, position + (event.key === 'j' ? 1 : -1)))];
        if (!next) return false;
        this.setCurrent(next.index, true);
        return true;
      }
      case 'ArrowLeft':
      case 'ArrowRight':
        return event.shiftKey && this.extendSelection(event.key === 'ArrowRight');
      case 'Escape':
        if (this.suggestions.escape()) return true;
        if (this.moving()) {
          this.moving.set(null);
          return true;
        }
        if (!this.activeId() && !this.chooser()) return false;
        this.closePanel();
        return true;
      default:
        return false;
    }
  }

  /**
   * Heights of unseen turns are estimates, so the first jump to the end lands short; keep
   * following the bottom until it holds still for a few frames, or the reader takes over (a key,
   * the wheel, a touch or a click), bounded by frames rather than time so that a busy machine
   * still gets there (at most 240 frames or 5 s).
   */
  private scrollToEnd(viewport: CdkVirtualScrollViewport, run: number): void {
    const el = viewport.elementRef.nativeElement;
    const deadline = performance.now() + 5000;
    const takeOver = () => {
      if (run === this.followEnd) this.followEnd += 1;
    };
    const events = ['wheel', 'touchstart', 'pointerdown'] as const;
    events.forEach((e) => el.addEventListener(e, takeOver, { passive: true, once: true }));
    const done = () => events.forEach((e) => el.removeEventListener(e, takeOver));
    let settledFrames = 0;
    let frames = 0;
    const step = () => {
      if (run !== this.followEnd) return done();
      const gap = el.scrollHeight - el.scrollTop - el.clientHeight;
      settledFrames = gap <= 2 ? settledFrames + 1 : 0;
      if (gap > 2) viewport.scrollTo({ bottom: 0 });
      if (settledFrames < 3 && ++frames < 240 && performance.now() < deadline)
        requestAnimationFrame(step);
      else done();
    };
    viewport.scrollTo({ bottom: 0 });
    requestAnimationFrame(step);
  }

  protected readonly percent = (progress: number): number =>
    Math.round(Math.max(0, Math.min(1, progress)) * 100);

  // ------------------------------------------------------------------ deep links

  /** Opens the reader at ?turn= (once its window is loaded) and focuses ?highlight=. */
  private followDeepLink(): void {
    const turnParam = this.turn();
    const highlightId = this.highlight();
    const turns = this.turns();
    const highlight = highlightId ? this.store.byId().get(highlightId) : undefined;
    const viewport = this.viewport();
    if (!viewport || !turns.length) return;
    let index = turnParam !== undefined && turnParam !== '' ? Number(turnParam) : NaN;
    if (Number.isNaN(index) && highlight)
      index = this.indexOfSegment(highlight.start.segmentId) ?? NaN;
    const key = `${this.transcriptId()}|${index}|${highlight?.id ?? ''}`;
    if (Number.isNaN(index) || key === this.deepLinked) return;
    if (!this.positionByIndex().has(index)) return; // its window has not arrived yet
    this.deepLinked = key;
    untracked(() => {
      this.currentIndex.set(index);
      if (highlight) this.focusHighlight(highlight.id, false);
      const run = ++this.followEnd;
      scrollToTurn(viewport, index, () => run === this.followEnd);
    });
  }

  private indexOfSegment(segmentId: string): number | undefined {
    return this.turns().find((t) => t.id === segmentId)?.index;
  }

  private turnAt(index: number): Turn | undefined {
    const position = this.positionByIndex().get(index);
    return position === undefined ? undefined : this.turns()[position];
  }

  private setCurrent(index: number, reveal: boolean): void {
    this.currentIndex.set(index);
    const viewport = this.viewport();
    if (!reveal || !viewport) return;
    const el = viewport.elementRef.nativeElement.querySelector(`article[data-index="${index}"]`);
    if (el) el.scrollIntoView({ block: 'nearest' });
    else {
      const run = ++this.followEnd;
      scrollToTurn(viewport, index, () => run === this.followEnd);
    }
  }

  // ------------------------------------------------------------------ selecting and tagging

  protected onTurnsMouseUp(event: MouseEvent): void {
    const article = (event.target as Element).closest?.('article[data-index]');
    if (article) this.currentIndex.set(Number(article.getAttribute('data-index')));
    // After the click that ends the drag, or the overlay would take that click as outside it.
    if (this.can().edit && !this.editingId()) this.later(() => this.highlightSelection(), 0);
  }

  protected onTurnsClick(event: MouseEvent): void {
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
      this.activeId.set(null);
      this.chooser.set(null);
      return;
    }
    ids = ids.filter((id) => !this.suggestions.isLayoutId(id));
    if (!ids.length) return;
    if (ids.length === 1) return this.focusHighlight(ids[0]!, false);
    this.chooser.set({ ids, origin: { x: event.clientX, y: event.clientY, width: 0, height: 0 } });
  }

  /** Opens the tag picker for the current text selection, when it lies in the transcript. */
  private highlightSelection(): boolean {
    const selected = this.selectedRange();
    if (!selected) return false;
    const moving = this.moving();
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

  /** The page's text selection as turn points, when it lies in the transcript. */
  private selectedRange(): { range: Range; from: TurnPoint; to: TurnPoint } | null {
    const viewport = this.viewport()?.elementRef.nativeElement;
    const selection = document.getSelection();
    if (!viewport || !selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    if (!viewport.contains(range.commonAncestorContainer)) return null;
    const points = rangeToPoints(range, viewport, (index) => this.positionByIndex().get(index));
    return points ? { range, from: points.start, to: points.end } : null;
  }

  /** The anchor for two turn points, tidied to whole words as the picker does; null if empty. */
  private anchorBetween(from: TurnPoint, to: TurnPoint) {
    const turns = this.turns();
    const tidy = normalizeSelection(
      turns.map((t) => t.text),
      from,
      to,
    );
    return (tidy && toAnchor(turns, tidy.start, tidy.end)) || null;
  }

  /**
   * Moves a highlight (one that needs attention, say) onto the words selected in the transcript;
   * with nothing selected, onto the next words the reader selects.
   */
  protected async moveToSelection(highlight: ReaderHighlight): Promise<void> {
    const selected = this.selectedRange();
    const anchor = selected && this.anchorBetween(selected.from, selected.to);
    if (!anchor) {
      this.moving.set(highlight);
      return;
    }
    this.moving.set(null);
    try {
      await this.store.move(highlight, anchor.start, anchor.end);
      document.getSelection()?.removeAllRanges();
      this.notice.set(null);
      this.flash(highlight.id);
    } catch (err) {
      this.notice.set(toAppError(err).message);
    }
  }

  private highlightCurrentTurn(): boolean {
    const index = this.currentIndex();
    const position = index === null ? undefined : this.positionByIndex().get(index);
    const turn = position === undefined ? undefined : this.turns()[position];
    if (position === undefined || !turn) return false;
    const text = this.viewport()?.elementRef.nativeElement.querySelector(
      `article[data-index="${turn.index}"] [data-turn-text]`,
    );
    const rect = text?.getBoundingClientRect() ?? new DOMRect(0, 0, 0, 0);
    return this.openPicker(
      { turn: position, offset: 0 },
      { turn: position, offset: turn.text.length },
      rect,
    );
  }

  private openPicker(from: TurnPoint, to: TurnPoint, rect: DOMRect): boolean {
    const anchor = this.anchorBetween(from, to);
    if (!anchor) return false;
    this.chooser.set(null);
    this.notice.set(null);
    this.picker.set({ anchor, ...pickerPlacement(window, rect) });
    this.keepClear(PENDING, 'vb-tag-picker');
    return true;
  }

  /** Tags the selection from the button a touch screen shows (no mouse button goes up there). */
  protected tagSelection(): void {
    if (this.can().edit && !this.editingId()) this.highlightSelection();
  }

  private selectionInTurns(): boolean {
    const viewport = this.viewport()?.elementRef.nativeElement;
    const selection = document.getSelection();
    if (!viewport || !selection || selection.isCollapsed || !selection.rangeCount) return false;
    return viewport.contains(selection.getRangeAt(0).commonAncestorContainer);
  }

  /**
   * Once rendered, scrolls the transcript so that the words of `layoutId` (a highlight, a
   * suggestion or the pending selection) are not under what `coverSelector` shows at the bottom
   * of a narrow screen; a wide one has a rail for it, beside the words.
   */
  private keepClear(layoutId: string, coverSelector: string): void {
    afterNextRender(
      () => {
        const viewport = this.viewport()?.elementRef.nativeElement;
        const cover = document.querySelector(coverSelector);
        if (!viewport || !cover || hasRail(window)) return;
        const words = [...viewport.querySelectorAll(`[data-h~="${layoutId}"]`)].flatMap((el) => [
          ...el.getClientRects(),
        ]);
        const by = scrollToClear(
          words,
          viewport.getBoundingClientRect().top,
          cover.getBoundingClientRect().top,
        );
        if (by) viewport.scrollBy({ top: by });
      },
      { injector: this.injector },
    );
  }

  /** Shift+arrow grows or shrinks a selection inside the current turn by a word. */
  private extendSelection(forward: boolean): boolean {
    const index = this.currentIndex();
    const text = this.viewport()?.elementRef.nativeElement.querySelector(
      `article[data-index="${index}"] [data-turn-text]`,
    );
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

  protected async applyTag(tag: PickableTag): Promise<void> {
    await this.createFromPicker(() => Promise.resolve(tag.id));
  }

  protected async createTagAndApply(name: string): Promise<void> {
    await this.createFromPicker(async () => (await this.store.createTag(name)).id);
  }

  private async createFromPicker(tagId: () => Promise<string>): Promise<void> {
    const picked = this.picker();
    if (!picked || this.busy()) return;
    this.busy.set(true);
    try {
      const id = await tagId();
      const created = await this.store.create(picked.anchor.start, picked.anchor.end, [id]);
      document.getSelection()?.removeAllRanges();
      this.closePicker();
      this.flash(created.id);
    } catch (err) {
      this.notice.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }

  protected closePicker(): void {
    if (!this.picker()) return;
    this.picker.set(null);
    this.viewport()?.elementRef.nativeElement.focus({ preventScroll: true });
  }

  // ------------------------------------------------------------------ highlight panel

  protected focusHighlight(id: string, flash = true): void {
    this.chooser.set(null);
    this.suggestions.close();
    this.activeId.set(id);
    if (flash) this.flash(id);
  }

  protected closePanel(): void {
    this.activeId.set(null);
    this.chooser.set(null);
    this.viewport()?.elementRef.nativeElement.focus({ preventScroll: true });
  }

  private flash(id: string): void {
    this.flashId.set(id);
    this.later(() => this.flashId() === id && this.flashId.set(null), 1600);
  }

  protected onDeleted(): void {
    this.closePanel();
    const deleted = this.store.lastDeleted();
    this.later(
      () => this.store.lastDeleted() === deleted && this.store.lastDeleted.set(null),
      10_000,
    );
  }

  protected async undoDelete(): Promise<void> {
    try {
      const restored = await this.store.undoDelete();
      if (restored) this.flash(restored.id);
    } catch (err) {
      this.notice.set(toAppError(err).message);
    }
  }

  protected chooserLabel(h: ReaderHighlight): string {
    const quote = h.quote.length > 60 ? `${h.quote.slice(0, 57)}…` : h.quote;
    return `${h.tags.map((t) => t.name).join(', ') || 'No tags'} — “${quote}”`;
  }

  // ------------------------------------------------------------------ suggestions

  /** "Adjust words": accept on the words selected now, or on the next words selected. */
  protected adjustSuggestion(suggestion: Suggestion): void {
    const selected = this.selectedRange();
    if (selected) void this.acceptOnWords(suggestion, selected.from, selected.to);
    else this.suggestions.adjusting.set(suggestion);
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
      this.notice.set(toAppError(err).message);
    }
  }

  protected onSuggestionAccepted(highlightId: string | null): void {
    if (highlightId) this.flash(highlightId);
    this.viewport()?.elementRef.nativeElement.focus({ preventScroll: true });
  }

  // ------------------------------------------------------------------ corrections

  protected onCorrected(result: SegmentCorrection): void {
    const fixed = result.segment;
    this.segments.update((all) =>
      all.map((s) =>
        s.id === fixed.id ? { ...s, text: fixed.text, participant: fixed.participant } : s,
      ),
    );
    this.afterTurnEdit({ ...result, done: 'Turn corrected' });
  }

  protected onSplit(result: SegmentSplit): void {
    this.segments.update((all) => afterSplit(all, result.first, result.second));
    this.transcript.update((t) => t && { ...t, segmentCount: t.segmentCount + 1 });
    this.afterTurnEdit({ ...result, done: 'Turn split' });
    void this.suggestions.load(this.transcriptId());
  }

  protected onMerged(result: SegmentMerge): void {
    this.segments.update((all) => afterMerge(all, result.segment, result.removedSegmentId));
    this.transcript.update((t) => t && { ...t, segmentCount: t.segmentCount - 1 });
    this.afterTurnEdit({ ...result, done: 'Turns merged' });
    void this.suggestions.load(this.transcriptId());
  }

  /** The id of the turn after `turn`, when loaded (the editor's merge checks it is still next). */
  protected nextTurnId(turn: Turn): string | null {
    return this.turnAt(turn.index + 1)?.id ?? null;
  }

  /** Highlights moved with the words: read them again, and report what became of them. */
  private afterTurnEdit(report: TurnEditReport & { done: string }): void {
    this.editingId.set(null);
    this.correction.set(report);
    void this.store.reload();
    this.viewport()?.elementRef.nativeElement.focus({ preventScroll: true });
  }

  private later(fn: () => unknown, ms: number): void {
    this.timers.push(setTimeout(fn, ms));
  }
}
