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
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Apollo, type QueryRef } from 'apollo-angular';
import { Subject, Subscription, debounceTime, firstValueFrom } from 'rxjs';
import { resubscribeOnError } from '../../core/apollo/resubscribe';
import { LiveConnection } from '../../core/apollo/live-connection';
import { toAppError } from '../../core/errors/app-error';
import type {
  AnalysisRunFragment as AnalysisRun,
  AnalysisRunsQuery,
  AnalysisRunsQueryVariables,
  ProjectAiSettingsFragment as ProjectAiSettings,
} from '@verbatim/contracts';
import {
  AnalysisRunsDocument,
  AnalysisRunUpdatedDocument,
  CancelAnalysisDocument,
  ProjectAiSettingsDocument,
  RetryAnalysisRunDocument,
} from '@verbatim/contracts/analysis';
import { NotFound } from '../../shared/not-found';
import { projectContext } from '../evidence/project-context';
import { ViewsHeader } from '../evidence/views-header';
import { AiSettingsPanel } from './ai-settings-panel';
import { RunList } from './run-list';
import { StartAnalysis } from './start-analysis';

const PAGE_SIZE = 20;
const MAX_PAGE = 100;

type RunsQuery = QueryRef<AnalysisRunsQuery, AnalysisRunsQueryVariables>;

/**
 * AI-assisted tagging for one project: start a run, watch its progress live, open its
 * suggestions for review; owners decide whether text may leave the server at all.
 */
@Component({
  selector: 'vb-analysis-page',
  imports: [NotFound, ViewsHeader, StartAnalysis, RunList, AiSettingsPanel],
  templateUrl: './analysis-page.html',
  styleUrl: './analysis-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnalysisPage {
  private readonly apollo = inject(Apollo);
  private readonly live = inject(LiveConnection);
  private readonly refetchSoon = new Subject<void>();
  private subscriptions = new Subscription();
  private runsQuery: RunsQuery | null = null;

  readonly projectId = input.required<string>();

  protected readonly ctx = projectContext(() => this.projectId(), 'Analysis');
  protected readonly isOwner = computed(() => this.ctx.project()?.role === 'OWNER');
  protected readonly connection = signal<AnalysisRunsQuery['analysisRuns'] | null>(null);
  protected readonly runs = computed(() => this.connection()?.edges.map((e) => e.node) ?? []);
  protected readonly settings = signal<ProjectAiSettings | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly cancelling = signal<ReadonlySet<string>>(new Set());
  protected readonly retrying = signal<ReadonlySet<string>>(new Set());
  private readonly pageSize = signal(PAGE_SIZE);

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
    this.refetchSoon.pipe(debounceTime(250), takeUntilDestroyed()).subscribe(() => this.refetch());
    this.live.reconnected$.pipe(takeUntilDestroyed()).subscribe(() => this.refetch());
    inject(DestroyRef).onDestroy(() => this.subscriptions.unsubscribe());
  }

  private load(projectId: string): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    this.connection.set(null);
    this.settings.set(null);
    this.pageSize.set(PAGE_SIZE);

    this.subscriptions.add(
      this.apollo
        .watchQuery({ query: ProjectAiSettingsDocument, variables: { projectId } })
        .valueChanges.subscribe((result) => {
          if (result.dataState === 'complete') this.settings.set(result.data.project.aiSettings);
        }),
    );

    const query: RunsQuery = this.apollo.watchQuery({
      query: AnalysisRunsDocument,
      variables: { projectId, first: PAGE_SIZE },
    });
    this.runsQuery = query;
    this.subscriptions.add(
      query.valueChanges.subscribe((result) => {
        if (result.dataState === 'complete') this.connection.set(result.data.analysisRuns);
        this.error.set(result.error ? toAppError(result.error).message : null);
      }),
    );

    // Progress arrives on the normalized AnalysisRun in the cache, so the list follows it; a
    // run started elsewhere (another tab, a colleague) needs the list again.
    this.subscriptions.add(
      this.apollo
        .subscribe({ query: AnalysisRunUpdatedDocument, variables: { projectId } })
        .pipe(resubscribeOnError(() => this.refetchSoon.next()))
        .subscribe({
          next: ({ data }) => {
            const updated = data?.analysisRunUpdated;
            if (updated && !this.runs().some((r) => r.id === updated.id)) this.refetchSoon.next();
          },
          error: () => undefined,
        }),
    );
  }

  protected refetch(): void {
    void this.runsQuery?.refetch();
  }

  protected started(): void {
    this.refetch();
  }

  protected async showMore(): Promise<void> {
    const next = Math.min(MAX_PAGE, this.pageSize() + PAGE_SIZE);
    this.pageSize.set(next);
    await this.runsQuery?.refetch({ projectId: this.projectId(), first: next });
  }

  protected readonly canShowMore = computed(
    () => !!this.connection()?.pageInfo.hasNextPage && this.pageSize() < MAX_PAGE,
  );

  protected async cancel(run: AnalysisRun): Promise<void> {
    this.cancelling.update((ids) => new Set([...ids, run.id]));
    this.error.set(null);
    try {
      await firstValueFrom(
        this.apollo.mutate({ mutation: CancelAnalysisDocument, variables: { id: run.id } }),
      );
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.cancelling.update((ids) => new Set([...ids].filter((id) => id !== run.id)));
    }
  }

  protected async retry(run: AnalysisRun): Promise<void> {
    this.retrying.update((ids) => new Set([...ids, run.id]));
    this.error.set(null);
    try {
      await firstValueFrom(
        // The run follows the live updates; the answer could arrive after its jobs' updates.
        this.apollo.mutate({
          mutation: RetryAnalysisRunDocument,
          variables: { id: run.id },
          fetchPolicy: 'no-cache',
        }),
      );
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.retrying.update((ids) => new Set([...ids].filter((id) => id !== run.id)));
    }
  }
}
