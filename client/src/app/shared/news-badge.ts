import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ReadState } from '@verbatim/contracts';
import { plural } from './format';

/**
 * The unread marker of a row: "New" for what someone else added and the user never opened,
 * "3 new highlights" (or "Changed") for what others changed since the user last had it open.
 */
@Component({
  selector: 'vb-news-badge',
  template: `
    @if (text(); as label) {
      <span class="news" [class.news--new]="state() === 'NEW'" data-testid="news-badge">{{
        label
      }}</span>
    }
  `,
  styles: `
    .news {
      display: inline-block;
      margin-left: 0.4rem;
      padding: 0.05rem 0.45rem;
      border-radius: 999px;
      font-size: 0.75rem;
      font-weight: 650;
      vertical-align: middle;
      white-space: nowrap;
      background: var(--accent-soft);
      color: var(--accent);
    }
    .news--new {
      background: var(--accent);
      color: #fff;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewsBadge {
  readonly state = input<ReadState | null | undefined>(null);
  /** How many new things an UPDATED row has, and what they are ("highlight"). */
  readonly count = input(0);
  readonly what = input('change');

  protected readonly text = computed(() => {
    const state = this.state();
    if (state === 'NEW') return 'New';
    if (state !== 'UPDATED') return null;
    return this.count() > 0 ? `${plural(this.count(), `new ${this.what()}`)}` : 'Changed';
  });
}
