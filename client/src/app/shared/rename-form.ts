import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterNextRender,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

let nextId = 0;

/**
 * A name edited in place: the field takes the focus with the current name selected, Enter
 * saves, Escape or Cancel gives up. Says nothing itself about success: the owner closes it.
 */
@Component({
  selector: 'vb-rename-form',
  template: `
    <form class="rename" (submit)="$event.preventDefault(); submit()">
      <label [class.visually-hidden]="hideLabel()" [for]="id">{{ label() }}</label>
      <input
        #field
        class="input"
        [class.input--compact]="compact()"
        [id]="id"
        [attr.maxlength]="maxLength()"
        [value]="name()"
        (input)="name.set(field.value)"
        (keydown.escape)="cancelled.emit()"
      />
      <button type="submit" class="button button--small" [disabled]="busy()">Save</button>
      <button type="button" class="button button--quiet button--small" (click)="cancelled.emit()">
        Cancel
      </button>
    </form>
  `,
  styles: `
    .rename {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
    }
    .input {
      width: 22rem;
      max-width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RenameForm {
  /** The name when the form opens. */
  readonly value = input.required<string>();
  readonly label = input('Name');
  readonly hideLabel = input(false);
  readonly compact = input(false);
  readonly maxLength = input(200);
  readonly busy = input(false);

  /** The new name, trimmed and not empty. */
  readonly saved = output<string>();
  readonly cancelled = output<void>();

  protected readonly id = `rename-${nextId++}`;
  protected readonly name = signal('');
  private readonly field = viewChild.required<ElementRef<HTMLInputElement>>('field');

  constructor() {
    afterNextRender(() => {
      this.name.set(this.value());
      const field = this.field().nativeElement;
      field.value = this.value();
      field.focus();
      field.select();
    });
  }

  protected submit(): void {
    const name = this.name().trim();
    if (name) this.saved.emit(name);
  }
}
