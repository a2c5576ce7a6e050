import type { Routes } from '@angular/router';

export const authRoutes: Routes = [
  {
    path: 'signup',
    title: 'Sign up · Verbatim',
    loadComponent: () => import('./signup-page').then((m) => m.SignupPage),
  },
  {
    path: 'login',
    title: 'Log in · Verbatim',
    loadComponent: () => import('./login-page').then((m) => m.LoginPage),
  },
];
