import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** Dark enough for white initials (4.5:1 and more), distinct enough side by side. */
const COLOURS = [
  '#2f5d8a',
  '#7a3e9d',
  '#276738',
  '#a3262d',
  '#7a5200',
  '#1f6670',
  '#5b4a8a',
  '#8a3a62',
];

/** "Olga Owner" → "OO", "vera" → "V". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => [...w][0]!.toLocaleUpperCase())
    .join('');
}

function colourOf(key: string): string {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length]!;
}

/**
 * A person as a small round badge of their initials, in a colour of their own (by id). Its
 * accessible name is the person's name, so a row of them reads as the names.
 */
@Component({
  selector: 'vb-avatar',
  template: `<span
    class="avatar"
    role="img"
    [attr.aria-label]="name()"
    [title]="name()"
    [style.background]="colour()"
    >{{ letters() }}</span
  >`,
  styles: `
    :host {
      display: inline-flex;
    }
    .avatar {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: var(--avatar-size, 1.75rem);
      height: var(--avatar-size, 1.75rem);
      border-radius: 50%;
      color: #fff;
      font-size: calc(var(--avatar-size, 1.75rem) * 0.42);
      font-weight: 650;
      line-height: 1;
      letter-spacing: 0.02em;
      user-select: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Avatar {
  readonly name = input.required<string>();
  /** What picks the colour: the person's id, so two people of one name still differ. */
  readonly personId = input<string>('');

  protected readonly letters = computed(() => initials(this.name()));
  protected readonly colour = computed(() => colourOf(this.personId() || this.name()));
}
