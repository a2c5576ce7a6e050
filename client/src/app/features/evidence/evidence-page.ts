import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { Subscription, firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { EvidenceHighlightsQuery, TagEvidenceQuery } from '@verbatim/contracts';
import { EvidenceHighlightsDocument, TagEvidenceDocument } from '@verbatim/contracts/evidence';
import { plural } from '../../shared/format';
import { AddToBoard } from '../../shared/add-to-board/add-to-board';
import { AddToInsight } from '../../shared/add-to-insight/add-to-insight';
import { NotFound } from '../../shared/not-found';
import { FilterBar } from './filter-bar';
import { type GroupBy, formatClock, groupConsecutive, readerLink } from './grouping';
import { projectContext } from './project-context';
import {
  type ViewFilter,
  filterFromParams,
  filterToParams,
  toHighlightFilter,
} from './view-filter';
import { ViewsHeader } from './views-header';
import { mergeQuery } from './merge-query';
import { ExportHighlightsDocument } from '@verbatim/contracts/exports';
import { type ExportChoice, ExportControl } from '../../shared/exports/export-control';

type EvidenceHighlight = EvidenceHighlightsQuery['highlights']['edges'][number]['node'];
type TagEvidence = TagEvidenceQuery['tagEvidence'][number];

const PAGE_SIZE = 50;

/**
 * The tag view: every highlight matching the filters across the project's transcripts, grouped
 * by transcript or by participant, with how strongly the evidence supports each tag.
 */
@Component({
  selector: 'vb-evidence-page',
  imports: [RouterLink, NotFound, ViewsHeader, FilterBar, AddToBoard, AddToInsight, ExportControl],
  templateUrl: './evidence-page.html',
  styleUrl: './evidence-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EvidencePage {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private subscriptions = new Subscription();
  private generation = 0;

  readonly projectId = input.required<string>();

  protected readonly ctx = projectContext(() => this.projectId(), 'Tag view');

  protected readonly highlightFormats: readonly ExportChoice[] = [
    { format: 'CSV', label: 'CSV' },
    { format: 'XLSX', label: 'Excel (.xlsx)' },
  ];
  /** Exports what the filters show, every page of it, not only the highlights loaded here. */
  protected readonly exportHighlights = async (format: ExportChoice['format']) => {
    const projectId = this.projectId();
    const result = await firstValueFrom(
      this.apollo.mutate({
        mutation: ExportHighlightsDocument,
        variables: {
          input: { projectId, format, filter: toHighlightFilter(projectId, this.filter()) },
        },
      }),
    );
    if (!result.data) throw new Error('The export could not be started.');
    return result.data.exportHighlights;
  };
  private readonly params = toSignal(this.route.queryParamMap, {
    initialValue: this.route.snapshot.queryParamMap,
  });
  protected readonly filter = computed(() => filterFromParams(this.params()), {
    equal: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  protected readonly groupBy = computed<GroupBy>(() =>
    this.params().get('group') === 'participant' ? 'participant' : 'transcript',
  );

  protected readonly highlights = signal<readonly EvidenceHighlight[]>([]);
  protected readonly totalCount = signal<number | null>(null);
  protected readonly pageInfo = signal<EvidenceHighlightsQuery['highlights']['pageInfo'] | null>(
    null,
  );
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly evidence = signal<readonly TagEvidence[] | null>(null);
  protected readonly evidenceError = signal<string | null>(null);

  protected readonly groups = computed(() => groupConsecutive(this.highlights(), this.groupBy()));
  /** Tags with evidence, strongest first; the bars are relative to the strongest. */
  protected readonly strength = computed(() => {
    const rows = (this.evidence() ?? []).filter((r) => r.highlightCount > 0);
    rows.sort(
      (a, b) =>
        b.highlightCount - a.highlightCount ||
        b.participantCount - a.participantCount ||
        a.tag.name.localeCompare(b.tag.name),
    );
    const max = Math.max(1, ...rows.map((r) => r.highlightCount));
    return rows.map((row) => ({ ...row, share: row.highlightCount / max }));
  });
  /** Highlights chosen to add to a board. */
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  protected readonly chosenIds = computed(() => [...this.chosen()]);
  protected readonly formatClock = formatClock;
  protected readonly readerLink = readerLink;
  protected readonly plural = plural;

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      const filter = this.filter();
      const groupBy = this.groupBy();
      untracked(() => this.load(projectId, filter, groupBy));
    });
    inject(DestroyRef).onDestroy(() => {
      this.generation += 1;
      this.subscriptions.unsubscribe();
    });
  }

  private load(projectId: string, filter: ViewFilter, groupBy: GroupBy): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    this.highlights.set([]);
    this.chosen.set(new Set());
    this.totalCount.set(null);
    this.pageInfo.set(null);
    this.fetchPage(projectId, filter, groupBy, null);
    this.evidenceError.set(null);
    this.subscriptions.add(
      this.apollo
        .query({
          query: TagEvidenceDocument,
          variables: { filter: toHighlightFilter(projectId, filter) },
          fetchPolicy: 'no-cache',
        })
        .subscribe({
          next: ({ data }) => this.evidence.set(data?.tagEvidence ?? []),
          error: (err: unknown) => this.evidenceError.set(toAppError(err).message),
        }),
    );
  }

  private fetchPage(
    projectId: string,
    filter: ViewFilter,
    groupBy: GroupBy,
    after: string | null,
  ): void {
    const generation = after ? this.generation : ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    this.subscriptions.add(
      this.apollo
        .query({
          query: EvidenceHighlightsDocument,
          variables: {
            filter: toHighlightFilter(projectId, filter),
            orderBy: groupBy === 'participant' ? 'PARTICIPANT' : 'TRANSCRIPT',
            first: PAGE_SIZE,
            after,
          },
          fetchPolicy: 'no-cache',
        })
        .subscribe({
          next: ({ data }) => {
            if (generation !== this.generation || !data) return;
            const page = data.highlights;
            this.highlights.update((all) => [...all, ...page.edges.map((e) => e.node)]);
            this.totalCount.set(page.totalCount);
            this.pageInfo.set(page.pageInfo);
            this.loading.set(false);
          },
          error: (err: unknown) => {
            if (generation !== this.generation) return;
            this.error.set(toAppError(err).message);
            this.loading.set(false);
          },
        }),
    );
  }

  protected loadMore(): void {
    const after = this.pageInfo()?.endCursor;
    if (!after || this.loading()) return;
    this.fetchPage(this.projectId(), this.filter(), this.groupBy(), after);
  }

  protected choose(id: string, checked: boolean): void {
    this.chosen.update((all) => {
      const next = new Set(all);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  /** Chooses every highlight shown, or none when all of them already are. */
  protected chooseAll(): void {
    const shown = this.highlights().map((h) => h.id);
    const all = shown.length > 0 && shown.every((id) => this.chosen().has(id));
    this.chosen.set(all ? new Set() : new Set(shown));
  }

  protected setFilter(filter: ViewFilter): void {
    mergeQuery(this.router, this.route, filterToParams(filter));
  }

  protected setGroup(group: GroupBy): void {
    mergeQuery(this.router, this.route, { group: group === 'participant' ? 'participant' : null });
  }

  /** Query parameters that show only the highlights of one tag, keeping the other filters. */
  protected onlyTag(tagId: string): Record<string, unknown> {
    return {
      ...filterToParams({ ...this.filter(), tagIds: [tagId] }),
      group: this.groupBy() === 'participant' ? 'participant' : null,
    };
  }
}
