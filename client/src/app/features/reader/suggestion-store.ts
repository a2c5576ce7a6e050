import { Injectable, computed, inject, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import type {
  AcceptSuggestionInput,
  SuggestionFragment as Suggestion,
  SuggestionsQuery,
} from '@verbatim/contracts';
import { SuggestionsDocument as SUGGESTIONS } from '@verbatim/contracts/analysis';
import { AuthStore } from '../../core/auth/auth-store';
import { SuggestionReview } from '../analysis/suggestion-review';
import type { LaidHighlight } from './highlight-layout';
import { HighlightStore } from './highlight-store';

const PAGE = 50;
/** Cap on what the reader outlines; a run over one transcript rarely comes near. */
const MAX_PAGES = 20;
/** Ids of suggestions in the layout carry this prefix, so a click can tell them from highlights. */
export const SUGGESTION_PREFIX = 's:';
/** The outline of a proposed new theme, which has no tag colour yet. */
export const THEME_COLOR = '#6b4fa3';

/**
 * The transcript's pending suggestions, outlined in the reader, with the use cases that review
 * them there. An accepted one becomes a normal highlight through the highlight store.
 */
@Injectable()
export class SuggestionStore {
  private readonly apollo = inject(Apollo);
  private readonly review = inject(SuggestionReview);
  private readonly highlights = inject(HighlightStore);
  private generation = 0;
  /** A suggestion a deep link asked to open, once it has loaded. */
  private wanted: string | null = null;

  private readonly auth = inject(AuthStore);

  readonly suggestions = signal<readonly Suggestion[]>([]);
  /**
   * Whether pending suggestions are outlined in the text: each person's own choice, remembered
   * in this browser. Hidden, the one a review link opens still shows; people's highlights always do.
   */
  readonly shown = signal(readShown(this.auth.user()?.id));
  readonly activeId = signal<string | null>(null);
  /** A suggestion waiting for the reader to select the words it should quote instead. */
  readonly adjusting = signal<Suggestion | null>(null);
  readonly byId = computed(() => new Map(this.suggestions().map((s) => [s.id, s])));
  readonly active = computed(() => {
    const id = this.activeId();
    return id ? (this.byId().get(id) ?? null) : null;
  });
  /** The active suggestion as the layout knows it, to mark its runs. */
  readonly activeLayoutId = computed(() => {
    const id = this.activeId();
    return id ? SUGGESTION_PREFIX + id : null;
  });
  readonly laid = computed<LaidHighlight[]>(() =>
    (this.shown()
      ? this.suggestions()
      : this.suggestions().filter((s) => s.id === this.activeId())
    ).map((s) => ({
      id: SUGGESTION_PREFIX + s.id,
      start: s.start,
      end: s.end,
      color: s.tags[0]?.color ?? THEME_COLOR,
      needsAttention: false,
      suggested: true,
    })),
  );

  setShown(shown: boolean): void {
    this.shown.set(shown);
    if (!shown && this.adjusting()) this.adjusting.set(null);
    try {
      localStorage.setItem(shownKey(this.auth.user()?.id), shown ? 'shown' : 'hidden');
    } catch {
      // private mode or full storage: the choice lasts for this visit only
    }
  }

  async load(transcriptId: string): Promise<void> {
    const generation = ++this.generation;
    this.activeId.set(null);
    this.adjusting.set(null);
    try {
      const all: Suggestion[] = [];
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const { data }: { data?: SuggestionsQuery } = await firstValueFrom(
          this.apollo.query({
            query: SUGGESTIONS,
            variables: { filter: { transcriptId, status: 'PENDING' as const }, first: PAGE, after },
            fetchPolicy: 'no-cache',
          }),
        );
        if (generation !== this.generation || !data) return;
        all.push(...data.suggestions.edges.map((e) => e.node));
        this.suggestions.set([...all]);
        if (!data.suggestions.pageInfo.hasNextPage) break;
        after = data.suggestions.pageInfo.endCursor;
      }
      this.openWanted();
    } catch {
      // Suggestions are an extra: the transcript reads fine without them (an older api, say).
      if (generation === this.generation) this.suggestions.set([]);
    }
  }

  /** Opens the suggestion a link points at, now or once it has loaded. */
  want(id: string | null | undefined): void {
    this.wanted = id || null;
    this.openWanted();
  }

  private openWanted(): void {
    if (this.wanted && this.byId().has(this.wanted)) {
      this.activeId.set(this.wanted);
      this.wanted = null;
    }
  }

  /** Opens the first suggestion among the layout ids of a clicked run; false when none is. */
  openFrom(layoutIds: readonly string[]): boolean {
    const id = layoutIds.find((i) => i.startsWith(SUGGESTION_PREFIX));
    if (!id) return false;
    this.activeId.set(id.slice(SUGGESTION_PREFIX.length));
    return true;
  }

  isLayoutId(id: string): boolean {
    return id.startsWith(SUGGESTION_PREFIX);
  }

  close(): void {
    this.activeId.set(null);
  }

  /** Escape: stop adjusting, else close the panel; false when there was nothing to close. */
  escape(): boolean {
    if (this.adjusting()) {
      this.adjusting.set(null);
      return true;
    }
    if (!this.activeId()) return false;
    this.activeId.set(null);
    return true;
  }

  /** Accepts (on other words, or with other tags, when given); answers the new highlight's id. */
  async accept(suggestion: Suggestion, input?: AcceptSuggestionInput): Promise<string | null> {
    const accepted = await this.review.accept(suggestion.id, input ?? null);
    this.drop(suggestion.id);
    suggestion.tags.forEach((t) => this.highlights.touchTag(t.id));
    // The new highlight (with its tags as stored) joins the reader's highlights.
    await this.highlights.reload();
    return accepted.highlightId ?? null;
  }

  async reject(suggestion: Suggestion, reason: string | null = null): Promise<void> {
    await this.review.reject(suggestion.id, reason);
    this.drop(suggestion.id);
  }

  private drop(id: string): void {
    this.suggestions.update((all) => all.filter((s) => s.id !== id));
    if (this.activeId() === id) this.activeId.set(null);
    if (this.adjusting()?.id === id) this.adjusting.set(null);
  }
}

const shownKey = (userId: string | undefined) => `verbatim.suggestionsShown.${userId ?? 'anyone'}`;

function readShown(userId: string | undefined): boolean {
  try {
    return localStorage.getItem(shownKey(userId)) !== 'hidden';
  } catch {
    return true;
  }
}
