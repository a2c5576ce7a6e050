import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { toAppError } from '../../core/errors/app-error';
import { plural } from '../../shared/format';
import { confidenceFromPercent, formatBulkResult } from './analysis-format';
import { ReviewStore } from './review-store';

/**
 * "Accept all ≥ X% confidence", after a confirmation that says how many that is. Confidence is
 * the model's word about itself and never decides alone: flagged suggestions and fuzzy matches
 * are left for a person, and the confirmation and the result say how many and why.
 */
@Component({
  selector: 'vb-bulk-accept',
  template: `
    <div class="bulk">
      @if (confirming() === null) {
        <label class="threshold">
          Accept all ≥
          <input
            type="number"
            class="input input--compact"
            min="1"
            max="100"
            step="1"
            [value]="percent()"
            (input)="setPercent($any($event.target).value)"
            aria-label="Confidence threshold for accepting all, in percent"
          />
          % confidence
        </label>
        <button
          type="button"
          class="button button--secondary button--small"
          [disabled]="busy() || !(percent() > 0)"
          (click)="ask()"
        >
          Accept all…
        </button>
      } @else {
        @let count = confirming()!;
        <p class="confirm" role="alert">
          @if (count.eligible === 0) {
            No pending suggestion with a confidence of {{ percent() }}% or more{{
              filtered() ? ' and the tags chosen' : ''
            }}
            can be accepted in bulk.
          } @else {
            Accept {{ plural(count.eligible, 'pending suggestion') }} with a confidence of
            {{ percent() }}% or more{{ filtered() ? ' and the tags chosen' : '' }}? Each becomes a
            highlight.
          }
          @if (count.held > 0) {
            {{ plural(count.held, count.eligible ? 'more suggestion' : 'suggestion') }}
            {{ count.held === 1 ? 'matches' : 'match' }} but
            {{ count.held === 1 ? 'is' : 'are' }} flagged or only a fuzzy match: review
            {{ count.held === 1 ? 'it' : 'them' }} one by one.
          }
        </p>
        @if (count.eligible > 0) {
          <button
            type="button"
            class="button button--small"
            [disabled]="busy()"
            (click)="confirm()"
          >
            Accept {{ count.eligible }}
          </button>
        }
        <button
          type="button"
          class="button button--quiet button--small"
          (click)="confirming.set(null)"
        >
          Cancel
        </button>
      }
      @if (message(); as text) {
        <p class="muted" role="status">{{ text }}</p>
      }
    </div>
  `,
  styles: `
    .bulk {
      margin-top: 0.75rem;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .threshold {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      font-size: 0.9rem;
    }
    .threshold .input {
      width: 4.5rem;
    }
    .confirm {
      margin: 0;
      font-size: 0.9rem;
    }
    p[role='status'] {
      margin: 0;
      font-size: 0.875rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkAccept {
  private readonly store = inject(ReviewStore);

  readonly tagIds = input<string[]>([]);
  readonly done = output<void>();

  protected readonly percent = signal(80);
  protected readonly confirming = signal<{ eligible: number; held: number } | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly plural = plural;
  protected readonly filtered = () => this.tagIds().length > 0;

  protected async ask(): Promise<void> {
    await this.run(async () => {
      this.confirming.set(await this.store.countPending(this.threshold(), this.tagIds()));
    });
  }

  protected async confirm(): Promise<void> {
    await this.run(async () => {
      const result = await this.store.acceptAll(this.threshold(), this.tagIds());
      this.confirming.set(null);
      this.message.set(formatBulkResult(result));
      this.done.emit();
    });
  }

  /** Whole percentages only, so the number in the confirmation is the threshold applied. */
  protected setPercent(value: string): void {
    const threshold = confidenceFromPercent(value);
    this.percent.set(threshold === null ? 0 : Math.round(threshold * 100));
  }

  private threshold(): number {
    return confidenceFromPercent(this.percent()) ?? 0.01;
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    try {
      await action();
    } catch (err) {
      this.message.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }
}
