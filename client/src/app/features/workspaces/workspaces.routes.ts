import type { Routes } from '@angular/router';

export const workspaceRoutes: Routes = [
  {
    path: 'workspaces',
    title: 'Workspaces · Verbatim',
    loadComponent: () => import('./workspaces-page').then((m) => m.WorkspacesPage),
  },
  {
    path: 'w/:workspaceId',
    title: 'Projects · Verbatim',
    loadComponent: () => import('./workspace-page').then((m) => m.WorkspacePage),
  },
];
