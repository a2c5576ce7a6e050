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
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { ReaderHighlightFragment as ReaderHighlight, Role } from '@verbatim/contracts';
import { formatRelative } from '../../shared/format';
import { AddToBoard } from '../../shared/add-to-board/add-to-board';
import { CommentThreads } from '../../shared/comments/comment-threads';
import { TagPicker } from '../../shared/tag-picker/tag-picker';
import type { PickableTag } from '../../shared/tag-picker/tag-picker-filter';
import { HighlightStore } from './highlight-store';
import { PendingAction } from '../../shared/pending-action';

/**
 * One highlight in detail: quote, tags, note, who and when, and its discussion; editors change or
 * delete it.
 */
@Component({
  selector: 'vb-highlight-panel',
  imports: [TagPicker, AddToBoard, CommentThreads],
  templateUrl: './highlight-panel.html',
  styleUrl: './highlight-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HighlightPanel {
  protected readonly store = inject(HighlightStore);
  private readonly injector = inject(Injector);
  private readonly addButton = viewChild<ElementRef<HTMLButtonElement>>('addTag');

  readonly highlight = input.required<ReaderHighlight>();
  readonly canEdit = input(false);
  /** The project, for adding the highlight to one of its boards. */
  readonly projectId = input<string | null>(null);
  /** The member's role and workspace, for the discussion. */
  readonly role = input<Role | null>(null);
  readonly workspaceId = input<string | null>(null);
  protected readonly ids = computed(() => [this.highlight().id]);
  readonly closed = output<void>();
  readonly deleted = output<ReaderHighlight>();
  /** The reader moves the highlight onto the words selected in the transcript. */
  readonly moveRequested = output<ReaderHighlight>();

  protected readonly picking = signal(false);
  protected readonly note = signal('');
  private readonly pending = new PendingAction();
  protected readonly busy = this.pending.busy;
  protected readonly error = this.pending.error;
  protected readonly noteChanged = computed(
    () => this.note().trim() !== (this.highlight().note ?? ''),
  );
  protected readonly when = computed(() => formatRelative(this.highlight().createdAt));
  protected readonly tagIds = computed(() => this.highlight().tags.map((t) => t.id));

  constructor() {
    effect(() => this.note.set(this.highlight().note ?? ''));
  }

  protected run(action: () => Promise<unknown>): Promise<void> {
    return this.pending.run(action);
  }

  /**
   * Closes the picker and gives the keyboard back to "Add tag", where it was before the picker
   * opened, so that the next tag is one Enter away (the picker's input was gone, and the focus
   * with it, to the page's start).
   */
  protected closePicker(): void {
    this.picking.set(false);
    afterNextRender(() => this.addButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected addTag(tag: PickableTag): void {
    this.closePicker();
    void this.run(() => this.store.addTag(this.highlight(), tag.id));
  }

  protected createTag(name: string): void {
    this.closePicker();
    void this.run(async () => {
      const tag = await this.store.createTag(name);
      await this.store.addTag(this.highlight(), tag.id);
    });
  }

  /** The removed tag's button goes away with it: the focus moves on to "Add tag". */
  protected removeTag(tagId: string): void {
    void this.run(async () => {
      await this.store.removeTag(this.highlight(), tagId);
      afterNextRender(() => this.addButton()?.nativeElement.focus(), { injector: this.injector });
    });
  }

  protected saveNote(): void {
    void this.run(() =>
      this.store.update(this.highlight().id, { note: this.note().trim() || null }),
    );
  }

  protected remove(): void {
    const highlight = this.highlight();
    void this.run(async () => {
      await this.store.remove(highlight);
      this.deleted.emit(highlight);
    });
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' && !this.picking()) {
      event.stopPropagation();
      this.closed.emit();
    }
  }
}
