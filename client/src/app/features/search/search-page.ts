import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { Subscription } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { SearchHitKind, SearchQuery } from '@verbatim/contracts';
import { SearchDocument } from '@verbatim/contracts/search';
import { AddToBoard } from '../../shared/add-to-board/add-to-board';
import { AddToInsight } from '../../shared/add-to-insight/add-to-insight';
import { plural } from '../../shared/format';
import { NotFound } from '../../shared/not-found';
import { FilterBar } from '../evidence/filter-bar';
import { formatClock } from '../evidence/grouping';
import { projectContext } from '../evidence/project-context';
import {
  type ViewFilter,
  filterFromParams,
  filterToParams,
  toHighlightFilter,
} from '../evidence/view-filter';
import { ViewsHeader } from '../evidence/views-header';
import { type SnippetPart, snippetParts } from './snippet';
import { mergeQuery } from '../evidence/merge-query';

type SearchHit = SearchQuery['search']['edges'][number]['node'];
type SearchResults = SearchQuery['search'];

const PAGE_SIZE = 20;
const KIND_PARAM: Record<SearchHitKind, string> = { SEGMENT: 'turn', HIGHLIGHT: 'highlight' };

interface ShownHit extends SearchHit {
  parts: SnippetPart[];
}

/** Everything said or highlighted in a project that matches a web-search style query. */
@Component({
  selector: 'vb-search-page',
  imports: [RouterLink, NotFound, ViewsHeader, FilterBar, AddToBoard, AddToInsight],
  templateUrl: './search-page.html',
  styleUrl: './search-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SearchPage {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private subscriptions = new Subscription();
  private generation = 0;

  readonly projectId = input.required<string>();

  private readonly box = viewChild<ElementRef<HTMLInputElement>>('box');

  protected readonly ctx = projectContext(() => this.projectId(), 'Search');
  private readonly params = toSignal(this.route.queryParamMap, {
    initialValue: this.route.snapshot.queryParamMap,
  });
  protected readonly query = computed(() => (this.params().get('q') ?? '').trim());
  protected readonly filter = computed(() => filterFromParams(this.params()), {
    equal: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  /** Both kinds unless the URL narrows them to one. */
  protected readonly kinds = computed<SearchHitKind[]>(
    () => {
      const asked = this.params().getAll('kind');
      const kinds = (Object.keys(KIND_PARAM) as SearchHitKind[]).filter((k) =>
        asked.includes(KIND_PARAM[k]),
      );
      return kinds.length ? kinds : ['SEGMENT', 'HIGHLIGHT'];
    },
    { equal: (a, b) => a.join() === b.join() },
  );

  protected readonly hits = signal<readonly ShownHit[]>([]);
  protected readonly results = signal<Omit<SearchResults, 'edges' | 'pageInfo'> | null>(null);
  protected readonly pageInfo = signal<SearchQuery['search']['pageInfo'] | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly formatClock = formatClock;
  protected readonly plural = plural;
  /** Highlight hits chosen to add to a board or an insight. */
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  protected readonly chosenIds = computed(() => [...this.chosen()]);
  /** The highlights among the hits shown. */
  protected readonly highlightIds = computed(() =>
    this.hits().flatMap((h) => (h.highlight ? [h.highlight.id] : [])),
  );

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      const query = this.query();
      const filter = this.filter();
      const kinds = this.kinds();
      untracked(() => this.search(projectId, query, filter, kinds, null));
    });
    inject(DestroyRef).onDestroy(() => {
      this.generation += 1;
      this.subscriptions.unsubscribe();
    });
  }

  private search(
    projectId: string,
    query: string,
    filter: ViewFilter,
    kinds: SearchHitKind[],
    after: string | null,
  ): void {
    if (!after) {
      this.subscriptions.unsubscribe();
      this.subscriptions = new Subscription();
      this.generation += 1;
      this.hits.set([]);
      this.chosen.set(new Set());
      this.results.set(null);
      this.pageInfo.set(null);
    }
    this.error.set(null);
    if (!query) {
      this.loading.set(false);
      return;
    }
    const generation = this.generation;
    this.loading.set(true);
    this.subscriptions.add(
      this.apollo
        .query({
          query: SearchDocument,
          variables: {
            input: { ...toHighlightFilter(projectId, filter), query, kinds },
            first: PAGE_SIZE,
            after,
          },
          fetchPolicy: 'no-cache',
        })
        .subscribe({
          next: ({ data }) => {
            if (generation !== this.generation || !data) return;
            const { edges, pageInfo, ...rest } = data.search;
            this.hits.update((all) => [
              ...all,
              ...edges.map((e) => ({ ...e.node, parts: snippetParts(e.node.snippet) })),
            ]);
            if (!after) this.results.set(rest);
            this.pageInfo.set(pageInfo);
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

  protected submit(event: Event): void {
    event.preventDefault();
    const q = this.box()?.nativeElement.value.trim() ?? '';
    mergeQuery(this.router, this.route, { q: q || null });
  }

  protected loadMore(): void {
    const after = this.pageInfo()?.endCursor;
    if (!after || this.loading()) return;
    this.search(this.projectId(), this.query(), this.filter(), this.kinds(), after);
  }

  protected setFilter(filter: ViewFilter): void {
    mergeQuery(this.router, this.route, filterToParams(filter));
  }

  protected toggleKind(kind: SearchHitKind, on: boolean): void {
    const current = new Set(this.kinds());
    if (on) current.add(kind);
    else current.delete(kind);
    // Neither kind means nothing to find: keep the other one on instead.
    if (current.size === 0) current.add(kind === 'SEGMENT' ? 'HIGHLIGHT' : 'SEGMENT');
    const both = current.size === 2;
    mergeQuery(this.router, this.route, {
      kind: both ? null : [...current].map((k) => KIND_PARAM[k]),
    });
  }

  protected choose(id: string, checked: boolean): void {
    this.chosen.update((all) => {
      const next = new Set(all);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  /** Chooses every highlight hit shown, or none when all of them already are. */
  protected chooseAll(): void {
    const shown = this.highlightIds();
    const all = shown.length > 0 && shown.every((id) => this.chosen().has(id));
    this.chosen.set(all ? new Set() : new Set(shown));
  }

  /** The snippet's words, to name a hit's checkbox. */
  protected plainSnippet(hit: ShownHit): string {
    return hit.parts.map((p) => p.text).join('');
  }

  protected readerQuery(hit: SearchHit): Record<string, string | number | null> {
    return { turn: hit.segment.index, q: this.query(), highlight: hit.highlight?.id ?? null };
  }

  protected countLabel(): string {
    const r = this.results();
    if (!r) return '';
    const n = r.totalCount.toLocaleString('en-US');
    if (r.totalCountCapped) return `${n}+ results`;
    return r.totalCount === 1 ? '1 result' : `${n} results`;
  }

  protected readonly trackHit = (hit: SearchHit): string =>
    `${hit.kind}:${hit.highlight?.id ?? hit.segment.id}`;
}
