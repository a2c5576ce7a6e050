import { DatePipe } from '@angular/common';
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
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { Subscription } from 'rxjs';
import { capabilitiesFor } from '../../core/access/capabilities';
import { type AppError, toAppError } from '../../core/errors/app-error';
import { CurrentWorkspace } from '../../core/workspace/current-workspace';
import type {
  InsightSummaryFragment,
  InsightsQuery,
  ProjectFragment as Project,
  ProjectTagFragment,
  WorkspaceFragment as Workspace,
} from '@verbatim/contracts';
import { ProjectTagsDocument } from '@verbatim/contracts/highlights';
import { InsightsDocument } from '@verbatim/contracts/insights';
import { ProjectsDocument } from '@verbatim/contracts/projects';
import { WorkspaceDocument } from '@verbatim/contracts/workspaces';
import { plural } from '../../shared/format';
import { NotFound, isNotFound } from '../../shared/not-found';
import { mergeQuery } from '../evidence/merge-query';
import {
  type InsightListFilter,
  MAX_QUERY_LENGTH,
  insightFilterFromParams,
  insightFilterToParams,
  isFiltered,
  sameInsightFilter,
  toInsightFilter,
} from './insight-filter';
import { InsightStatusBadge } from './insight-status';
import { excerpt } from '../../shared/markdown/excerpt';
import { evidenceLine, insightCount } from './insight-text';
import { NewInsight, type ProjectChoice } from './new-insight';

interface Row extends InsightSummaryFragment {
  excerpt: string;
  evidence: string;
}

const PAGE_SIZE = 20;
/** Projects are read in pages of the api's largest size, for their names and the filter. */
const PROJECT_PAGE = 100;

/**
 * The insight repository of a workspace: every insight of the projects the user can see,
 * searched (best matches first) or newest first, narrowed by project, status and tags. The
 * filters live in the address, so a link reproduces the view and Back/Forward step through it.
 */
@Component({
  selector: 'vb-insights-page',
  imports: [RouterLink, DatePipe, NotFound, InsightStatusBadge, NewInsight],
  templateUrl: './insights-page.html',
  styleUrl: './insights-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InsightsPage {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly title = inject(Title);
  private readonly currentWorkspace = inject(CurrentWorkspace);
  private readonly box = viewChild<ElementRef<HTMLInputElement>>('box');
  private subscriptions = new Subscription();
  private listSubscriptions = new Subscription();
  private generation = 0;

  readonly workspaceId = input.required<string>();

  private readonly params = toSignal(this.route.queryParamMap, {
    initialValue: this.route.snapshot.queryParamMap,
  });
  protected readonly filter = computed(() => insightFilterFromParams(this.params()), {
    equal: sameInsightFilter,
  });
  protected readonly workspace = signal<Workspace | null>(null);
  protected readonly workspaceError = signal<AppError | null>(null);
  protected readonly notFound = computed(() => isNotFound(this.workspaceError()));
  protected readonly projects = signal<readonly Project[]>([]);
  protected readonly projectNames = computed(
    () => new Map(this.projects().map((p) => [p.id, p.name] as const)),
  );
  /** Projects the user may write insights in. */
  protected readonly writable = computed<ProjectChoice[]>(() =>
    this.projects()
      .filter((p) => capabilitiesFor(p.role).edit)
      .map((p) => ({ id: p.id, name: p.name })),
  );
  protected readonly tags = signal<readonly ProjectTagFragment[]>([]);
  protected readonly tagNames = computed(() => new Map(this.tags().map((t) => [t.id, t] as const)));
  protected readonly rows = signal<readonly Row[]>([]);
  protected readonly totalCount = signal<number | null>(null);
  /** The api stopped counting at totalCount: there are more. */
  protected readonly totalCountCapped = signal(false);
  protected readonly pageInfo = signal<InsightsQuery['insights']['pageInfo'] | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly creating = signal(false);
  protected readonly filtered = computed(() => isFiltered(this.filter()));
  protected readonly maxQuery = MAX_QUERY_LENGTH;
  protected readonly plural = plural;

  constructor() {
    effect(() => {
      const workspaceId = this.workspaceId();
      untracked(() => this.loadWorkspace(workspaceId));
    });
    effect(() => {
      const workspaceId = this.workspaceId();
      const filter = this.filter();
      untracked(() => this.loadPage(workspaceId, filter, null));
    });
    effect(() => {
      const projectId = this.filter().projectId;
      untracked(() => this.loadTags(projectId));
    });
    inject(DestroyRef).onDestroy(() => {
      this.generation += 1;
      this.subscriptions.unsubscribe();
      this.listSubscriptions.unsubscribe();
    });
  }

  private loadWorkspace(workspaceId: string): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    this.workspace.set(null);
    this.workspaceError.set(null);
    this.projects.set([]);
    this.subscriptions.add(
      this.apollo
        .watchQuery({ query: WorkspaceDocument, variables: { id: workspaceId } })
        .valueChanges.subscribe((result) => {
          if (result.dataState === 'complete') {
            this.workspace.set(result.data.workspace);
            this.currentWorkspace.set(workspaceId);
            this.title.setTitle(`Insights · ${result.data.workspace.name} · Verbatim`);
          }
          this.workspaceError.set(result.error ? toAppError(result.error) : null);
        }),
    );
    this.loadProjects(workspaceId, null);
  }

  /** Every project of the workspace the user sees, page after page. */
  private loadProjects(workspaceId: string, after: string | null): void {
    this.subscriptions.add(
      this.apollo
        .query({
          query: ProjectsDocument,
          variables: { workspaceId, first: PROJECT_PAGE, after },
          fetchPolicy: 'network-only',
        })
        .subscribe({
          next: ({ data }) => {
            if (!data) return;
            const page = data.projects;
            this.projects.update((all) => [...all, ...page.edges.map((e) => e.node)]);
            if (page.pageInfo.hasNextPage && page.pageInfo.endCursor)
              this.loadProjects(workspaceId, page.pageInfo.endCursor);
          },
          error: (err: unknown) => this.error.set(toAppError(err).message),
        }),
    );
  }

  private loadTags(projectId: string | null): void {
    this.tags.set([]);
    if (!projectId) return;
    this.subscriptions.add(
      this.apollo.query({ query: ProjectTagsDocument, variables: { projectId } }).subscribe({
        next: ({ data }) => {
          if (this.filter().projectId === projectId) this.tags.set(data?.tags ?? []);
        },
        // A project that is not (or no longer) visible simply offers no tags.
        error: () => this.tags.set([]),
      }),
    );
  }

  private loadPage(workspaceId: string, filter: InsightListFilter, after: string | null): void {
    if (!after) {
      this.listSubscriptions.unsubscribe();
      this.listSubscriptions = new Subscription();
      this.generation += 1;
      this.rows.set([]);
      this.totalCount.set(null);
      this.pageInfo.set(null);
    }
    const generation = this.generation;
    this.loading.set(true);
    this.error.set(null);
    this.listSubscriptions.add(
      this.apollo
        .query({
          query: InsightsDocument,
          variables: { filter: toInsightFilter(workspaceId, filter), first: PAGE_SIZE, after },
          fetchPolicy: 'no-cache',
        })
        .subscribe({
          next: ({ data }) => {
            if (generation !== this.generation || !data) return;
            const page = data.insights;
            this.rows.update((all) => [...all, ...page.edges.map((e) => toRow(e.node))]);
            this.totalCount.set(page.totalCount);
            this.totalCountCapped.set(page.totalCountCapped);
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
    this.loadPage(this.workspaceId(), this.filter(), after);
  }

  protected search(event: Event): void {
    event.preventDefault();
    const query = this.box()?.nativeElement.value ?? '';
    this.setFilter({ ...this.filter(), query: query.trim().slice(0, MAX_QUERY_LENGTH) });
  }

  protected setProject(projectId: string): void {
    // Tags are of one project's codebook: another project starts without them.
    this.setFilter({ ...this.filter(), projectId: projectId || null, tagIds: [] });
  }

  protected setStatus(status: string): void {
    this.setFilter({
      ...this.filter(),
      status: status === 'DRAFT' || status === 'PUBLISHED' ? status : null,
    });
  }

  protected addTag(tagId: string): void {
    if (!tagId) return;
    const tagIds = this.filter().tagIds;
    if (!tagIds.includes(tagId)) this.setFilter({ ...this.filter(), tagIds: [...tagIds, tagId] });
  }

  protected removeTag(tagId: string): void {
    this.setFilter({ ...this.filter(), tagIds: this.filter().tagIds.filter((t) => t !== tagId) });
  }

  protected clearFilters(): void {
    const box = this.box()?.nativeElement;
    if (box) box.value = '';
    this.setFilter({ query: '', projectId: null, status: null, tagIds: [] });
  }

  private setFilter(filter: InsightListFilter): void {
    mergeQuery(this.router, this.route, insightFilterToParams(filter));
  }

  /** "1,000+" when the count was capped. */
  protected shownOf(): string {
    const total = this.totalCount() ?? 0;
    return `${total.toLocaleString('en-US')}${this.totalCountCapped() ? '+' : ''}`;
  }

  protected countLabel(): string {
    const total = this.totalCount();
    if (total === null) return '';
    return insightCount(total, this.totalCountCapped(), !!this.filter().query);
  }
}

function toRow(node: InsightSummaryFragment): Row {
  return { ...node, excerpt: excerpt(node.body), evidence: evidenceLine(node.evidenceCount) };
}
