import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  input,
  output,
  viewChild,
} from '@angular/core';
import type { ParticipantFragment } from '@verbatim/contracts';

type ParticipantAttribute = ParticipantFragment['attributes'][number];

/** Keys most teams record; any other key can be typed. */
export const COMMON_KEYS = ['role', 'segment', 'company'];

/**
 * A participant's attributes ("role: Product manager"), which the tag view, heatmap and search
 * filter on. Editors add one (a key from the list or their own, and a value) or remove one; the
 * whole list is saved at once.
 */
@Component({
  selector: 'vb-participant-attributes',
  template: `
    @if (attributes().length) {
      <ul class="attributes" [attr.aria-label]="'About ' + name()">
        @for (a of attributes(); track a.key) {
          <li class="attribute">
            <span class="attribute-key">{{ a.key }}</span> {{ a.value }}
            @if (editable()) {
              <button
                type="button"
                class="attribute-remove"
                [attr.aria-label]="'Remove ' + a.key + ' of ' + name()"
                [disabled]="busy()"
                (click)="remove(a.key)"
              >
                ×
              </button>
            }
          </li>
        }
      </ul>
    }
    @if (editable()) {
      <form class="attribute-add" (submit)="$event.preventDefault(); add()">
        <label class="visually-hidden" [for]="id() + '-key'">Attribute of {{ name() }}</label>
        <input
          #key
          class="input input--compact"
          [id]="id() + '-key'"
          placeholder="role, segment…"
          maxlength="60"
          autocomplete="off"
          [attr.list]="id() + '-keys'"
          [disabled]="busy()"
        />
        <datalist [id]="id() + '-keys'">
          @for (k of keys(); track k) {
            <option [value]="k"></option>
          }
        </datalist>
        <label class="visually-hidden" [for]="id() + '-value'">Value</label>
        <input
          #value
          class="input input--compact"
          [id]="id() + '-value'"
          placeholder="value"
          maxlength="200"
          autocomplete="off"
          [disabled]="busy()"
        />
        <button type="submit" class="button button--secondary button--small" [disabled]="busy()">
          Add
        </button>
      </form>
    }
  `,
  styles: `
    .attributes {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem;
      margin: 0.35rem 0 0;
      padding: 0;
      list-style: none;
    }
    .attribute {
      display: inline-flex;
      align-items: center;
      gap: 0.3rem;
      padding: 0.1rem 0.2rem 0.1rem 0.5rem;
      border: 1px solid var(--border);
      border-radius: 999px;
      background: var(--surface-muted);
      font-size: 0.85rem;
    }
    .attribute-key {
      color: var(--muted);
    }
    .attribute-remove {
      border: 0;
      background: none;
      color: var(--muted);
      font: inherit;
      cursor: pointer;
      padding: 0 0.3rem;
    }
    .attribute-add {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem;
      margin-top: 0.4rem;
    }
    .attribute-add .input {
      flex: 1 1 7rem;
      min-width: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ParticipantAttributes {
  readonly id = input.required<string>();
  readonly name = input.required<string>();
  readonly attributes = input.required<readonly ParticipantAttribute[]>();
  /** Keys used elsewhere in the project, offered first. */
  readonly knownKeys = input<readonly string[]>([]);
  readonly editable = input(false);
  readonly busy = input(false);
  /** The whole new list, to save. */
  readonly changed = output<ParticipantAttribute[]>();
  /** A problem with what was typed, to show. */
  readonly problem = output<string>();

  private readonly keyInput = viewChild<ElementRef<HTMLInputElement>>('key');
  private readonly valueInput = viewChild<ElementRef<HTMLInputElement>>('value');

  protected readonly keys = computed(() => [...new Set([...this.knownKeys(), ...COMMON_KEYS])]);

  protected add(): void {
    const keyField = this.keyInput()?.nativeElement;
    const valueField = this.valueInput()?.nativeElement;
    const key = keyField?.value.trim() ?? '';
    const value = valueField?.value.trim() ?? '';
    if (!key || !value) {
      this.problem.emit('Give the attribute a name and a value.');
      return;
    }
    // One value per key: a key given again replaces its value.
    const others = this.attributes().filter((a) => a.key.toLowerCase() !== key.toLowerCase());
    this.changed.emit([...others, { key, value }]);
    if (keyField) keyField.value = '';
    if (valueField) valueField.value = '';
    keyField?.focus();
  }

  protected remove(key: string): void {
    this.changed.emit(this.attributes().filter((a) => a.key !== key));
  }
}
