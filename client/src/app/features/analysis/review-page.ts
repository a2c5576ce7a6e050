import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Apollo, type QueryRef } from 'apollo-angular';
import { Subscription } from 'rxjs';
import { type AppError, toAppError } from '../../core/errors/app-error';
import type {
  AnalysisRunFragment as AnalysisRun,
  CodebookTagFragment as Tag,
  SuggestionStatus,
} from '@verbatim/contracts';
import { AnalysisRunDocument, AnalysisRunUpdatedDocument } from '@verbatim/contracts/analysis';
import { CodebookTagsDocument } from '@verbatim/contracts/codebook';
import { AddToBoard } from '../../shared/add-to-board/add-to-board';
import { plural } from '../../shared/format';
import { NotFound, isNotFound } from '../../shared/not-found';
import { mergeQuery } from '../evidence/merge-query';
import { projectContext } from '../evidence/project-context';
import { ViewsHeader } from '../evidence/views-header';
import { type SuggestionTag, confidenceFromPercent, isActive } from './analysis-format';
import { BulkAccept } from './bulk-accept';
import { ExchangesPanel } from '../../shared/ai-exchanges/exchanges-panel';
import { reviewFilterFromParams, reviewFilterToParams } from './review-filter-params';
import { nextPendingIndex, reviewCommand } from './review-keys';
import { type ReviewFilter, ReviewStore } from './review-store';
import { RunSummary } from './run-summary';
import { type ItemMode, SuggestionItem } from './suggestion-item';

type RunQuery = QueryRef<{ analysisRun: AnalysisRun }, { id: string }>;

/**
 * One run's suggestions, reviewed by keyboard (j/k, a, r, e) or mouse: filter by status, tag and
 * confidence, accept in bulk above a confidence, and see what was sent to the provider.
 */
@Component({
  selector: 'vb-review-page',
  imports: [
    RouterLink,
    NotFound,
    ViewsHeader,
    RunSummary,
    SuggestionItem,
    BulkAccept,
    ExchangesPanel,
    AddToBoard,
  ],
  providers: [ReviewStore],
  templateUrl: './review-page.html',
  styleUrl: './review-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
})
export class ReviewPage {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  protected readonly store = inject(ReviewStore);
  private subscriptions = new Subscription();
  private runQuery: RunQuery | null = null;
  private wasActive = false;

  readonly projectId = input.required<string>();
  readonly runId = input.required<string>();

  protected readonly ctx = projectContext(() => this.projectId(), 'Review');
  protected readonly run = signal<AnalysisRun | null>(null);
  protected readonly runError = signal<AppError | null>(null);
  protected readonly notFound = computed(() => this.ctx.notFound() || isNotFound(this.runError()));
  protected readonly tags = signal<readonly Tag[]>([]);
  protected readonly activeTags = computed(() => this.tags().filter((t) => !t.archived));
  /** Kept in the address (status, tag, min), so a review view can be shared or reloaded. */
  protected readonly filter = signal<ReviewFilter>(
    reviewFilterFromParams(this.route.snapshot.queryParamMap),
  );
  protected readonly focused = signal<number | null>(null);
  protected readonly itemMode = signal<{ id: string; mode: ItemMode } | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly canReview = computed(() => this.ctx.can().edit);
  /** The highlights that accepted suggestions shown became, for "Add to board". */
  protected readonly acceptedHighlightIds = computed(() =>
    this.store
      .items()
      .flatMap((s) => (s.status === 'ACCEPTED' && s.highlightId ? [s.highlightId] : [])),
  );
  protected readonly plural = plural;
  /** The run's suggestion count when the list was last read. */
  private readonly listedTotal = signal<number | null>(null);
  /** Suggestions the running analysis made since the list was read (shown on request, so focus stays). */
  protected readonly newSuggestions = computed(() => {
    const run = this.run();
    const listed = this.listedTotal();
    return run && listed !== null && isActive(run.status)
      ? Math.max(0, run.summary.total - listed)
      : 0;
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      const runId = this.runId();
      untracked(() => this.load(projectId, runId));
    });
    // The list fills while the run works: read it again once the run has finished.
    effect(() => {
      const run = this.run();
      if (!run) return;
      const active = isActive(run.status);
      if (this.wasActive && !active) untracked(() => this.readList());
      else if (untracked(() => this.listedTotal()) === null)
        untracked(() => this.listedTotal.set(run.summary.total));
      this.wasActive = active;
    });
    inject(DestroyRef).onDestroy(() => this.subscriptions.unsubscribe());
  }

  private load(projectId: string, runId: string): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    this.run.set(null);
    this.focused.set(null);
    this.wasActive = false;
    this.listedTotal.set(null);
    const query: RunQuery = this.apollo.watchQuery({
      query: AnalysisRunDocument,
      variables: { id: runId },
    });
    this.runQuery = query;
    this.subscriptions.add(
      query.valueChanges.subscribe((result) => {
        if (result.dataState === 'complete') this.run.set(result.data.analysisRun);
        this.runError.set(result.error ? toAppError(result.error) : null);
      }),
    );
    // Updates land on the cached run, which the query above follows.
    this.subscriptions.add(
      this.apollo
        .subscribe({ query: AnalysisRunUpdatedDocument, variables: { projectId } })
        .subscribe({ error: () => undefined }),
    );
    this.subscriptions.add(
      this.apollo
        .query({ query: CodebookTagsDocument, variables: { projectId }, fetchPolicy: 'no-cache' })
        .subscribe({
          next: ({ data }) => data && this.tags.set(data.tags),
          error: () => undefined,
        }),
    );
    void this.store.load(runId, this.filter());
  }

  // ------------------------------------------------------------------ filters

  protected setFilter(patch: Partial<ReviewFilter>): void {
    this.filter.update((f) => ({ ...f, ...patch }));
    mergeQuery(this.router, this.route, reviewFilterToParams(this.filter()));
    this.focused.set(null);
    this.itemMode.set(null);
    this.readList();
  }

  protected showNew(): void {
    this.readList();
  }

  /** Reads the list again with the current filter, and notes how many suggestions the run had then. */
  private readList(): void {
    this.listedTotal.set(this.run()?.summary.total ?? null);
    void this.store.load(this.runId(), this.filter());
  }

  protected setStatus(value: string): void {
    this.setFilter({ status: value ? (value as SuggestionStatus) : null });
  }

  protected setOrder(value: string): void {
    this.setFilter({ order: value === 'TRANSCRIPT' ? 'TRANSCRIPT' : 'CONFIDENCE' });
  }

  protected setTag(value: string): void {
    this.setFilter({ tagIds: value ? [value] : [] });
  }

  protected setMinConfidence(value: string): void {
    this.setFilter({ minConfidence: confidenceFromPercent(value) });
  }

  protected readonly minPercent = computed(() =>
    Math.round((this.filter().minConfidence ?? 0) * 100),
  );

  // ------------------------------------------------------------------ keyboard

  protected onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    // Keys belong to the list when focus is on this page or nowhere in particular.
    if (target && target !== document.body && !this.host.contains(target)) return;
    const inField =
      !!target &&
      (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    const items = this.store.items();
    const command = reviewCommand(
      {
        key: event.key,
        altKey: event.altKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        inField,
      },
      items,
      this.focused(),
      this.canReview(),
    );
    if (command.kind === 'none') return;
    event.preventDefault();
    const item = items[command.index];
    switch (command.kind) {
      case 'focus':
        this.itemMode.set(null);
        this.focusItem(command.index);
        break;
      case 'accept':
        void this.accept(command.index);
        break;
      case 'reject':
        if (item) this.itemMode.set({ id: item.id, mode: 'reject' });
        break;
      case 'edit':
        if (item) this.itemMode.set({ id: item.id, mode: 'edit' });
        break;
    }
  }

  protected focusItem(index: number): void {
    this.focused.set(index);
    afterNextRender(
      () => {
        const el = this.host.querySelector<HTMLElement>(`[data-review-index="${index}"]`);
        el?.focus({ preventScroll: true });
        el?.scrollIntoView({ block: 'nearest' });
      },
      { injector: this.injector },
    );
  }

  protected modeOf(id: string): ItemMode {
    const m = this.itemMode();
    return m?.id === id ? m.mode : null;
  }

  protected setMode(index: number, id: string, mode: ItemMode): void {
    this.itemMode.set(mode ? { id, mode } : null);
    this.focused.set(index);
    if (!mode) this.focusItem(index);
  }

  protected editTags(id: string, tags: readonly SuggestionTag[]): void {
    this.store.editTags(id, tags);
  }

  // ------------------------------------------------------------------ reviewing

  protected async accept(index: number): Promise<void> {
    const suggestion = this.store.items()[index];
    if (!suggestion) return;
    await this.review(index, () => this.store.accept(suggestion));
  }

  protected async reject(index: number, reason: string | null): Promise<void> {
    const suggestion = this.store.items()[index];
    if (!suggestion) return;
    await this.review(index, () => this.store.reject(suggestion, reason));
  }

  private async review(index: number, action: () => Promise<unknown>): Promise<void> {
    this.actionError.set(null);
    try {
      await action();
      this.itemMode.set(null);
      this.focusItem(nextPendingIndex(this.store.items(), index));
      void this.runQuery?.refetch();
    } catch (err) {
      this.actionError.set(toAppError(err).message);
    }
  }

  /** A theme was renamed: the run's themes and the suggestions' theme names change. */
  protected themeChanged(): void {
    void this.runQuery?.refetch();
    void this.store.reload();
  }

  protected bulkDone(): void {
    this.focused.set(null);
    void this.runQuery?.refetch();
  }

  protected async loadMore(): Promise<void> {
    await this.store.loadMore();
  }

  /** For the tag filter and the picker: an empty list until the codebook has loaded. */
  protected readonly pickable = computed(() =>
    this.activeTags().map((t) => ({ id: t.id, name: t.name, color: t.color })),
  );
}
