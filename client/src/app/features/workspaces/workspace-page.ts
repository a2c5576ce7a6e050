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
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Apollo, type QueryRef } from 'apollo-angular';
import { Subscription, firstValueFrom } from 'rxjs';
import { capabilitiesFor, roleLabel } from '../../core/access/capabilities';
import { type AppError, toAppError } from '../../core/errors/app-error';
import { CurrentWorkspace } from '../../core/workspace/current-workspace';
import type {
  ProjectsQuery,
  ProjectsQueryVariables,
  WorkspaceFragment as Workspace,
} from '@verbatim/contracts';
import { CreateProjectDocument, ProjectsDocument } from '@verbatim/contracts/projects';
import { WorkspaceDocument } from '@verbatim/contracts/workspaces';
import { NotFound, isNotFound } from '../../shared/not-found';
import { ProjectImport } from './project-import';

const PAGE_SIZE = 50;

@Component({
  selector: 'vb-workspace-page',
  imports: [FormsModule, RouterLink, DatePipe, NotFound, ProjectImport],
  templateUrl: './workspace-page.html',
  styleUrl: './list-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkspacePage {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly currentWorkspace = inject(CurrentWorkspace);
  private subscriptions = new Subscription();
  private query: QueryRef<ProjectsQuery, ProjectsQueryVariables> | null = null;

  readonly workspaceId = input.required<string>();

  protected readonly workspace = signal<Workspace | null>(null);
  protected readonly workspaceError = signal<AppError | null>(null);
  protected readonly notFound = computed(() => isNotFound(this.workspaceError()));
  protected readonly can = computed(() => capabilitiesFor(this.workspace()?.role));
  protected readonly roleLabel = roleLabel;
  protected readonly connection = signal<ProjectsQuery['projects'] | null>(null);
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
    this.destroyRef.onDestroy(() => this.subscriptions.unsubscribe());
  }

  private load(workspaceId: string): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    this.workspace.set(null);
    this.workspaceError.set(null);
    this.connection.set(null);
    this.loadError.set(null);
    this.subscriptions.add(
      this.apollo
        .watchQuery({ query: WorkspaceDocument, variables: { id: workspaceId } })
        .valueChanges.subscribe((result) => {
          if (result.dataState === 'complete') {
            this.workspace.set(result.data.workspace);
            this.currentWorkspace.set(workspaceId);
          }
          this.workspaceError.set(result.error ? toAppError(result.error) : null);
          if (result.error && isNotFound(toAppError(result.error)))
            this.currentWorkspace.clear(workspaceId);
        }),
    );
    this.query = this.apollo.watchQuery({
      query: ProjectsDocument,
      variables: { workspaceId, first: PAGE_SIZE },
    });
    this.subscriptions.add(
      this.query.valueChanges.subscribe((result) => {
        if (result.dataState === 'complete') this.connection.set(result.data.projects);
        this.loadError.set(result.error ? toAppError(result.error).message : null);
      }),
    );
  }

  /** A project was imported: the list shows it. */
  protected reload(): void {
    void this.query?.refetch();
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
          mutation: CreateProjectDocument,
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
