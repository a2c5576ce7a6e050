import { Injectable, inject } from '@angular/core';
import { Router } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom, timeout } from 'rxjs';
import type { SessionFragment as AuthPayload } from '@verbatim/contracts';
import { LogOutDocument, LogOutEverywhereDocument } from '@verbatim/contracts/auth';
import { LiveConnection } from '../apollo/live-connection';
import { CurrentWorkspace } from '../workspace/current-workspace';
import { AuthStore } from './auth-store';
import { type SessionExpiry } from './session-expiry';

/** How long log-out waits for the server before forgetting the session locally anyway. */
const LOG_OUT_TIMEOUT_MS = 5_000;

/** A place inside the app to come back to, never an absolute or protocol-relative URL. */
export function safeReturnUrl(value: string | null | undefined): string | undefined {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : undefined;
}

/** Starting and ending a session, with everything that has to follow (cache, socket, route). */
@Injectable({ providedIn: 'root' })
export class Session implements SessionExpiry {
  private readonly auth = inject(AuthStore);
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly live = inject(LiveConnection);
  private readonly currentWorkspace = inject(CurrentWorkspace);
  private ending = false;

  constructor() {
    // Another tab logged in as someone else, or logged out: follow it.
    this.auth.changedElsewhere$.subscribe(() => {
      if (!this.auth.isLoggedIn()) void this.forget('/login');
    });
  }

  async begin(payload: AuthPayload, returnUrl = '/workspaces'): Promise<void> {
    this.auth.start(payload);
    this.currentWorkspace.clear();
    this.live.restart();
    await this.apollo.client.clearStore();
    await this.router.navigateByUrl(safeReturnUrl(returnUrl) ?? '/workspaces');
  }

  /** Ends this session on the server (best effort), then here; then shows `next`. */
  async end(next = '/login'): Promise<void> {
    this.ending = true;
    try {
      const refreshToken = this.auth.tokens()?.refreshToken ?? null;
      await firstValueFrom(
        this.apollo
          .mutate({ mutation: LogOutDocument, variables: { refreshToken } })
          .pipe(timeout(LOG_OUT_TIMEOUT_MS)),
      );
    } catch {
      // Offline or already ended: forgetting the tokens here still logs this browser out.
    } finally {
      this.ending = false;
    }
    await this.forget(next);
  }

  /** Ends every session of the user, on every device; throws when the server did not confirm. */
  async endEverywhere(): Promise<void> {
    await firstValueFrom(this.apollo.mutate({ mutation: LogOutEverywhereDocument }));
    await this.forget('/login');
  }

  /** A password change answered with a fresh session; the others are gone. */
  renewed(payload: AuthPayload): void {
    this.auth.start(payload);
    this.live.restart();
  }

  /** The server no longer accepts the session (expired, revoked, user removed): back to log-in. */
  expired(): void {
    if (!this.auth.isLoggedIn() || this.ending) return;
    // During a navigation (the first one included) come back to where it was going.
    const pending = this.router.currentNavigation();
    const url = pending
      ? this.router.serializeUrl(pending.finalUrl ?? pending.extractedUrl)
      : this.router.url;
    const returnUrl = url.startsWith('/login') || url.startsWith('/signup') ? null : url;
    void this.forget(null, 'ended-by-server');
    void this.router.navigate(['/login'], { queryParams: { expired: 1, returnUrl } });
  }

  private async forget(
    navigateTo: string | null,
    reason: 'logged-out' | 'ended-by-server' = 'logged-out',
  ): Promise<void> {
    this.auth.clear(reason);
    this.currentWorkspace.clear();
    this.live.restart();
    await this.apollo.client.clearStore();
    if (navigateTo) await this.router.navigateByUrl(navigateTo);
  }
}
