import { Injectable, computed, inject, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import type {
  AcceptSuggestionInput,
  AcceptSuggestionsMutation,
  SuggestionFilter,
  SuggestionFragment as Suggestion,
  SuggestionOrder,
  SuggestionsQuery,
  SuggestionStatus,
} from '@verbatim/contracts';
import {
  AcceptSuggestionsDocument,
  SuggestionCountDocument,
  SuggestionsDocument,
} from '@verbatim/contracts/analysis';
import { toAppError } from '../../core/errors/app-error';
import type { SuggestionTag } from './analysis-format';
import { SuggestionReview } from './suggestion-review';

type BulkReviewResult = AcceptSuggestionsMutation['acceptSuggestions'];

const PAGE = 50;

/** The review list's filter; `status: null` shows every status. */
export interface ReviewFilter {
  status: SuggestionStatus | null;
  tagIds: string[];
  /** 0..1, or null for any confidence. */
  minConfidence: number | null;
  /** Most confident first (the default), or in transcript order. */
  order: SuggestionOrder;
}

export const DEFAULT_REVIEW_FILTER: ReviewFilter = {
  status: 'PENDING',
  tagIds: [],
  minConfidence: null,
  order: 'CONFIDENCE',
};

/** One run's suggestions as the review page lists them, with the use cases that review them. */
@Injectable()
export class ReviewStore {
  private readonly apollo = inject(Apollo);
  private readonly reviews = inject(SuggestionReview);
  private generation = 0;
  private runId = '';
  private filter: ReviewFilter = DEFAULT_REVIEW_FILTER;

  readonly items = signal<readonly Suggestion[]>([]);
  readonly totalCount = signal(0);
  readonly pageInfo = signal<SuggestionsQuery['suggestions']['pageInfo'] | null>(null);
  readonly loading = signal(false);
  readonly loadingMore = signal(false);
  readonly error = signal<string | null>(null);
  /** Tags changed while reviewing, by suggestion, applied when it is accepted. */
  readonly tagEdits = signal<ReadonlyMap<string, readonly SuggestionTag[]>>(new Map());
  /** Suggestions with a request in flight. */
  readonly busyIds = signal<ReadonlySet<string>>(new Set());
  readonly hasMore = computed(() => !!this.pageInfo()?.hasNextPage);

  toFilter(runId: string, filter: ReviewFilter): SuggestionFilter {
    return {
      runId,
      status: filter.status,
      tagIds: filter.tagIds.length ? filter.tagIds : null,
      minConfidence: filter.minConfidence,
    };
  }

  async load(runId: string, filter: ReviewFilter): Promise<void> {
    const generation = ++this.generation;
    this.runId = runId;
    this.filter = filter;
    this.loading.set(true);
    this.error.set(null);
    try {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: SuggestionsDocument,
          variables: { filter: this.toFilter(runId, filter), first: PAGE, orderBy: filter.order },
          fetchPolicy: 'no-cache',
        }),
      );
      if (generation !== this.generation || !data) return;
      this.items.set(data.suggestions.edges.map((e) => e.node));
      this.totalCount.set(data.suggestions.totalCount);
      this.pageInfo.set(data.suggestions.pageInfo);
    } catch (err) {
      if (generation === this.generation) this.error.set(toAppError(err).message);
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  reload(): Promise<void> {
    return this.load(this.runId, this.filter);
  }

  async loadMore(): Promise<void> {
    const after = this.pageInfo()?.endCursor;
    if (!after || this.loadingMore()) return;
    const generation = this.generation;
    this.loadingMore.set(true);
    try {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: SuggestionsDocument,
          variables: {
            filter: this.toFilter(this.runId, this.filter),
            first: PAGE,
            after,
            orderBy: this.filter.order,
          },
          fetchPolicy: 'no-cache',
        }),
      );
      if (generation !== this.generation || !data) return;
      const seen = new Set(this.items().map((s) => s.id));
      this.items.update((all) => [
        ...all,
        ...data.suggestions.edges.map((e) => e.node).filter((s) => !seen.has(s.id)),
      ]);
      this.pageInfo.set(data.suggestions.pageInfo);
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.loadingMore.set(false);
    }
  }

  editTags(id: string, tags: readonly SuggestionTag[]): void {
    this.tagEdits.update((all) => new Map(all).set(id, tags));
  }

  /** Accepts with the tags edited here (if any) and the given changes. */
  accept(suggestion: Suggestion, input: AcceptSuggestionInput = {}): Promise<Suggestion> {
    const edited = this.tagEdits().get(suggestion.id);
    // Unedited, it takes only its tags that reach the threshold the list is filtered at.
    const merged: AcceptSuggestionInput = edited
      ? { tagIds: edited.map((t) => t.id), ...input }
      : { minConfidence: this.filter.minConfidence, ...input };
    return this.review(suggestion.id, () => this.reviews.accept(suggestion.id, merged));
  }

  reject(suggestion: Suggestion, reason: string | null): Promise<Suggestion> {
    return this.review(suggestion.id, () => this.reviews.reject(suggestion.id, reason));
  }

  /**
   * What a bulk accept at this confidence would do: how many it would take (found as written,
   * not flagged), and how many more match but wait for a person (flagged or fuzzy).
   */
  async countPending(
    minConfidence: number,
    tagIds: string[],
  ): Promise<{ eligible: number; held: number }> {
    const filter: SuggestionFilter = {
      runId: this.runId,
      status: 'PENDING',
      minConfidence,
      tagIds: tagIds.length ? tagIds : null,
    };
    const count = async (extra: Partial<SuggestionFilter>) => {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: SuggestionCountDocument,
          variables: { filter: { ...filter, ...extra } },
          fetchPolicy: 'no-cache',
        }),
      );
      return data?.suggestions.totalCount ?? 0;
    };
    const [all, eligible] = await Promise.all([
      count({}),
      count({ flagged: false, matchKinds: ['EXACT', 'NORMALISED'] }),
    ]);
    return { eligible, held: Math.max(0, all - eligible) };
  }

  async acceptAll(minConfidence: number, tagIds: string[]): Promise<BulkReviewResult> {
    const { data } = await firstValueFrom(
      this.apollo.mutate({
        mutation: AcceptSuggestionsDocument,
        variables: {
          input: { runId: this.runId, minConfidence, tagIds: tagIds.length ? tagIds : null },
        },
      }),
    );
    await this.reload();
    return data!.acceptSuggestions;
  }

  private async review(id: string, call: () => Promise<Suggestion>): Promise<Suggestion> {
    this.busyIds.update((ids) => new Set([...ids, id]));
    try {
      const reviewed = await call();
      // It stays in the list with its new status until the filter is applied again.
      this.items.update((all) => all.map((s) => (s.id === id ? reviewed : s)));
      return reviewed;
    } finally {
      this.busyIds.update((ids) => new Set([...ids].filter((other) => other !== id)));
    }
  }
}
