import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterNextRender,
  computed,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

/**
 * A destructive action asked twice: "Delete…" opens "Delete · Keep" in place. The confirming
 * button takes the focus; Keep or Escape closes and gives the focus back to "Delete…". Closes
 * itself once confirmed; the owner shows what happened (the item disappears, or an error).
 */
@Component({
  selector: 'vb-confirm-action',
  template: `
    @if (open()) {
      <span
        class="confirm"
        role="group"
        [attr.aria-label]="action() + ' ' + subject() + '?'"
        (keydown.escape)="close()"
      >
        @if (question(); as text) {
          <span class="confirm-text">{{ text }}</span>
        }
        <button
          #confirmButton
          type="button"
          class="button button--danger"
          [class.button--small]="small()"
          [disabled]="busy()"
          (click)="confirm()"
        >
          {{ confirmLabel() || action() }}
        </button>
        <button
          type="button"
          class="button button--quiet"
          [class.button--small]="small()"
          (click)="close()"
        >
          Keep
        </button>
      </span>
    } @else {
      <button
        #trigger
        type="button"
        class="button button--quiet"
        [class.button--small]="small()"
        [disabled]="busy()"
        [attr.aria-label]="ariaLabel()"
        (click)="ask()"
      >
        {{ action() }}…
      </button>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .confirm {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
    }
    .confirm-text {
      font-weight: 600;
      color: var(--danger);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmAction {
  /** What is acted on, for screen readers: `comment by Ana`, `theme “Pricing”`. */
  readonly subject = input.required<string>();
  /** The verb on both buttons: "Delete…" then "Delete". */
  readonly action = input('Delete');
  /** A more explicit label for the confirming button, e.g. "Delete board". */
  readonly confirmLabel = input('');
  /** A visible question beside the buttons, e.g. "Delete for everyone?". */
  readonly question = input('');
  /** A label for the first button when its text alone is ambiguous in a list. */
  readonly label = input('');
  readonly small = input(true);
  readonly busy = input(false);
  readonly confirmed = output<void>();

  protected readonly open = signal(false);
  protected readonly ariaLabel = computed(
    () => this.label() || `${this.action()} ${this.subject()}`,
  );

  private readonly confirmButton = viewChild<ElementRef<HTMLButtonElement>>('confirmButton');
  private readonly trigger = viewChild<ElementRef<HTMLButtonElement>>('trigger');
  private readonly injector = inject(Injector);

  protected ask(): void {
    this.open.set(true);
    afterNextRender(() => this.confirmButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected close(): void {
    this.open.set(false);
    afterNextRender(() => this.trigger()?.nativeElement.focus(), { injector: this.injector });
  }

  protected confirm(): void {
    this.open.set(false);
    this.confirmed.emit();
  }
}
