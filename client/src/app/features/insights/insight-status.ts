import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { InsightStatus as Status } from '@verbatim/contracts';
import { statusLabel } from './insight-text';

/** An insight's status, Draft or Published, as a small labelled pill. */
@Component({
  selector: 'vb-insight-status',
  template: `<span class="badge" [attr.data-status]="status()">{{ label() }}</span>`,
  styles: `
    .badge {
      display: inline-flex;
      align-items: center;
      padding: 0.05rem 0.55rem;
      border-radius: 999px;
      font-size: 0.8rem;
      font-weight: 600;
      line-height: 1.4;
      white-space: nowrap;
      background: var(--warning-soft);
      color: var(--warning);
    }
    .badge[data-status='PUBLISHED'] {
      background: var(--success-soft);
      color: var(--success);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InsightStatusBadge {
  readonly status = input.required<Status>();
  protected readonly label = computed(() => statusLabel(this.status()));
}
