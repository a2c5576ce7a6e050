import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterNextRender,
  computed,
  effect,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { type PickableTag, type PickerOption, pickerOptions } from './tag-picker-filter';

let nextId = 0;

/**
 * Choose or create a tag by keyboard or mouse: type to filter, arrows and Enter to apply, 1–9
 * for recently used tags while nothing is typed, Escape to cancel. A combobox with a listbox.
 */
@Component({
  selector: 'vb-tag-picker',
  templateUrl: './tag-picker.html',
  styleUrl: './tag-picker.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TagPicker {
  readonly tags = input.required<readonly PickableTag[]>();
  readonly recentIds = input<readonly string[]>([]);
  /** Tags not to offer (already applied). */
  readonly excludeIds = input<readonly string[]>([]);
  readonly canCreate = input(true);
  readonly label = input('Tag this highlight');
  readonly busy = input(false);
  /** The tags are still on their way: Enter waits for them instead of finding nothing. */
  readonly loading = input(false);

  readonly picked = output<PickableTag>();
  readonly created = output<string>();
  readonly cancelled = output<void>();

  protected readonly id = `tag-picker-${nextId++}`;
  protected readonly typed = signal('');
  protected readonly active = signal(0);
  protected readonly options = computed(() => {
    const excluded = new Set(this.excludeIds());
    return pickerOptions(
      this.tags().filter((t) => !excluded.has(t.id)),
      this.recentIds(),
      this.typed(),
      this.canCreate(),
    );
  });

  private readonly field = viewChild.required<ElementRef<HTMLInputElement>>('field');
  private enterPending = false;

  constructor() {
    afterNextRender(() => this.field().nativeElement.focus({ preventScroll: true }));
    effect(() => {
      if (this.loading() || !this.enterPending) return;
      this.enterPending = false;
      this.applyActive();
    });
  }

  protected onInput(value: string): void {
    this.enterPending = false;
    this.typed.set(value);
    this.active.set(0);
  }

  protected onKey(event: KeyboardEvent): void {
    const count = this.options().length;
    switch (event.key) {
      case 'ArrowDown':
        this.active.set(count ? (this.active() + 1) % count : 0);
        break;
      case 'ArrowUp':
        this.active.set(count ? (this.active() - 1 + count) % count : 0);
        break;
      case 'Enter':
        if (this.loading()) this.enterPending = true;
        else this.applyActive();
        break;
      case 'Escape':
        this.cancelled.emit();
        break;
      default: {
        const digit = /^[1-9]$/.test(event.key) && !this.typed() ? Number(event.key) : 0;
        const option = this.options().find((o) => o.kind === 'tag' && o.key === digit);
        if (!digit || !option) return;
        this.choose(option);
      }
    }
    event.preventDefault();
    event.stopPropagation();
  }

  private applyActive(): void {
    const option = this.options()[this.active()];
    if (option) this.choose(option);
  }

  protected choose(option: PickerOption): void {
    if (this.busy()) return;
    if (option.kind === 'tag') this.picked.emit(option.tag);
    else this.created.emit(option.name);
  }

  protected optionId(index: number): string {
    return `${this.id}-option-${index}`;
  }
}
