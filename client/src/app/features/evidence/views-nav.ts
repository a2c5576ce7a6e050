import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

/** Links between a project's transcripts and its analysis views. */
@Component({
  selector: 'vb-views-nav',
  imports: [RouterLink, RouterLinkActive],
  template: `
    <nav class="views-nav" aria-label="Project views">
      <a
        [routerLink]="['/p', projectId()]"
        routerLinkActive="active"
        [routerLinkActiveOptions]="{ exact: true }"
        ariaCurrentWhenActive="page"
        >Transcripts</a
      >
      <a
        [routerLink]="['/p', projectId(), 'codebook']"
        routerLinkActive="active"
        ariaCurrentWhenActive="page"
        >Codebook</a
      >
      <a
        [routerLink]="['/p', projectId(), 'evidence']"
        routerLinkActive="active"
        ariaCurrentWhenActive="page"
        >Tag view</a
      >
      <a
        [routerLink]="['/p', projectId(), 'heatmap']"
        routerLinkActive="active"
        ariaCurrentWhenActive="page"
        >Heatmap</a
      >
      <a
        [routerLink]="['/p', projectId(), 'boards']"
        routerLinkActive="active"
        ariaCurrentWhenActive="page"
        >Boards</a
      >
      <a
        [routerLink]="['/p', projectId(), 'insights']"
        routerLinkActive="active"
        ariaCurrentWhenActive="page"
        >Insights</a
      >
      <a
        [routerLink]="['/p', projectId(), 'reports']"
        routerLinkActive="active"
        ariaCurrentWhenActive="page"
        >Reports</a
      >
      <a
        [routerLink]="['/p', projectId(), 'search']"
        routerLinkActive="active"
        ariaCurrentWhenActive="page"
        >Search</a
      >
      <a
        [routerLink]="['/p', projectId(), 'analysis']"
        routerLinkActive="active"
        ariaCurrentWhenActive="page"
        >Analysis</a
      >
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
}
