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
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { Apollo, type QueryRef } from 'apollo-angular';
import { Subject, Subscription, debounceTime, firstValueFrom } from 'rxjs';
import { resubscribeOnError } from '../../core/apollo/resubscribe';
import { capabilitiesFor } from '../../core/access/capabilities';
import { LiveConnection } from '../../core/apollo/live-connection';
import { type AppError, toAppError } from '../../core/errors/app-error';
import { CurrentWorkspace } from '../../core/workspace/current-workspace';
import type {
  ProjectFragment as Project,
  TranscriptsQuery,
  TranscriptsQueryVariables,
  WorkspaceFragment as Workspace,
} from '@verbatim/contracts';
import { ProjectDocument } from '@verbatim/contracts/projects';
import {
  DeleteTranscriptDocument,
  RetryTranscriptDocument,
  TranscriptsDocument,
  TranscriptUpdatedDocument,
} from '@verbatim/contracts/transcripts';
import { WorkspacesDocument } from '@verbatim/contracts/workspaces';
import { NotFound, isNotFound } from '../../shared/not-found';
import { ParticipantsPanel } from './participants-panel';
import { PasteImport } from './paste-import';
import { ProjectAccess } from './project-access';
import { ProjectDigest } from './project-digest';
import { ProjectExports } from './project-exports';
import { ProjectLanguage } from './project-language';
import { TranscriptList } from './transcript-list';
import { UploadPanel } from './upload-panel';
import { ViewsNav } from '../evidence/views-nav';
import { ProjectSearchBox } from '../search/project-search-box';

const PAGE_SIZE = 25;

type TranscriptsQueryRef = QueryRef<TranscriptsQuery, TranscriptsQueryVariables>;

/**
 * One study: add transcripts, watch them process live, manage the speakers. What is offered
 * follows the user's role; viewers and commenters read only.
 */
@Component({
  selector: 'vb-project-page',
  imports: [
    RouterLink,
    UploadPanel,
    PasteImport,
    TranscriptList,
    ParticipantsPanel,
    ProjectAccess,
    ProjectLanguage,
    NotFound,
    ViewsNav,
    ProjectSearchBox,
    ProjectDigest,
    ProjectExports,
  ],
  templateUrl: './project-page.html',
  styleUrl: './project-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectPage {
  private readonly apollo = inject(Apollo);
  private readonly live = inject(LiveConnection);
  private readonly title = inject(Title);
  private readonly destroyRef = inject(DestroyRef);
  private readonly currentWorkspace = inject(CurrentWorkspace);
  private readonly refetchSoon = new Subject<void>();
  private subscriptions = new Subscription();
  private transcriptsQuery: TranscriptsQueryRef | null = null;

  readonly projectId = input.required<string>();

  private readonly participantsPanel = viewChild(ParticipantsPanel);
  private readonly query = toSignal(inject(ActivatedRoute).queryParamMap);
  /** `?export=<id>`: an "export ready" notification points at its export. */
  protected readonly focusExport = computed(() => this.query()?.get('export') ?? null);

  protected readonly project = signal<Project | null>(null);
  protected readonly projectError = signal<AppError | null>(null);
  protected readonly notFound = computed(() => isNotFound(this.projectError()));
  protected readonly can = computed(() => capabilitiesFor(this.project()?.role));
  protected readonly actionError = signal<string | null>(null);
  protected readonly connection = signal<TranscriptsQuery['transcripts'] | null>(null);
  protected readonly listError = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly showPaste = signal(false);
  protected readonly transcripts = computed(
    () => this.connection()?.edges.map((e) => e.node) ?? [],
  );
  private readonly workspaces = signal<readonly Workspace[]>([]);
  protected readonly workspaceName = computed(() => {
    const workspaceId = this.project()?.workspaceId;
    return this.workspaces().find((w) => w.id === workspaceId)?.name ?? 'Projects';
  });
  protected readonly knownTitles = computed(
    () => new Map(this.transcripts().map((t) => [t.id, t.title] as const)),
  );

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
    this.refetchSoon.pipe(debounceTime(250), takeUntilDestroyed()).subscribe(() => this.refetch());
    this.live.reconnected$.pipe(takeUntilDestroyed()).subscribe(() => {
      this.refetch();
      this.participantsPanel()?.refresh();
    });
    this.destroyRef.onDestroy(() => this.subscriptions.unsubscribe());
    this.apollo
      .watchQuery({ query: WorkspacesDocument, variables: { first: 50 } })
      .valueChanges.pipe(takeUntilDestroyed())
      .subscribe((result) => {
        if (result.dataState === 'complete') {
          this.workspaces.set(result.data.workspaces.edges.map((e) => e.node));
        }
      });
  }

  private load(projectId: string): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    this.project.set(null);
    this.connection.set(null);

    this.subscriptions.add(
      this.apollo
        .watchQuery({ query: ProjectDocument, variables: { id: projectId } })
        .valueChanges.subscribe((result) => {
          if (result.dataState === 'complete') {
            this.project.set(result.data.project);
            this.currentWorkspace.set(result.data.project.workspaceId);
            this.title.setTitle(`${result.data.project.name} · Verbatim`);
          }
          this.projectError.set(result.error ? toAppError(result.error) : null);
        }),
    );

    const query: TranscriptsQueryRef = this.apollo.watchQuery({
      query: TranscriptsDocument,
      variables: { projectId, first: PAGE_SIZE },
    });
    this.transcriptsQuery = query;
    this.subscriptions.add(
      query.valueChanges.subscribe((result) => {
        if (result.dataState === 'complete') this.connection.set(result.data.transcripts);
        this.listError.set(result.error ? toAppError(result.error).message : null);
      }),
    );

    this.subscriptions.add(
      this.apollo
        .subscribe({ query: TranscriptUpdatedDocument, variables: { projectId } })
        // If the stream ever ends in an error, subscribe again and catch up on what was missed.
        .pipe(resubscribeOnError(() => this.refetchSoon.next()))
        .subscribe({
          next: ({ data }) => {
            const updated = data?.transcriptUpdated;
            if (!updated) return;
            // Known rows update through the normalized cache; a new one needs the list again.
            if (!this.transcripts().some((t) => t.id === updated.id)) this.refetchSoon.next();
            if (updated.status === 'READY') this.participantsPanel()?.refresh();
          },
          error: () => undefined,
        }),
    );
  }

  protected refetch(): void {
    void this.transcriptsQuery?.refetch();
  }

  protected added(): void {
    this.refetchSoon.next();
  }

  protected async deleteTranscript(id: string): Promise<void> {
    this.actionError.set(null);
    try {
      await firstValueFrom(
        this.apollo.mutate({ mutation: DeleteTranscriptDocument, variables: { id } }),
      );
      this.apollo.client.cache.evict({ id: `Transcript:${id}` });
      this.apollo.client.cache.gc();
      this.refetch();
      this.participantsPanel()?.refresh();
    } catch (err) {
      this.actionError.set(toAppError(err).message);
    }
  }

  /** The transcript's new status arrives through the normalized cache and the subscription. */
  protected async retryTranscript(id: string): Promise<void> {
    this.actionError.set(null);
    try {
      // The row follows the live updates; the answer could arrive after the job's own updates.
      await firstValueFrom(
        this.apollo.mutate({
          mutation: RetryTranscriptDocument,
          variables: { id },
          fetchPolicy: 'no-cache',
        }),
      );
    } catch (err) {
      this.actionError.set(toAppError(err).message);
    }
  }

  protected async loadMore(): Promise<void> {
    const after = this.connection()?.pageInfo.endCursor;
    if (!after || !this.transcriptsQuery) return;
    this.loadingMore.set(true);
    try {
      await this.transcriptsQuery.fetchMore({ variables: { after } });
    } catch (err) {
      this.listError.set(toAppError(err).message);
    } finally {
      this.loadingMore.set(false);
    }
  }
}
