import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { toAppError } from '../../core/errors/app-error';
import { ProjectTagsDocument } from '@verbatim/contracts/highlights';
import type { PickableTag } from '../../shared/tag-picker/tag-picker-filter';
import { TagPicker } from '../../shared/tag-picker/tag-picker';
import { type Insight, InsightStore } from './insight-store';

/** An insight's tags from its project's codebook; editors add and remove them. */
@Component({
  selector: 'vb-insight-tags',
  imports: [TagPicker],
  template: `
    <div class="insight-tags">
      <ul class="tags" aria-label="Tags">
        @for (tag of insight().tags; track tag.id) {
          <li class="tag" [style.--tag-color]="tag.color">
            {{ tag.name }}
            @if (canEdit()) {
              <button
                type="button"
                class="remove"
                [attr.aria-label]="'Remove tag ' + tag.name"
                [disabled]="busy()"
                (click)="remove(tag.id)"
              >
                ×
              </button>
            }
          </li>
        } @empty {
          <li class="muted none">No tags</li>
        }
      </ul>
      @if (canEdit()) {
        @if (picking()) {
          <vb-tag-picker
            label="Tag this insight"
            [tags]="tags()"
            [excludeIds]="tagIds()"
            [canCreate]="false"
            [busy]="busy()"
            [loading]="loadingTags()"
            (picked)="add($event)"
            (cancelled)="closePicker()"
          />
        } @else {
          <button
            #addButton
            type="button"
            class="button button--quiet button--small"
            (click)="openPicker()"
          >
            Add tag
          </button>
        }
      }
      @if (error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
    </div>
  `,
  styles: `
    .insight-tags {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .tags {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 0.3rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .tag {
      --tag-color: var(--accent);
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.05rem 0.5rem;
      border-radius: 999px;
      border: 1px solid color-mix(in srgb, var(--tag-color) 55%, transparent);
      background: color-mix(in srgb, var(--tag-color) 14%, var(--surface));
      font-size: 0.85rem;
      font-weight: 550;
    }
    .remove {
      border: 0;
      background: none;
      padding: 0 0.15rem;
      font: inherit;
      color: var(--muted);
      cursor: pointer;
    }
    .none {
      font-size: 0.9rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InsightTags {
  private readonly apollo = inject(Apollo);
  private readonly store = inject(InsightStore);
  private readonly injector = inject(Injector);
  private readonly addButton = viewChild<ElementRef<HTMLButtonElement>>('addButton');

  readonly insight = input.required<Insight>();
  readonly canEdit = input(false);

  protected readonly tags = signal<readonly PickableTag[]>([]);
  protected readonly picking = signal(false);
  protected readonly busy = signal(false);
  protected readonly loadingTags = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly tagIds = computed(() => this.insight().tags.map((t) => t.id));

  protected openPicker(): void {
    this.error.set(null);
    this.picking.set(true);
    this.loadingTags.set(true);
    this.apollo
      .query({
        query: ProjectTagsDocument,
        variables: { projectId: this.insight().projectId },
        fetchPolicy: 'network-only',
      })
      .subscribe({
        next: ({ data }) => {
          this.tags.set((data?.tags ?? []).filter((t) => !t.archived));
          this.loadingTags.set(false);
        },
        error: (err: unknown) => {
          this.loadingTags.set(false);
          this.error.set(toAppError(err).message);
        },
      });
  }

  protected closePicker(): void {
    this.picking.set(false);
    afterNextRender(() => this.addButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async add(tag: PickableTag): Promise<void> {
    await this.change([...this.tagIds(), tag.id]);
    this.closePicker();
  }

  protected async remove(tagId: string): Promise<void> {
    await this.change(this.tagIds().filter((id) => id !== tagId));
  }

  private async change(tagIds: string[]): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.store.setTags(tagIds);
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }
}
