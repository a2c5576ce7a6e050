import type { Routes } from '@angular/router';

export const readerRoutes: Routes = [
  {
    path: '',
    title: 'Transcript · Verbatim',
    loadComponent: () => import('./reader-page').then((m) => m.ReaderPage),
  },
];
