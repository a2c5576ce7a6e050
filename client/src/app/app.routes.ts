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
    // Public: a report's share link, read without logging in, outside the app's shell.
    path: 'r/:token',
    title: 'Shared report',
    loadComponent: () =>
      import('./features/reports/shared-report-page').then((m) => m.SharedReportPage),
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
        path: 'p/:projectId/codebook',
        title: 'Codebook · Verbatim',
        loadComponent: () =>
          import('./features/codebook/codebook-page').then((m) => m.CodebookPage),
      },
      {
        path: 'p/:projectId/evidence',
        title: 'Tag view · Verbatim',
        loadComponent: () =>
          import('./features/evidence/evidence-page').then((m) => m.EvidencePage),
      },
      {
        path: 'p/:projectId/heatmap',
        title: 'Heatmap · Verbatim',
        loadComponent: () => import('./features/heatmap/heatmap-page').then((m) => m.HeatmapPage),
      },
      {
        path: 'p/:projectId/search',
        title: 'Search · Verbatim',
        loadComponent: () => import('./features/search/search-page').then((m) => m.SearchPage),
      },
      {
        path: 'p/:projectId/analysis',
        title: 'Analysis · Verbatim',
        loadComponent: () =>
          import('./features/analysis/analysis-page').then((m) => m.AnalysisPage),
      },
      {
        path: 'p/:projectId/analysis/:runId',
        title: 'Review suggestions · Verbatim',
        loadComponent: () => import('./features/analysis/review-page').then((m) => m.ReviewPage),
      },
      {
        path: 'p/:projectId/boards',
        title: 'Boards · Verbatim',
        loadComponent: () => import('./features/boards/boards-page').then((m) => m.BoardsPage),
      },
      {
        path: 'p/:projectId/boards/:boardId',
        title: 'Board · Verbatim',
        loadComponent: () => import('./features/boards/board-page').then((m) => m.BoardPage),
      },
      {
        path: 'p/:projectId/insights/:insightId',
        title: 'Insight · Verbatim',
        loadComponent: () => import('./features/insights/insight-page').then((m) => m.InsightPage),
      },
      {
        path: 'p/:projectId/insights',
        loadChildren: () =>
          import('./features/insights/insights.routes').then((m) => m.projectInsightsRoutes),
      },
      {
        path: 'p/:projectId/reports',
        title: 'Reports · Verbatim',
        loadComponent: () => import('./features/reports/reports-page').then((m) => m.ReportsPage),
      },
      {
        path: 'p/:projectId/reports/:reportId',
        title: 'Report · Verbatim',
        loadComponent: () => import('./features/reports/report-page').then((m) => m.ReportPage),
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
        path: 'inbox',
        title: 'Inbox · Verbatim',
        loadComponent: () => import('./features/inbox/inbox-page').then((m) => m.InboxPage),
      },
      {
        path: 'my-work',
        title: 'My work · Verbatim',
        loadComponent: () =>
          import('./features/assignments/my-work-page').then((m) => m.MyWorkPage),
      },
      {
        path: 't/:transcriptId',
        loadChildren: () => import('./features/reader/reader.routes').then((m) => m.readerRoutes),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
