import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Apollo, type QueryRef } from 'apollo-angular';
import { type Subscription, firstValueFrom } from 'rxjs';
import { type AppError, toAppError } from '../../core/errors/app-error';
import type {
  InsightDetailFragment,
  InsightQuery,
  InsightQueryVariables,
  InsightStatus,
} from '@verbatim/contracts';
import {
  AddEvidenceDocument,
  DeleteInsightDocument,
  InsightDocument,
  RemoveEvidenceDocument,
  UpdateInsightDocument,
} from '@verbatim/contracts/insights';
import {
  type InsightSnapshot,
  conflictSnapshot,
  rebaseTags,
  textChanged,
} from './insight-conflict';

export type Insight = InsightDetailFragment;

/** What saving the title and body came to. */
export type TextSaveResult =
  | { kind: 'saved' }
  | { kind: 'conflict'; current: InsightSnapshot; message: string }
  | { kind: 'failed'; error: AppError };

/**
 * One insight, read and changed. Every change names the version it was made on. When a
 * colleague's change came first (CONFLICT), a change that cannot overwrite theirs is made again
 * on their version: publishing touches only the status, and a tag added or removed is replayed
 * on their tags. Title and body are another matter: unless only the status or tags changed
 * meanwhile, the colleague's text goes back to the editor to show, and the user decides.
 */
@Injectable()
export class InsightStore {
  private readonly apollo = inject(Apollo);
  private subscription: Subscription | null = null;
  private query: QueryRef<InsightQuery, InsightQueryVariables> | null = null;

  readonly insight = signal<Insight | null>(null);
  readonly loadError = signal<AppError | null>(null);
  readonly deleted = signal(false);
  /** Requests not answered yet. */
  readonly saving = signal(0);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  load(id: string): void {
    this.subscription?.unsubscribe();
    this.insight.set(null);
    this.loadError.set(null);
    this.deleted.set(false);
    this.query = this.apollo.watchQuery({
      query: InsightDocument,
      variables: { id },
      fetchPolicy: 'cache-and-network',
    });
    this.subscription = this.query.valueChanges.subscribe((result) => {
      if (result.dataState === 'complete') this.insight.set(result.data.insight);
      if (result.error && !this.deleted()) this.loadError.set(toAppError(result.error));
    });
  }

  /** Reads the insight again, as the api has it now. */
  async refresh(): Promise<void> {
    await this.query?.refetch();
  }

  /** Saves the title and body edited from `baseline` (the insight as the editor opened it). */
  async saveText(
    text: { title: string; body: string },
    baseline: { title: string; body: string; version: number },
  ): Promise<TextSaveResult> {
    const id = this.insight()?.id;
    if (!id) return { kind: 'failed', error: { code: 'NOT_FOUND', message: 'No insight.' } };
    let version = baseline.version;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.update({ id, title: text.title, body: text.body, version });
        return { kind: 'saved' };
      } catch (err) {
        const error = toAppError(err);
        const current = conflictSnapshot(error);
        if (!current) return { kind: 'failed', error };
        // Only the status or tags changed since: no text of theirs to lose.
        if (!textChanged(baseline, current)) {
          version = current.version;
          continue;
        }
        return { kind: 'conflict', current, message: error.message };
      }
    }
    return {
      kind: 'failed',
      error: { code: 'CONFLICT', message: 'The insight keeps changing. Try again in a moment.' },
    };
  }

  async setStatus(status: InsightStatus): Promise<void> {
    await this.retryOnConflict((current) =>
      current.status === status ? null : { status, version: current.version },
    );
  }

  async setTags(tagIds: readonly string[]): Promise<void> {
    const base = this.insight()?.tags.map((t) => t.id) ?? [];
    await this.retryOnConflict((current, first) => {
      const next = first ? [...tagIds] : rebaseTags(base, tagIds, current.tagIds);
      return { tagIds: next, version: current.version };
    });
  }

  /**
   * The insight's comment count as its discussion tells it, written to the cache so that the
   * repository's row shows it too.
   */
  setCommentCount(commentCount: number): void {
    const insight = this.insight();
    if (!insight) return;
    const cache = this.apollo.client.cache;
    const id = cache.identify({ __typename: 'Insight', id: insight.id });
    if (id) cache.modify({ id, fields: { commentCount: () => commentCount } });
    this.insight.update((i) => (i && i.id === insight.id ? { ...i, commentCount } : i));
  }

  async delete(): Promise<void> {
    const id = this.insight()?.id;
    if (!id) return;
    await this.track(
      firstValueFrom(this.apollo.mutate({ mutation: DeleteInsightDocument, variables: { id } })),
    );
    this.deleted.set(true);
    this.subscription?.unsubscribe();
  }

  async addEvidence(highlightIds: readonly string[]): Promise<void> {
    const insightId = this.insight()?.id;
    if (!insightId || !highlightIds.length) return;
    await this.track(
      firstValueFrom(
        this.apollo.mutate({
          mutation: AddEvidenceDocument,
          variables: { input: { insightId, highlightIds: [...highlightIds] } },
        }),
      ),
    );
  }

  async removeEvidence(highlightId: string): Promise<void> {
    const insightId = this.insight()?.id;
    if (!insightId) return;
    await this.track(
      firstValueFrom(
        this.apollo.mutate({
          mutation: RemoveEvidenceDocument,
          variables: { input: { insightId, highlightIds: [highlightId] } },
        }),
      ),
    );
  }

  /**
   * Sends the change `patch` makes on the insight as it is (first) or, after a CONFLICT, as the
   * api says it is now; at most three times. A patch of null means there is nothing left to do.
   */
  private async retryOnConflict(
    patch: (
      current: { status: InsightStatus; tagIds: string[]; version: number },
      first: boolean,
    ) => { status?: InsightStatus; tagIds?: string[]; version: number } | null,
  ): Promise<void> {
    const insight = this.insight();
    if (!insight) return;
    let current = {
      status: insight.status,
      tagIds: insight.tags.map((t) => t.id),
      version: insight.version,
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const change = patch(current, attempt === 0);
      if (!change) return;
      try {
        await this.update({ id: insight.id, ...change });
        return;
      } catch (err) {
        const snapshot = conflictSnapshot(toAppError(err));
        if (!snapshot) throw err;
        current = snapshot;
      }
    }
    throw new Error('The insight keeps changing. Try again in a moment.');
  }

  private update(input: {
    id: string;
    version: number;
    title?: string;
    body?: string;
    status?: InsightStatus;
    tagIds?: string[];
  }): Promise<unknown> {
    return this.track(
      firstValueFrom(this.apollo.mutate({ mutation: UpdateInsightDocument, variables: { input } })),
    );
  }

  private async track<T>(request: Promise<T>): Promise<T> {
    this.saving.update((n) => n + 1);
    try {
      return await request;
    } finally {
      this.saving.update((n) => n - 1);
    }
  }
}
