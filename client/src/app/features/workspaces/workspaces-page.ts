import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { roleLabel } from '../../core/access/capabilities';
import { toAppError } from '../../core/errors/app-error';
import { plural } from '../../shared/format';
import type { WorkspacesQuery } from '@verbatim/contracts';
import { CreateWorkspaceDocument, WorkspacesDocument } from '@verbatim/contracts/workspaces';
import { DatePipe } from '@angular/common';

const PAGE_SIZE = 50;

@Component({
  selector: 'vb-workspaces-page',
  imports: [FormsModule, RouterLink, DatePipe],
  templateUrl: './workspaces-page.html',
  styleUrl: './list-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkspacesPage {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly query = this.apollo.watchQuery({
    query: WorkspacesDocument,
    variables: { first: PAGE_SIZE },
  });

  protected readonly connection = signal<WorkspacesQuery['workspaces'] | null>(null);
  protected readonly workspaces = computed(() => this.connection()?.edges.map((e) => e.node) ?? []);
  protected readonly loadError = signal<string | null>(null);
  protected readonly name = signal('');
  protected readonly creating = signal(false);
  protected readonly createError = signal<string | null>(null);
  protected readonly roleLabel = roleLabel;
  protected readonly plural = plural;

  constructor() {
    this.query.valueChanges.pipe(takeUntilDestroyed()).subscribe({
      next: (result) => {
        if (result.dataState === 'complete') this.connection.set(result.data.workspaces);
        if (result.error) this.loadError.set(toAppError(result.error).message);
      },
      error: (err: unknown) => this.loadError.set(toAppError(err).message),
    });
  }

  protected async loadMore(): Promise<void> {
    const after = this.connection()?.pageInfo.endCursor;
    if (after) await this.query.fetchMore({ variables: { after } });
  }

  protected async create(): Promise<void> {
    const name = this.name().trim();
    this.createError.set(null);
    if (!name) {
      this.createError.set('Give the workspace a name.');
      return;
    }
    this.creating.set(true);
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({ mutation: CreateWorkspaceDocument, variables: { input: { name } } }),
      );
      const created = result.data?.createWorkspace;
      if (created) await this.router.navigate(['/w', created.id]);
    } catch (err) {
      this.createError.set(toAppError(err).message);
    } finally {
      this.creating.set(false);
    }
  }
}
