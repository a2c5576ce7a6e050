import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { AuthStore } from './auth-store';
import { safeReturnUrl } from './session';

/**
 * Pages behind the session; a first visit lands on sign-up, a returning one on log-in, and
 * either comes back to the page asked for.
 */
export const requireSession: CanActivateFn = (_route, state) => {
  const auth = inject(AuthStore);
  if (auth.isLoggedIn()) return true;
  const returnUrl = state.url === '/' || state.url === '/workspaces' ? null : state.url;
  // A navigation that was under way when the server ended the session still says why.
  const expired = auth.endedByServer() ? 1 : null;
  return inject(Router).createUrlTree([auth.isReturningVisitor ? '/login' : '/signup'], {
    queryParams: { returnUrl, expired },
  });
};

/** Sign-up and log-in make no sense with a session: go where the link pointed, or home. */
export const requireGuest: CanActivateFn = (route) => {
  const auth = inject(AuthStore);
  if (!auth.isLoggedIn()) return true;
  const target = safeReturnUrl(route.queryParamMap.get('returnUrl')) ?? '/workspaces';
  return inject(Router).parseUrl(target);
};
