import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { AuthStore } from './auth-store';

/** Pages behind the session; a first visit lands on sign-up, a returning one on log-in. */
export const requireSession: CanActivateFn = () => {
  const auth = inject(AuthStore);
  if (auth.isLoggedIn()) return true;
  return inject(Router).createUrlTree([auth.isReturningVisitor ? '/login' : '/signup']);
};

/** Sign-up and log-in make no sense with a session: go to the workspaces. */
export const requireGuest: CanActivateFn = () => {
  const auth = inject(AuthStore);
  return auth.isLoggedIn() ? inject(Router).createUrlTree(['/workspaces']) : true;
};
