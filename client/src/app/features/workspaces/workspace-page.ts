import { DatePipe } from '@angular/common';
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
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Apollo, type QueryRef } from 'apollo-angular';
import { type Subscription, firstValueFrom, map } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import { CREATE_PROJECT, PROJECTS, type Project } from '../../graphql/projects';
import type { Connection, PageVariables } from '../../graphql/types';
import { WORKSPACES } from '../../graphql/workspaces';

const PAGE_SIZE = 50;

@Component({
  selector: 'vb-workspace-page',
  imports: [FormsModule, RouterLink, DatePipe],
  templateUrl: './workspace-page.html',
  styleUrl: './list-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkspacePage {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private subscription: Subscription | null = null;
  private query: QueryRef<
    { projects: Connection<Project> },
    PageVariables & { workspaceId: string }
  > | null = null;

  readonly workspaceId = input.required<string>();

  protected readonly workspaceName = signal<string | null>(null);
  protected readonly connection = signal<Connection<Project> | null>(null);
  protected readonly projects = computed(() => this.connection()?.edges.map((e) => e.node) ?? []);
  protected readonly loadError = signal<string | null>(null);
  protected readonly name = signal('');
  protected readonly description = signal('');
  protected readonly creating = signal(false);
  protected readonly createError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.workspaceId();
      untracked(() => this.load(id));
    });
    this.apollo
      .watchQuery({ query: WORKSPACES, variables: { first: PAGE_SIZE } })
      .valueChanges.pipe(
        map((r) => (r.dataState === 'complete' ? r.data.workspaces.edges : [])),
        takeUntilDestroyed(),
      )
      .subscribe((edges) => {
        const found = edges.find((e) => e.node.id === this.workspaceId());
        if (found) this.workspaceName.set(found.node.name);
      });
  }

  private load(workspaceId: string): void {
    this.connection.set(null);
    this.loadError.set(null);
    this.query = this.apollo.watchQuery({
      query: PROJECTS,
      variables: { workspaceId, first: PAGE_SIZE },
    });
    this.subscription?.unsubscribe();
    this.subscription = this.query.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((result) => {
        if (result.dataState === 'complete') this.connection.set(result.data.projects);
        if (result.error) this.loadError.set(toAppError(result.error).message);
      });
  }

  protected async loadMore(): Promise<void> {
    const after = this.connection()?.pageInfo.endCursor;
    if (after && this.query) await this.query.fetchMore({ variables: { after } });
  }

  protected async create(): Promise<void> {
    const name = this.name().trim();
    const description = this.description().trim();
    this.createError.set(null);
    if (!name) {
      this.createError.set('Give the project a name.');
      return;
    }
    this.creating.set(true);
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: CREATE_PROJECT,
          variables: {
            input: { workspaceId: this.workspaceId(), name, description: description || null },
          },
        }),
      );
      const created = result.data?.createProject;
      if (created) await this.router.navigate(['/p', created.id]);
    } catch (err) {
      this.createError.set(toAppError(err).message);
    } finally {
      this.creating.set(false);
    }
  }
}
