import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TranscriptStatus } from '@verbatim/contracts';

const LABELS: Record<TranscriptStatus, string> = {
  UPLOADED: 'Uploaded',
  PROCESSING: 'Processing',
  READY: 'Ready',
  FAILED: 'Failed',
};

/** A transcript's processing status as a small labelled pill. */
@Component({
  selector: 'vb-status-badge',
  template: `<span class="badge" [attr.data-status]="status()">{{ label() }}</span>`,
  styles: `
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      padding: 0.1rem 0.55rem;
      border-radius: 999px;
      font-size: 0.8rem;
      font-weight: 600;
      line-height: 1.4;
      white-space: nowrap;
      background: var(--border);
      color: var(--muted);
    }
    .badge::before {
      content: '';
      width: 0.45rem;
      height: 0.45rem;
      border-radius: 50%;
      background: currentColor;
    }
    .badge[data-status='PROCESSING'] {
      background: var(--warning-soft);
      color: var(--warning);
    }
    .badge[data-status='READY'] {
      background: var(--success-soft);
      color: var(--success);
    }
    .badge[data-status='FAILED'] {
      background: var(--danger-soft);
      color: var(--danger);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusBadge {
  readonly status = input.required<TranscriptStatus>();
  protected readonly label = computed(() => LABELS[this.status()]);
}
