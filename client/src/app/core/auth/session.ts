import { Injectable, inject } from '@angular/core';
import { Router } from '@angular/router';
import { Apollo } from 'apollo-angular';
import type { AuthPayload } from '../../graphql/auth';
import { LiveConnection } from '../apollo/live-connection';
import { AuthStore } from './auth-store';

/** Starting and ending a session, with everything that has to follow (cache, socket, route). */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly auth = inject(AuthStore);
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly live = inject(LiveConnection);

  async begin(payload: AuthPayload, returnUrl = '/workspaces'): Promise<void> {
    this.auth.start(payload);
    this.live.restart();
    await this.apollo.client.clearStore();
    await this.router.navigateByUrl(returnUrl);
  }

  async end(): Promise<void> {
    this.auth.clear();
    this.live.restart();
    await this.apollo.client.clearStore();
    await this.router.navigateByUrl('/login');
  }

  /** The server no longer accepts the token (expired, user removed): back to log-in. */
  expired(): void {
    if (!this.auth.isLoggedIn()) return;
    const returnUrl = this.router.url;
    this.auth.clear();
    this.live.restart();
    void this.apollo.client.clearStore();
    void this.router.navigate(['/login'], {
      queryParams: { expired: 1, returnUrl: returnUrl.startsWith('/login') ? null : returnUrl },
    });
  }
}
