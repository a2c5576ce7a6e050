import { type ElementRef, Injector, afterNextRender, inject, signal } from '@angular/core';
import { toAppError } from '../../core/errors/app-error';

type Focusable = () => ElementRef<HTMLElement> | undefined;

/**
 * The state of a form that edits something in place (a title, a theme): open with the first
 * field focused, cancel (Escape) back to the Edit button, save with the button disabled while
 * it runs and the reason shown when it fails. Create it in a component's constructor or field
 * initialisers: `inlineEdit({ field: this.titleInput, edit: this.editButton })`.
 */
export class InlineEdit {
  readonly editing = signal(false);
  readonly saving = signal(false);
  readonly error = signal<string | null>(null);
  private readonly injector = inject(Injector);

  constructor(private readonly focus: { field: Focusable; edit: Focusable }) {}

  open(): void {
    this.error.set(null);
    this.editing.set(true);
    this.focusLater(this.focus.field);
  }

  /** Closes the form and gives the focus back to the Edit button. */
  close(): void {
    this.editing.set(false);
    this.focusLater(this.focus.edit);
  }

  /**
   * Runs `save` unless `problem` says what is missing; closes the form when it worked (giving
   * the focus back to the Edit button unless `refocus` is false) and shows the error when not.
   * True when it was saved.
   */
  async save(
    problem: string | null,
    save: () => Promise<unknown>,
    { refocus = true }: { refocus?: boolean } = {},
  ): Promise<boolean> {
    if (problem) {
      this.error.set(problem);
      return false;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      await save();
      if (refocus) this.close();
      else this.editing.set(false);
      return true;
    } catch (err) {
      this.error.set(toAppError(err).message);
      return false;
    } finally {
      this.saving.set(false);
    }
  }

  private focusLater(target: Focusable): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }
}

/** An InlineEdit for the component being created (it needs its injector). */
export function inlineEdit(focus: { field: Focusable; edit: Focusable }): InlineEdit {
  return new InlineEdit(focus);
}
