import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ProjectFragment as Project } from '@verbatim/contracts';
import { ViewsNav } from './views-nav';

/** The header of an analysis page: the way back to the project, the heading, the view tabs. */
@Component({
  selector: 'vb-views-header',
  imports: [RouterLink, ViewsNav],
  template: `
    <header class="page-header views-header">
      <div>
        <p class="breadcrumb">
          <a routerLink="/workspaces">Workspaces</a>
          <span aria-hidden="true"> / </span
          ><a [routerLink]="['/p', projectId()]">{{ project()?.name ?? 'Project' }}</a>
        </p>
        <h1>{{ heading() }}</h1>
        @if (lede(); as text) {
          <p>{{ text }}</p>
        }
      </div>
      <ng-content />
    </header>
    <vb-views-nav [projectId]="projectId()" />
  `,
  styles: `
    .views-header {
      margin-bottom: 0.75rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ViewsHeader {
  readonly projectId = input.required<string>();
  readonly project = input<Project | null>(null);
  readonly heading = input.required<string>();
  readonly lede = input<string | null>(null);
}
