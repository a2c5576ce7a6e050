import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

/** The views, in the order of the links; the transcripts (no path) are the project's own page. */
const VIEWS: readonly { readonly path: string; readonly label: string }[] = [
  { path: '', label: 'Transcripts' },
  { path: 'codebook', label: 'Codebook' },
  { path: 'evidence', label: 'Tag view' },
  { path: 'heatmap', label: 'Heatmap' },
  { path: 'boards', label: 'Boards' },
  { path: 'insights', label: 'Insights' },
  { path: 'reports', label: 'Reports' },
  { path: 'search', label: 'Search' },
  { path: 'analysis', label: 'Analysis' },
];

/** Links between a project's transcripts and its analysis views. */
@Component({
  selector: 'vb-views-nav',
  imports: [RouterLink, RouterLinkActive],
  template: `
    <nav class="views-nav" aria-label="Project views">
      @for (view of views(); track view.label) {
        <a
          [routerLink]="view.commands"
          routerLinkActive="active"
          [routerLinkActiveOptions]="{ exact: !view.path }"
          ariaCurrentWhenActive="page"
          >{{ view.label }}</a
        >
      }
    </nav>
  `,
  styles: `
    .views-nav {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      border-bottom: 1px solid var(--border);
      margin-bottom: 1.25rem;
    }
    a {
      padding: 0.45rem 0.8rem;
      color: var(--muted);
      text-decoration: none;
      font-weight: 550;
      border-bottom: 2px solid transparent;
      margin-bottom: -1px;
    }
    a:hover {
      color: var(--text);
    }
    a.active {
      color: var(--accent);
      border-bottom-color: var(--accent);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ViewsNav {
  readonly projectId = input.required<string>();
  protected readonly views = computed(() =>
    VIEWS.map((view) => ({
      ...view,
      commands: ['/p', this.projectId(), ...(view.path ? [view.path] : [])],
    })),
  );
}
