import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { catchError, map, of } from 'rxjs';
import { ProjectDocument } from '@verbatim/contracts/projects';

/**
 * `/p/:projectId/insights`, the project's tab, is the workspace's repository filtered by the
 * project: the project's workspace is looked up and the address replaced. A project that cannot
 * be read goes to its own page, which says so.
 */
export const toWorkspaceInsights: CanActivateFn = (route) => {
  const router = inject(Router);
  const projectId = route.pathFromRoot
    .map((r) => r.paramMap.get('projectId'))
    .find((id): id is string => !!id);
  if (!projectId) return router.createUrlTree(['/workspaces']);
  return inject(Apollo)
    .query({ query: ProjectDocument, variables: { id: projectId } })
    .pipe(
      map(({ data }) =>
        data
          ? router.createUrlTree(['/w', data.project.workspaceId, 'insights'], {
              queryParams: { project: projectId },
            })
          : router.createUrlTree(['/p', projectId]),
      ),
      catchError(() => of(router.createUrlTree(['/p', projectId]))),
    );
};

export const projectInsightsRoutes: Routes = [
  { path: '', canActivate: [toWorkspaceInsights], children: [] },
];
