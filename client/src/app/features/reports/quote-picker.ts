import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import type { QuoteChoice } from './quote-choices';

/**
 * Ticks which quotes a section shows, out of an insight's evidence, a theme's cards or the
 * quotes already chosen. None ticked: the section shows all of them.
 */
@Component({
  selector: 'vb-quote-picker',
  template: `
    <fieldset class="quote-picker">
      <legend>{{ legend() }}</legend>
      @if (choices().length) {
        <p class="field-hint">
          {{
            chosen().length
              ? chosen().length + ' of ' + choices().length + ' chosen.'
              : 'None ticked: all of them are shown.'
          }}
        </p>
        <ul class="choices">
          @for (q of choices(); track q.id) {
            <li>
              <label class="choice">
                <input
                  type="checkbox"
                  [checked]="selected().has(q.id)"
                  (change)="toggle(q.id, $any($event.target).checked)"
                />
                <span class="text">
                  <span class="quote">“{{ q.text }}”</span>
                  <span class="source">{{ q.source }}</span>
                </span>
              </label>
            </li>
          }
        </ul>
      } @else {
        <p class="muted">No quotes to choose from.</p>
      }
    </fieldset>
  `,
  styles: `
    .quote-picker {
      border: 1px solid var(--border);
      border-radius: var(--radius);
      padding: 0.5rem 0.75rem;
      margin: 0.5rem 0;
      min-width: 0;
    }
    legend {
      font-weight: 600;
      padding: 0 0.25rem;
    }
    .choices {
      list-style: none;
      margin: 0;
      padding: 0;
      max-height: 20rem;
      overflow: auto;
    }
    .choice {
      display: flex;
      gap: 0.5rem;
      align-items: flex-start;
      padding: 0.35rem 0;
      border-top: 1px dashed var(--border);
      cursor: pointer;
    }
    .choice input {
      margin-top: 0.3rem;
    }
    .text {
      display: flex;
      flex-direction: column;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .quote {
      font-family: var(--font-read);
    }
    .source {
      font-size: 0.85rem;
      color: var(--muted);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuotePicker {
  readonly legend = input('Quotes to show');
  readonly choices = input.required<readonly QuoteChoice[]>();
  /** The ids ticked, in the order of `choices`. */
  readonly chosen = model<readonly string[]>([]);

  protected readonly selected = computed(() => new Set(this.chosen()));

  protected toggle(id: string, on: boolean): void {
    const next = new Set(this.chosen());
    if (on) next.add(id);
    else next.delete(id);
    this.chosen.set(
      this.choices()
        .map((c) => c.id)
        .filter((c) => next.has(c)),
    );
  }
}
