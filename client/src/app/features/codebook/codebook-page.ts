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
import { RouterLink } from '@angular/router';
import { Apollo, type QueryRef } from 'apollo-angular';
import { type Subscription, firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { CodebookTagFragment as Tag, UpdateTagInput } from '@verbatim/contracts';
import {
  CodebookTagsDocument,
  CreateCodebookTagDocument,
  MergeTagsDocument,
  UpdateCodebookTagDocument,
} from '@verbatim/contracts/codebook';
import { plural } from '../../shared/format';
import { NotFound } from '../../shared/not-found';
import { projectContext } from '../evidence/project-context';
import { ViewsHeader } from '../evidence/views-header';
import { parseDescription, tagTree } from './codebook-tree';
import { TagEditor, type TagDraft } from './tag-editor';
import { ExportCodebookDocument } from '@verbatim/contracts/exports';
import { type ExportChoice, ExportControl } from '../../shared/exports/export-control';

type Panel =
  | { kind: 'new'; parentId: string | null }
  | { kind: 'edit'; id: string }
  | { kind: 'view'; id: string }
  | { kind: 'merge'; id: string };

/**
 * The project's codebook: tags as a tree with their usage, and for editors everything a codebook
 * needs over a study — create, rename, recolour, move, describe, archive and merge.
 */
@Component({
  selector: 'vb-codebook-page',
  imports: [RouterLink, NotFound, ViewsHeader, TagEditor, ExportControl],
  templateUrl: './codebook-page.html',
  styleUrl: './codebook-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CodebookPage {
  private readonly apollo = inject(Apollo);
  private query: QueryRef<{ tags: Tag[] }, { projectId: string }> | null = null;
  private subscription: Subscription | null = null;

  readonly projectId = input.required<string>();

  private readonly mergeDialog = viewChild<ElementRef<HTMLDialogElement>>('mergeDialog');

  protected readonly ctx = projectContext(() => this.projectId(), 'Codebook');

  protected readonly codebookFormats: readonly ExportChoice[] = [
    { format: 'QDC', label: 'REFI-QDA codebook (.qdc)' },
  ];
  protected readonly exportCodebook = async () => {
    const result = await firstValueFrom(
      this.apollo.mutate({
        mutation: ExportCodebookDocument,
        variables: { input: { projectId: this.projectId() } },
      }),
    );
    if (!result.data) throw new Error('The export could not be started.');
    return result.data.exportCodebook;
  };
  protected readonly tags = signal<readonly Tag[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly rows = computed(() => tagTree(this.tags() ?? []));
  protected readonly archived = computed(() =>
    (this.tags() ?? []).filter((t) => t.archived).sort((a, b) => a.name.localeCompare(b.name)),
  );
  protected readonly panel = signal<Panel | null>(null);
  protected readonly panelTag = computed(() => {
    const panel = this.panel();
    return panel && panel.kind !== 'new'
      ? ((this.tags() ?? []).find((t) => t.id === panel.id) ?? null)
      : null;
  });
  protected readonly panelDescription = computed(() =>
    parseDescription(this.panelTag()?.description),
  );
  protected readonly saving = signal(false);
  protected readonly panelError = signal<string | null>(null);
  protected readonly rowError = signal<{ id: string; message: string } | null>(null);
  protected readonly status = signal<string | null>(null);

  /** Merge: the other tag, and which of the two survives. */
  protected readonly mergeWith = signal<string | null>(null);
  protected readonly keepOther = signal(true);
  protected readonly mergePlan = computed(() => {
    const tag = this.panelTag();
    const other = (this.tags() ?? []).find((t) => t.id === this.mergeWith());
    if (!tag || !other || this.panel()?.kind !== 'merge') return null;
    const [source, target] = this.keepOther() ? [tag, other] : [other, tag];
    const children = (this.tags() ?? []).filter((t) => t.parentId === source.id).length;
    return { source, target, children };
  });
  protected readonly plural = plural;
  /** "12 highlights tagged Pricing or a sub-tag (4 directly)", for the count's link. */
  protected usageLabel(tag: Tag): string {
    const all = plural(tag.highlightCount, 'highlight');
    return tag.highlightCount === tag.usageCount
      ? `${all} tagged ${tag.name}`
      : `${all} tagged ${tag.name} or a sub-tag (${tag.usageCount} directly)`;
  }
  protected readonly definitionOf = (tag: Tag) => parseDescription(tag.description).definition;

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.load(projectId));
    });
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  private load(projectId: string): void {
    this.subscription?.unsubscribe();
    this.tags.set(null);
    this.panel.set(null);
    const query = this.apollo.watchQuery({ query: CodebookTagsDocument, variables: { projectId } });
    this.query = query;
    this.subscription = query.valueChanges.subscribe((result) => {
      if (result.dataState === 'complete') this.tags.set(result.data.tags);
      this.loadError.set(result.error ? toAppError(result.error).message : null);
    });
  }

  private async refresh(): Promise<void> {
    await this.query?.refetch().catch(() => undefined);
  }

  protected open(panel: Panel | null): void {
    this.panelError.set(null);
    this.rowError.set(null);
    this.mergeWith.set(null);
    this.keepOther.set(true);
    this.panel.set(panel);
  }

  protected async save(draft: TagDraft): Promise<void> {
    const panel = this.panel();
    if (!panel) return;
    this.saving.set(true);
    this.panelError.set(null);
    try {
      if (panel.kind === 'new') {
        const result = await firstValueFrom(
          this.apollo.mutate({
            mutation: CreateCodebookTagDocument,
            variables: { input: { projectId: this.projectId(), ...draft } },
          }),
        );
        this.status.set(`Created “${result.data?.createTag.name ?? draft.name}”.`);
      } else {
        const tag = this.panelTag();
        if (!tag) return;
        await this.update({ id: tag.id, ...this.changes(tag, draft) });
        this.status.set(`Saved “${draft.name}”.`);
      }
      // Closed now, not after the refresh: by then the user may have opened another tag.
      if (this.panel() === panel) this.panel.set(null);
      await this.refresh();
    } catch (err) {
      // The api's own words, e.g. a duplicate name or a move under one of the tag's sub-tags.
      this.panelError.set(toAppError(err).message);
    } finally {
      this.saving.set(false);
    }
  }

  /** Only what changed, so that an unchanged parent is not sent as a move. */
  private changes(tag: Tag, draft: TagDraft): Omit<UpdateTagInput, 'id'> {
    const patch: Omit<UpdateTagInput, 'id'> = {};
    if (draft.name !== tag.name) patch.name = draft.name;
    if (draft.color.toLowerCase() !== tag.color.toLowerCase()) patch.color = draft.color;
    if ((draft.description ?? null) !== (tag.description ?? null))
      patch.description = draft.description;
    if (draft.parentId !== tag.parentId) patch.parentId = draft.parentId;
    return patch;
  }

  private async update(input: UpdateTagInput): Promise<void> {
    await firstValueFrom(
      this.apollo.mutate({ mutation: UpdateCodebookTagDocument, variables: { input } }),
    );
  }

  protected async setArchived(tag: Tag, archived: boolean): Promise<void> {
    this.rowError.set(null);
    try {
      await this.update({ id: tag.id, archived });
      this.status.set(archived ? `Archived “${tag.name}”.` : `Restored “${tag.name}”.`);
      if (this.panelTag()?.id === tag.id) this.panel.set(null);
      await this.refresh();
    } catch (err) {
      this.rowError.set({ id: tag.id, message: toAppError(err).message });
    }
  }

  protected askMerge(): void {
    if (!this.mergePlan()) return;
    this.mergeDialog()?.nativeElement.showModal();
  }

  protected closeMerge(): void {
    this.mergeDialog()?.nativeElement.close();
  }

  protected async merge(): Promise<void> {
    const plan = this.mergePlan();
    if (!plan) return;
    this.saving.set(true);
    this.panelError.set(null);
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: MergeTagsDocument,
          variables: { input: { sourceId: plan.source.id, targetId: plan.target.id } },
        }),
      );
      this.closeMerge();
      this.apollo.client.cache.evict({ id: `Tag:${plan.source.id}` });
      this.apollo.client.cache.gc();
      const survivor = result.data?.mergeTags;
      this.status.set(
        `Merged “${plan.source.name}” into “${plan.target.name}”, which now has ${plural(
          survivor?.usageCount ?? plan.target.usageCount,
          'highlight',
        )}.`,
      );
      this.panel.set(null);
      await this.refresh();
    } catch (err) {
      this.closeMerge();
      this.panelError.set(toAppError(err).message);
    } finally {
      this.saving.set(false);
    }
  }

  protected otherTags(id: string): Tag[] {
    return (this.tags() ?? [])
      .filter((t) => t.id !== id)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  protected selectValue(event: Event): string {
    return (event.target as HTMLSelectElement).value;
  }
}
