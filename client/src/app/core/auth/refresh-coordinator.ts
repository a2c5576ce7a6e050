import type { SessionFragment as AuthPayload } from '@verbatim/contracts';
import type { StoredTokens } from './auth-store';

/** Refresh this long before the access token's `expiresAt`, so no request is sent with it dying. */
export const EXPIRY_MARGIN_MS = 30_000;

/**
 * What a refresh came to: a new access token is stored; the server refused (the session is
 * over); or the server could not be asked (offline, rate limited, 5xx: keep the session).
 */
export type RefreshResult = 'refreshed' | 'refused' | 'unavailable';

/** Thrown by `RefreshPort.exchange` when the server answered and said no. */
export class RefreshRefusedError extends Error {
  constructor(message = 'The session can no longer be refreshed.') {
    super(message);
    this.name = 'RefreshRefusedError';
  }
}

/** The outside world of the coordinator: storage, the server, a cross-tab lock and the clock. */
export interface RefreshPort {
  /** The session as stored right now; another tab may have replaced it since this one read it. */
  read(): StoredTokens | null;
  /** Spends the refresh token; rejects with RefreshRefusedError when the server says no. */
  exchange(refreshToken: string): Promise<AuthPayload>;
  save(payload: AuthPayload): void;
  /** Runs `task` while no other tab of this browser is refreshing. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  now(): number;
}

export function expiresSoon(
  tokens: StoredTokens,
  now: number,
  marginMs = EXPIRY_MARGIN_MS,
): boolean {
  return tokens.expiresAt !== null && tokens.expiresAt - now <= marginMs;
}

/**
 * Single-flight refresh of the access token. Refresh tokens rotate and reusing a spent one
 * revokes the whole session, so two refreshes must never race: concurrent callers in a tab
 * share one request, tabs take turns through a lock, and a caller whose token was already
 * replaced (by this tab or another) gets the new one without asking the server again.
 */
export class RefreshCoordinator {
  private inFlight: Promise<RefreshResult> | null = null;

  constructor(private readonly port: RefreshPort) {}

  /** Replaces `staleToken`: the access token the server just refused, or one about to expire. */
  refresh(staleToken: string | null): Promise<RefreshResult> {
    if (this.inFlight) return this.inFlight;
    if (this.replaced(staleToken)) return Promise.resolve('refreshed');
    this.inFlight = this.port
      .exclusive(() => this.exchange(staleToken))
      .finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** Before sending a request: refresh first when the stored token is about to expire. */
  ensureFresh(): Promise<RefreshResult | 'fresh'> {
    if (this.inFlight) return this.inFlight;
    const tokens = this.port.read();
    if (!tokens || !expiresSoon(tokens, this.port.now())) return Promise.resolve('fresh');
    return this.refresh(tokens.token);
  }

  /** The stored access token is another one than `staleToken`, and still good. */
  private replaced(staleToken: string | null): boolean {
    const tokens = this.port.read();
    return !!tokens && tokens.token !== staleToken && !expiresSoon(tokens, this.port.now());
  }

  private async exchange(staleToken: string | null): Promise<RefreshResult> {
    // Another tab may have refreshed while this one waited for the lock.
    if (this.replaced(staleToken)) return 'refreshed';
    const refreshToken = this.port.read()?.refreshToken;
    if (!refreshToken) return 'refused';
    try {
      this.port.save(await this.port.exchange(refreshToken));
      return 'refreshed';
    } catch (error) {
      return error instanceof RefreshRefusedError ? 'refused' : 'unavailable';
    }
  }
}
