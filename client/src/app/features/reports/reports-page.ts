import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { type Subscription, firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { ReportSummaryFragment as ReportSummary } from '@verbatim/contracts';
import {
  CreateReportDocument,
  DeleteReportDocument,
  ReportsDocument,
} from '@verbatim/contracts/reports';
import { ConfirmAction } from '../../shared/confirm-action';
import { NewItemForm } from '../../shared/new-item-form';
import { PendingAction } from '../../shared/pending-action';
import { formatRelative, plural } from '../../shared/format';
import { NotFound } from '../../shared/not-found';
import { projectContext } from '../evidence/project-context';
import { ViewsHeader } from '../evidence/views-header';

const PAGE_SIZE = 50;
export const MAX_REPORT_TITLE = 300;

/** A project's reports: open one, and for editors create and delete them. */
@Component({
  selector: 'vb-reports-page',
  imports: [RouterLink, NotFound, ViewsHeader, ConfirmAction, NewItemForm],
  templateUrl: './reports-page.html',
  styleUrl: './reports-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportsPage {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private subscription: Subscription | null = null;

  readonly projectId = input.required<string>();

  protected readonly ctx = projectContext(() => this.projectId(), 'Reports');
  protected readonly reports = signal<readonly ReportSummary[] | null>(null);
  protected readonly totalCount = signal(0);
  protected readonly endCursor = signal<string | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly newTitle = signal('');
  protected readonly action = new PendingAction();
  protected readonly maxTitle = MAX_REPORT_TITLE;
  protected readonly plural = plural;
  protected readonly when = (iso: string) => formatRelative(iso);

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId, null));
    });
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  private load(projectId: string, after: string | null): void {
    this.subscription?.unsubscribe();
    this.subscription = this.apollo
      .query({
        query: ReportsDocument,
        variables: { projectId, first: PAGE_SIZE, after },
        fetchPolicy: 'no-cache',
      })
      .subscribe({
        next: ({ data }) => {
          if (!data) return;
          const page = data.reports;
          const nodes = page.edges.map((e) => e.node);
          this.reports.update((all) => (after && all ? [...all, ...nodes] : nodes));
          this.totalCount.set(page.totalCount);
          this.endCursor.set(page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null);
          this.loadError.set(null);
        },
        error: (err: unknown) => this.loadError.set(toAppError(err).message),
      });
  }

  protected loadMore(): void {
    const after = this.endCursor();
    if (after) this.load(this.projectId(), after);
  }

  protected async create(): Promise<void> {
    const title = this.action.required(this.newTitle(), 'Give the report a title.');
    if (!title) return;
    await this.action.run(async () => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: CreateReportDocument,
          variables: { input: { projectId: this.projectId(), title } },
        }),
      );
      this.newTitle.set('');
      if (data)
        await this.router.navigate(['/p', this.projectId(), 'reports', data.createReport.id]);
    });
  }

  protected async remove(id: string): Promise<void> {
    await this.action.run(async () => {
      await firstValueFrom(
        this.apollo.mutate({ mutation: DeleteReportDocument, variables: { id } }),
      );
      this.reports.update((all) => all?.filter((r) => r.id !== id) ?? null);
      this.totalCount.update((n) => Math.max(0, n - 1));
    });
  }
}
