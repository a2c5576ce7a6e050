import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { Subscription, firstValueFrom } from 'rxjs';
import type {
  ProjectTagFragment as ProjectTag,
  ReaderHighlightFragment as ReaderHighlight,
  TranscriptHighlightsQuery,
} from '@verbatim/contracts';
import {
  CodebookChangedDocument as CODEBOOK_CHANGED,
  CreateHighlightDocument as CREATE_HIGHLIGHT,
  CreateTagDocument as CREATE_TAG,
  DeleteHighlightDocument as DELETE_HIGHLIGHT,
  HighlightChangedDocument as HIGHLIGHT_CHANGED,
  ProjectTagsDocument as PROJECT_TAGS,
  TranscriptHighlightsDocument as TRANSCRIPT_HIGHLIGHTS,
  UpdateHighlightDocument as UPDATE_HIGHLIGHT,
} from '@verbatim/contracts/highlights';
import { rememberRecent } from '../../shared/tag-picker/tag-picker-filter';
import {
  applyCodebookEvent,
  applyHighlightEvent,
  upsertHighlight,
  upsertHighlights,
  upsertTag,
} from './live-coding';

type TextPosition = ReaderHighlight['start'];

/** The largest page under the api's query cost limit with tags and author selected. */
const PAGE = 90;

/** A highlight removed a moment ago, kept so that Undo can put it back. */
export interface DeletedHighlight {
  highlight: ReaderHighlight;
}

/**
 * The reader's highlights and the project's tags, with the use cases that change them; kept live
 * with what colleagues change meanwhile (live-coding.ts).
 */
@Injectable()
export class HighlightStore {
  private readonly apollo = inject(Apollo);
  private live = new Subscription();
  private generation = 0;
  private projectId = '';
  private transcriptId = '';

  readonly highlights = signal<readonly ReaderHighlight[]>([]);
  readonly tags = signal<readonly ProjectTag[]>([]);
  readonly recentTagIds = signal<readonly string[]>([]);
  readonly loaded = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly lastDeleted = signal<DeletedHighlight | null>(null);
  readonly byId = computed(() => new Map(this.highlights().map((h) => [h.id, h])));
  /** The highlights with comments, by the turn they start in (for the counts beside a turn). */
  readonly commentedBySegment = computed(() => {
    const bySegment = new Map<string, ReaderHighlight[]>();
    for (const h of this.highlights()) {
      if (h.commentCount > 0)
        bySegment.set(h.start.segmentId, [...(bySegment.get(h.start.segmentId) ?? []), h]);
    }
    return bySegment;
  });
  /** Tags a highlight can still get: the codebook without archived tags. */
  readonly activeTags = computed(() => this.tags().filter((t) => !t.archived));

  constructor() {
    inject(DestroyRef).onDestroy(() => this.live.unsubscribe());
  }

  async load(projectId: string, transcriptId: string): Promise<void> {
    const generation = ++this.generation;
    this.follow(projectId, transcriptId);
    this.projectId = projectId;
    this.transcriptId = transcriptId;
    this.loaded.set(false);
    this.loadError.set(null);
    this.recentTagIds.set(readRecent(projectId));
    this.apollo
      .query({ query: PROJECT_TAGS, variables: { projectId }, fetchPolicy: 'no-cache' })
      .subscribe({
        next: ({ data }) => generation === this.generation && data && this.tags.set(data.tags),
        error: () => undefined,
      });
    try {
      let after: string | null = null;
      for (;;) {
        const { data }: { data?: TranscriptHighlightsQuery } = await firstValueFrom(
          this.apollo.query({
            query: TRANSCRIPT_HIGHLIGHTS,
            variables: { projectId, transcriptId, first: PAGE, after },
            fetchPolicy: 'no-cache',
          }),
        );
        if (generation !== this.generation || !data) return;
        const page = data.highlights.edges.map((e) => e.node);
        // The first page replaces what an earlier load showed; later ones add to it, and win
        // over what live events brought meanwhile (they are as new or newer).
        if (after === null) this.highlights.set(page);
        else this.highlights.update((shown) => upsertHighlights(shown, page));
        if (!data.highlights.pageInfo.hasNextPage) break;
        after = data.highlights.pageInfo.endCursor;
      }
      this.loaded.set(true);
    } catch (err) {
      if (generation === this.generation)
        this.loadError.set(err instanceof Error ? err.message : 'Highlights could not be loaded.');
    }
  }

  /**
   * Colleagues' highlights and codebook edits as they happen. Followed from the start of a load:
   * an event that arrives while pages are still loading is applied to what is there, and the
   * page that brings the same highlight later replaces it with the same or a newer state.
   */
  private follow(projectId: string, transcriptId: string): void {
    this.live.unsubscribe();
    this.live = new Subscription();
    this.live.add(
      this.apollo.subscribe({ query: HIGHLIGHT_CHANGED, variables: { transcriptId } }).subscribe({
        next: ({ data }) => {
          const event = data?.highlightChanged;
          if (event) this.highlights.update((all) => applyHighlightEvent(all, event));
        },
        error: () => undefined,
      }),
    );
    this.live.add(
      this.apollo.subscribe({ query: CODEBOOK_CHANGED, variables: { projectId } }).subscribe({
        next: ({ data }) => {
          const event = data?.codebookChanged;
          if (!event) return;
          const next = applyCodebookEvent(
            { tags: this.tags(), highlights: this.highlights() },
            event,
          );
          this.tags.set(next.tags);
          this.highlights.set(next.highlights);
        },
        error: () => undefined,
      }),
    );
  }

  /** Reloads after a correction moved highlights around. */
  reload(): Promise<void> {
    return this.load(this.projectId, this.transcriptId);
  }

  async createTag(name: string): Promise<ProjectTag> {
    const { data } = await firstValueFrom(
      this.apollo.mutate({
        mutation: CREATE_TAG,
        variables: { input: { projectId: this.projectId, name } },
      }),
    );
    const tag = data!.createTag;
    this.tags.update((tags) => upsertTag(tags, tag));
    return tag;
  }

  async create(
    start: TextPosition,
    end: TextPosition,
    tagIds: string[],
    note: string | null = null,
  ): Promise<ReaderHighlight> {
    const { data } = await firstValueFrom(
      this.apollo.mutate({
        mutation: CREATE_HIGHLIGHT,
        variables: { input: { transcriptId: this.transcriptId, start, end, tagIds, note } },
      }),
    );
    const created = data!.createHighlight;
    this.highlights.update((all) => upsertHighlight(all, created));
    tagIds.forEach((id) => this.touchTag(id));
    return created;
  }

  async update(
    id: string,
    patch: { tagIds?: string[]; note?: string | null; start?: TextPosition; end?: TextPosition },
  ): Promise<void> {
    const { data } = await firstValueFrom(
      this.apollo.mutate({ mutation: UPDATE_HIGHLIGHT, variables: { input: { id, ...patch } } }),
    );
    const updated = data!.updateHighlight;
    this.highlights.update((all) => all.map((h) => (h.id === id ? updated : h)));
  }

  /** A highlight's comment count as its thread tells it (a comment added, deleted). */
  setCommentCount(id: string, commentCount: number): void {
    this.highlights.update((all) =>
      all.map((h) => (h.id === id && h.commentCount !== commentCount ? { ...h, commentCount } : h)),
    );
  }

  /** Anchors a highlight on other words (how one that needs attention is put right). */
  move(highlight: ReaderHighlight, start: TextPosition, end: TextPosition): Promise<void> {
    return this.update(highlight.id, { start, end });
  }

  async addTag(highlight: ReaderHighlight, tagId: string): Promise<void> {
    this.touchTag(tagId);
    await this.update(highlight.id, { tagIds: [...highlight.tags.map((t) => t.id), tagId] });
  }

  removeTag(highlight: ReaderHighlight, tagId: string): Promise<void> {
    return this.update(highlight.id, {
      tagIds: highlight.tags.map((t) => t.id).filter((id) => id !== tagId),
    });
  }

  async remove(highlight: ReaderHighlight): Promise<void> {
    await firstValueFrom(
      this.apollo.mutate({ mutation: DELETE_HIGHLIGHT, variables: { id: highlight.id } }),
    );
    this.highlights.update((all) => all.filter((h) => h.id !== highlight.id));
    this.lastDeleted.set({ highlight });
  }

  /** Puts the last deleted highlight back: same anchor, tags and note (it gets a new id). */
  async undoDelete(): Promise<ReaderHighlight | null> {
    const deleted = this.lastDeleted();
    if (!deleted) return null;
    this.lastDeleted.set(null);
    const h = deleted.highlight;
    return this.create(
      h.start,
      h.end,
      h.tags.map((t) => t.id),
      h.note,
    );
  }

  /** Remembers a tag as recently used, for the picker's number keys. */
  touchTag(tagId: string): void {
    const recent = rememberRecent(this.recentTagIds(), tagId);
    this.recentTagIds.set(recent);
    try {
      localStorage.setItem(recentKey(this.projectId), JSON.stringify(recent));
    } catch {
      // private mode or full storage: recent tags last for this visit only
    }
  }
}

const recentKey = (projectId: string) => `verbatim.recentTags.${projectId}`;

function readRecent(projectId: string): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(recentKey(projectId)) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
