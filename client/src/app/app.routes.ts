import type { Routes } from '@angular/router';
import { requireGuest, requireSession } from './core/auth/auth-guards';
import { Shell } from './core/shell/shell';

export const routes: Routes = [
  {
    path: 'signup',
    title: 'Sign up · Verbatim',
    canActivate: [requireGuest],
    loadComponent: () => import('./features/auth/signup-page').then((m) => m.SignupPage),
  },
  {
    path: 'login',
    title: 'Log in · Verbatim',
    canActivate: [requireGuest],
    loadComponent: () => import('./features/auth/login-page').then((m) => m.LoginPage),
  },
  {
    // Public: the link works signed out too, and offers sign-up or log-in that come back here.
    path: 'invitations/:token',
    title: 'Invitation · Verbatim',
    loadComponent: () =>
      import('./features/invitations/invitation-page').then((m) => m.InvitationPage),
  },
  {
    path: '',
    component: Shell,
    canActivate: [requireSession],
    canActivateChild: [requireSession],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'workspaces' },
      {
        path: '',
        loadChildren: () =>
          import('./features/workspaces/workspaces.routes').then((m) => m.workspaceRoutes),
      },
      {
        path: 'p/:projectId',
        loadChildren: () =>
          import('./features/project/project.routes').then((m) => m.projectRoutes),
      },
      {
        path: 'account',
        title: 'Account · Verbatim',
        loadComponent: () => import('./features/account/account-page').then((m) => m.AccountPage),
      },
      {
        path: 't/:transcriptId',
        loadChildren: () => import('./features/reader/reader.routes').then((m) => m.readerRoutes),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
