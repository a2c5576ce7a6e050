import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { toAppError } from '../../core/errors/app-error';
import { CommentThreads } from '../../shared/comments/comment-threads';
import { NotFound, isNotFound } from '../../shared/not-found';
import { projectContext } from '../evidence/project-context';
import { InsightEditor } from './insight-editor';
import { InsightEvidence } from './insight-evidence';
import { InsightStatusBadge } from './insight-status';
import { InsightStore } from './insight-store';
import { InsightTags } from './insight-tags';
import { renderMarkdown } from '../../shared/markdown/markdown';
import { ConfirmAction } from '../../shared/confirm-action';

/**
 * One insight: the finding (title), its argument in Markdown, Draft or Published, its tags, the
 * highlights it rests on (each a way into the reader) and its discussion. Editors edit, publish,
 * tag, add and remove evidence, and delete.
 */
@Component({
  selector: 'vb-insight-page',
  imports: [
    ConfirmAction,
    RouterLink,
    DatePipe,
    NotFound,
    InsightEditor,
    InsightEvidence,
    InsightStatusBadge,
    InsightTags,
    CommentThreads,
  ],
  providers: [InsightStore],
  templateUrl: './insight-page.html',
  styleUrl: './insight-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InsightPage {
  protected readonly store = inject(InsightStore);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly injector = inject(Injector);
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('editButton');

  readonly projectId = input.required<string>();
  readonly insightId = input.required<string>();
  /** `?comments=<id>` (a notification about a comment): the page opens at its discussion. */
  readonly comments = input<string | undefined>();
  private broughtToComments: string | null = null;

  protected readonly ctx = projectContext(() => this.projectId(), 'Insight');
  protected readonly insight = this.store.insight;
  protected readonly canEdit = computed(() => this.ctx.can().edit && !this.store.deleted());
  protected readonly notFound = computed(
    () =>
      isNotFound(this.store.loadError()) ||
      this.ctx.notFound() ||
      // An insight opened under another project's address.
      (!!this.insight() && this.insight()!.projectId !== this.projectId()),
  );
  protected readonly bodyHtml = computed(() => renderMarkdown(this.insight()?.body ?? ''));
  protected readonly editing = signal(false);
  protected readonly busy = signal(false);
  protected readonly actionError = signal<string | null>(null);
  /** The repository, showing this project's insights. */
  protected readonly repositoryLink = computed(() => {
    const workspaceId = this.ctx.project()?.workspaceId;
    return workspaceId
      ? { commands: ['/w', workspaceId, 'insights'], queryParams: { project: this.projectId() } }
      : { commands: ['/p', this.projectId(), 'insights'], queryParams: {} };
  });

  constructor() {
    effect(() => {
      const id = this.insightId();
      untracked(() => {
        this.editing.set(false);
        this.store.load(id);
      });
    });
    effect(() => {
      const insight = this.insight();
      if (!insight || this.comments() !== insight.id || this.broughtToComments === insight.id)
        return;
      this.broughtToComments = insight.id;
      afterNextRender(() => this.showComments(), { injector: this.injector });
    });
    effect(() => {
      const insight = this.insight();
      const project = this.ctx.project();
      if (insight)
        this.title.setTitle(`${insight.title} · ${project?.name ?? 'Insight'} · Verbatim`);
    });
  }

  /** Scrolls to the discussion and puts the focus on its heading, for keyboards and readers. */
  private showComments(): void {
    const heading = document.querySelector<HTMLElement>('#comments .comments-title');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  }

  protected edit(): void {
    this.actionError.set(null);
    this.editing.set(true);
  }

  protected closeEditor(): void {
    this.editing.set(false);
    afterNextRender(() => this.editButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async toggleStatus(): Promise<void> {
    const insight = this.insight();
    if (!insight) return;
    await this.run(() =>
      this.store.setStatus(insight.status === 'PUBLISHED' ? 'DRAFT' : 'PUBLISHED'),
    );
  }

  protected async remove(): Promise<void> {
    const link = this.repositoryLink();
    const done = await this.run(() => this.store.delete());
    if (done) await this.router.navigate(link.commands, { queryParams: link.queryParams });
  }

  private async run(action: () => Promise<void>): Promise<boolean> {
    this.busy.set(true);
    this.actionError.set(null);
    try {
      await action();
      return true;
    } catch (err) {
      this.actionError.set(toAppError(err).message);
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
