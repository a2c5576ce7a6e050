import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AppError } from '../core/errors/app-error';

/**
 * Whether a page's main query says the thing is not there for this user. The api answers
 * NOT_FOUND (or FORBIDDEN) alike for what does not exist and what belongs to others, and so
 * does this page: nothing about the resource is shown either way.
 */
export function isNotFound(error: AppError | null | undefined): boolean {
  return error?.code === 'NOT_FOUND' || error?.code === 'FORBIDDEN';
}

/** The page for a workspace, project or transcript that does not exist or is not shared. */
@Component({
  selector: 'vb-not-found',
  imports: [RouterLink],
  template: `
    <section class="not-found" aria-labelledby="not-found-title" data-testid="not-found">
      <p class="not-found-code" aria-hidden="true">404</p>
      <h1 id="not-found-title">{{ what() }} not found</h1>
      <p>
        It may have been deleted, or it belongs to a workspace you are not a member of. If someone
        shared this link with you, ask them to invite you to their workspace.
      </p>
      <a class="button" routerLink="/workspaces">Go to your workspaces</a>
    </section>
  `,
  styles: `
    .not-found {
      max-width: 34rem;
      margin: 4rem auto;
      padding: 0 1.5rem;
      text-align: center;
    }
    .not-found-code {
      margin: 0;
      font-size: 3rem;
      font-weight: 700;
      color: var(--border-strong);
      letter-spacing: 0.05em;
    }
    p {
      color: var(--muted);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFound {
  /** "Workspace", "Project", "Transcript". */
  readonly what = input('Page');
}
