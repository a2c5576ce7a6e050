import { ChangeDetectionStrategy, Component, input, model, output } from '@angular/core';

/**
 * The card at the top of a list page that makes a new item from a name: a heading, one labelled
 * field and a submit button. Says nothing itself about success: the owner empties `value`.
 */
@Component({
  selector: 'vb-new-item-form',
  template: `
    <section class="card" [attr.aria-labelledby]="idPrefix() + '-title'">
      <h2 [id]="idPrefix() + '-title'">{{ heading() }}</h2>
      <form class="inline-form" (submit)="$event.preventDefault(); submitted.emit()">
        <div class="field">
          <label [for]="idPrefix() + '-name'">{{ label() }}</label>
          <input
            #field
            class="input"
            [id]="idPrefix() + '-name'"
            [attr.autocomplete]="autocomplete()"
            [attr.maxlength]="maxLength()"
            [placeholder]="placeholder()"
            [value]="value()"
            (input)="value.set(field.value)"
          />
        </div>
        <button type="submit" class="button" [disabled]="busy()">{{ submitLabel() }}</button>
      </form>
    </section>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 1.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewItemForm {
  readonly heading = input.required<string>();
  /** The ids: the heading's is this with `-title`, the field's with `-name`. */
  readonly idPrefix = input.required<string>();
  readonly label = input.required<string>();
  readonly placeholder = input('');
  readonly maxLength = input(200);
  readonly autocomplete = input<string | null>(null);
  readonly submitLabel = input.required<string>();
  readonly busy = input(false);
  /** The name typed so far. */
  readonly value = model('');
  readonly submitted = output<void>();
}
