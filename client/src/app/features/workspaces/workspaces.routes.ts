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
  {
    path: 'w/:workspaceId/insights',
    title: 'Insights · Verbatim',
    loadComponent: () => import('../insights/insights-page').then((m) => m.InsightsPage),
  },
  {
    path: 'w/:workspaceId/members',
    title: 'Members · Verbatim',
    loadComponent: () => import('../members/members-page').then((m) => m.MembersPage),
  },
];
