import type { Routes } from '@angular/router';

export const projectRoutes: Routes = [
  {
    path: '',
    title: 'Project · Verbatim',
    loadComponent: () => import('./project-page').then((m) => m.ProjectPage),
  },
];
