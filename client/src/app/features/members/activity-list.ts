import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ActivityQuery } from '@verbatim/contracts';
import { formatRelative } from '../../shared/format';

type Activity = ActivityQuery['activity']['edges'][number]['node'];

/** The latest entries of the workspace's activity log: what, who, when. */
@Component({
  selector: 'vb-activity-list',
  imports: [DatePipe],
  template: `
    @if (entries().length === 0) {
      <p class="muted">Nothing has happened here yet.</p>
    } @else {
      <ol class="activity" role="list">
        @for (a of entries(); track a.id) {
          <li class="activity-item" [attr.data-verb]="a.verb">
            <span class="activity-summary">{{ a.summary }}</span>
            <span class="activity-meta">
              {{ a.actor?.name ?? 'Someone' }} ·
              <time [attr.datetime]="a.createdAt" [title]="a.createdAt | date: 'medium'">{{
                relative(a.createdAt)
              }}</time>
            </span>
          </li>
        }
      </ol>
    }
  `,
  styles: `
    .activity {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .activity-item {
      display: flex;
      flex-direction: column;
      gap: 0.1rem;
      padding: 0.5rem 0;
      border-bottom: 1px solid var(--border);
    }
    .activity-item:last-child {
      border-bottom: 0;
    }
    .activity-summary {
      font-size: 0.925rem;
    }
    .activity-meta {
      color: var(--muted);
      font-size: 0.8rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActivityList {
  readonly entries = input.required<readonly Activity[]>();
  /** Read when the list renders; the page re-renders on each reload. */
  readonly now = input<number>(Date.now());

  protected relative(iso: string): string {
    return formatRelative(iso, this.now());
  }
}
