import { Injectable, Injector, inject } from '@angular/core';
import { print } from 'graphql';
import { Subject } from 'rxjs';
import type { SessionFragment as AuthPayload } from '@verbatim/contracts';
import { RefreshSessionDocument } from '@verbatim/contracts/auth';
import { AuthStore, readStoredTokens } from './auth-store';
import { RefreshCoordinator, RefreshRefusedError, type RefreshResult } from './refresh-coordinator';
import { SessionExpiry } from './session-expiry';

/** Codes that mean "ask again later" rather than "this session is over". */
const TRANSIENT_CODES = new Set(['TOO_MANY_REQUESTS', 'INTERNAL_SERVER_ERROR']);

interface RefreshResponse {
  data?: { refreshSession?: AuthPayload | null } | null;
  errors?: { extensions?: { code?: unknown } }[];
}

/**
 * Calls `refreshSession` with a plain fetch, outside Apollo: the links that would otherwise
 * wrap it are the ones waiting for it.
 */
export async function exchangeRefreshToken(
  refreshToken: string,
  fetchFn: typeof fetch = fetch,
): Promise<AuthPayload> {
  const response = await fetchFn('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      operationName: 'RefreshSession',
      query: print(RefreshSessionDocument),
      variables: { refreshToken },
    }),
  });
  const body = (await response.json().catch(() => null)) as RefreshResponse | null;
  const payload = body?.data?.refreshSession;
  if (payload) return payload;
  const code = body?.errors?.[0]?.extensions?.code;
  if (response.status >= 500 || response.status === 429 || TRANSIENT_CODES.has(String(code))) {
    throw new Error(`refreshSession unavailable (HTTP ${response.status})`);
  }
  throw new RefreshRefusedError();
}

/** One refresh at a time across this browser's tabs (Web Locks), or just this tab's when unsupported. */
export function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request('verbatim.refresh-session', task) as Promise<T>) : task();
}

/** The app's refresher: keeps the AuthStore current and ends the session when refresh is refused. */
@Injectable({ providedIn: 'root' })
export class TokenRefresher {
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);
  private readonly renewedSubject = new Subject<void>();
  private readonly coordinator = new RefreshCoordinator({
    read: readStoredTokens,
    exchange: (refreshToken) => exchangeRefreshToken(refreshToken),
    save: (payload) => this.auth.start(payload),
    exclusive: withRefreshLock,
    now: () => Date.now(),
  });

  /** Emits after the access token changed, so the live connection can reconnect with it. */
  readonly renewed$ = this.renewedSubject.asObservable();

  /** After the server refused `staleToken`. */
  async refresh(staleToken: string | null): Promise<RefreshResult> {
    return this.settle(await this.coordinator.refresh(staleToken));
  }

  /** Before a request: refreshes when the access token expires within half a minute. */
  async ensureFresh(): Promise<RefreshResult | 'fresh'> {
    const result = await this.coordinator.ensureFresh();
    return result === 'fresh' ? result : this.settle(result);
  }

  private settle(result: RefreshResult): RefreshResult {
    if (result === 'refreshed') {
      // Pick up a token another tab stored, then let the socket follow.
      const before = this.auth.token();
      if (readStoredTokens()?.token !== before) this.auth.reload();
      this.renewedSubject.next();
    } else if (result === 'refused') {
      this.injector.get(SessionExpiry).expired();
    }
    return result;
  }
}
