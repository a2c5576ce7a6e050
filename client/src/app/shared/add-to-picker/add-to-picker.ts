import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  ElementRef,
  Injector,
  TemplateRef,
  afterNextRender,
  contentChild,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { toAppError } from '../../core/errors/app-error';
import { plural } from '../format';

/** The context of a picker's panel: `let-id` prefixes the ids of the fields it holds. */
export interface PickerPanelContext {
  $implicit: string;
}

/**
 * Marks what the picker's panel lists: `<ng-template vbPickerPanel let-id>…</ng-template>`.
 * It is rendered only while the panel is open.
 */
@Directive({ selector: 'ng-template[vbPickerPanel]' })
export class PickerPanel {
  readonly template = inject<TemplateRef<PickerPanelContext>>(TemplateRef);

  static ngTemplateContextGuard(_dir: PickerPanel, _ctx: unknown): _ctx is PickerPanelContext {
    return true;
  }
}

/** What the highlights were added to: the notice names it and links to it. */
export interface PickerAdded {
  count: number;
  name: string;
  link: readonly string[];
}

/**
 * The shell of "Add to board" and "Add to insight": a toggle that opens a panel of choices,
 * Escape and Cancel that close it and give the focus back to the toggle, a busy state while a
 * choice is stored, its error, and the "Added 2 highlights to …" notice that links to the place.
 * The choices come from the `vbPickerPanel` template; the picker that uses the shell loads them
 * on `opened` and stores a choice through `run`.
 */
@Component({
  selector: 'vb-add-to-picker',
  imports: [NgTemplateOutlet, RouterLink],
  templateUrl: './add-to-picker.html',
  styleUrl: './add-to-picker.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown)': 'onKey($event)' },
})
export class AddToPicker {
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly toggle = viewChild.required<ElementRef<HTMLButtonElement>>('toggle');

  /** The toggle's words. */
  readonly label = input.required<string>();
  /** How many highlights would be added; none disables the toggle. */
  readonly count = input.required<number>();
  /** What they go to, in the panel's name: "Add 2 highlights to a board". */
  readonly target = input.required<string>();
  /** The panel has just opened: the moment to load the choices. */
  readonly opened = output<void>();

  protected readonly panel = contentChild.required(PickerPanel);
  private readonly openState = signal(false);
  private readonly busyState = signal(false);
  private readonly errorState = signal<string | null>(null);
  protected readonly added = signal<PickerAdded | null>(null);
  readonly open = this.openState.asReadonly();
  /** True while a choice is being stored; the choices are disabled meanwhile. */
  readonly busy = this.busyState.asReadonly();
  readonly error = this.errorState.asReadonly();
  readonly panelId = `add-to-${Math.random().toString(36).slice(2, 9)}`;
  protected readonly plural = plural;

  protected show(): void {
    this.openState.set(!this.open());
    this.errorState.set(null);
    if (!this.open()) return;
    this.added.set(null);
    this.opened.emit();
  }

  close(): void {
    this.openState.set(false);
    afterNextRender(() => this.toggle().nativeElement.focus(), { injector: this.injector });
  }

  /** Once the panel has rendered, focuses the first element in it that matches `selector`. */
  focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }

  /** Shows a message under the picker, as an alert. */
  fail(message: string): void {
    this.errorState.set(message);
  }

  /**
   * Stores a choice: busy meanwhile, its error shown; when it answers what the highlights were
   * added to, the panel closes and the notice says so.
   */
  async run(action: () => Promise<PickerAdded | undefined>): Promise<void> {
    this.busyState.set(true);
    this.errorState.set(null);
    try {
      const added = await action();
      if (!added) return;
      this.added.set(added);
      this.openState.set(false);
    } catch (err) {
      this.errorState.set(toAppError(err).message);
    } finally {
      this.busyState.set(false);
    }
  }

  /** Escape closes the picker, not the panel around it. */
  protected onKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open()) return;
    event.stopPropagation();
    this.close();
  }
}
