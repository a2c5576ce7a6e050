import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  effect,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { CodebookTagFragment as Tag } from '@verbatim/contracts';
import { composeDescription, descendantIds, parseDescription, tagTree } from './codebook-tree';

export interface TagDraft {
  name: string;
  description: string | null;
  color: string;
  parentId: string | null;
}

/** Colours offered for new tags; any other can be picked too. */
export const TAG_COLORS = [
  '#2f5d8a',
  '#1f8a70',
  '#c2410c',
  '#a3262d',
  '#7c3aed',
  '#b7791f',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
  '#57534e',
];

/** The form for a new tag or for editing one: name, colour, parent and the three descriptions. */
@Component({
  selector: 'vb-tag-editor',
  templateUrl: './tag-editor.html',
  styleUrl: './tag-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TagEditor {
  /** The tag being edited; null for a new one. */
  readonly tag = input<Tag | null>(null);
  readonly tags = input.required<readonly Tag[]>();
  /** Parent for a new tag ("Add sub-tag"). */
  readonly initialParentId = input<string | null>(null);
  readonly saving = input(false);
  readonly error = input<string | null>(null);
  readonly save = output<TagDraft>();
  readonly cancelled = output<void>();

  private readonly nameInput = viewChild<ElementRef<HTMLInputElement>>('nameInput');

  protected readonly colors = TAG_COLORS;
  protected readonly name = signal('');
  protected readonly color = signal(TAG_COLORS[0]!);
  protected readonly parentId = signal<string | null>(null);
  protected readonly definition = signal('');
  protected readonly whenToUse = signal('');
  protected readonly whenNotToUse = signal('');
  protected readonly nameMissing = signal(false);

  /** Possible parents, indented; the tag itself and its sub-tags cannot be chosen. */
  protected readonly parentOptions = computed(() => {
    const tag = this.tag();
    const blocked = tag ? descendantIds(this.tags(), tag.id).add(tag.id) : new Set<string>();
    return tagTree(this.tags()).map((row) => ({
      id: row.tag.id,
      label: `${'\u2003'.repeat(row.depth)}${row.tag.name}`,
      disabled: blocked.has(row.tag.id),
    }));
  });

  constructor() {
    // Fill the form when another tag (or a new one) is opened, not when the list refreshes.
    const opened = computed(() => this.tag()?.id ?? `new:${this.initialParentId() ?? ''}`);
    effect(() => {
      opened();
      untracked(() => this.fill());
    });
  }

  private fill(): void {
    const tag = this.tag();
    const parts = parseDescription(tag?.description);
    this.name.set(tag?.name ?? '');
    this.color.set(tag?.color ?? TAG_COLORS[this.tags().length % TAG_COLORS.length]!);
    this.parentId.set(tag ? tag.parentId : this.initialParentId());
    this.definition.set(parts.definition);
    this.whenToUse.set(parts.whenToUse);
    this.whenNotToUse.set(parts.whenNotToUse);
    this.nameMissing.set(false);
    queueMicrotask(() => this.nameInput()?.nativeElement.focus());
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLTextAreaElement).value;
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const name = this.name().trim();
    this.nameMissing.set(!name);
    if (!name) {
      this.nameInput()?.nativeElement.focus();
      return;
    }
    this.save.emit({
      name,
      color: this.color(),
      parentId: this.parentId(),
      description: composeDescription({
        definition: this.definition(),
        whenToUse: this.whenToUse(),
        whenNotToUse: this.whenNotToUse(),
      }),
    });
  }
}
