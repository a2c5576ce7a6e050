import { Injectable, computed, signal } from '@angular/core';
import { Subject } from 'rxjs';
import type { SessionFragment as AuthPayload } from '@verbatim/contracts';

type User = AuthPayload['user'];

const TOKEN_KEY = 'verbatim.token';
const REFRESH_KEY = 'verbatim.refreshToken';
const EXPIRES_KEY = 'verbatim.expiresAt';
const USER_KEY = 'verbatim.user';
const RETURNING_KEY = 'verbatim.returning';
const SESSION_KEYS = [TOKEN_KEY, REFRESH_KEY, EXPIRES_KEY, USER_KEY];

/** The tokens of a session as stored; `expiresAt` is epoch milliseconds, null when unknown. */
export interface StoredTokens {
  token: string;
  refreshToken: string | null;
  expiresAt: number | null;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage unavailable (private mode): the session lives in memory only
  }
}

function readUser(): User | null {
  const raw = read(USER_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<User>;
    return parsed.id && parsed.name
      ? { id: parsed.id, name: parsed.name, email: parsed.email ?? '' }
      : null;
  } catch {
    return null;
  }
}

/** Reads the stored tokens; sessions saved before refresh tokens existed have only `token`. */
export function readStoredTokens(): StoredTokens | null {
  const token = read(TOKEN_KEY);
  if (!token) return null;
  const expires = Date.parse(read(EXPIRES_KEY) ?? '');
  return {
    token,
    refreshToken: read(REFRESH_KEY),
    expiresAt: Number.isFinite(expires) ? expires : null,
  };
}

/**
 * The session: access token, refresh token, expiry and the signed-in user, kept in
 * localStorage so every tab shares one session (and one refresh-token family).
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly tokensState = signal<StoredTokens | null>(readStoredTokens());
  private readonly userState = signal<User | null>(readUser());
  private readonly changedElsewhereSubject = new Subject<void>();
  private readonly endedByServerState = signal(false);

  readonly tokens = this.tokensState.asReadonly();
  readonly token = computed(() => this.tokensState()?.token ?? null);
  readonly user = this.userState.asReadonly();
  readonly isLoggedIn = computed(() => this.tokensState() !== null);
  /** The last session was ended by the server (expired, revoked), not by logging out. */
  readonly endedByServer = this.endedByServerState.asReadonly();
  /** Another tab logged in, refreshed or logged out. */
  readonly changedElsewhere$ = this.changedElsewhereSubject.asObservable();

  constructor() {
    if (typeof window === 'undefined') return;
    window.addEventListener('storage', (event) => {
      if (event.key !== null && !SESSION_KEYS.includes(event.key)) return;
      const before = this.tokensState()?.token ?? null;
      this.reload();
      if ((this.tokensState()?.token ?? null) !== before) this.changedElsewhereSubject.next();
    });
  }

  /** Someone has signed in on this browser before: send them to log in rather than sign up. */
  get isReturningVisitor(): boolean {
    return read(RETURNING_KEY) === '1';
  }

  /** The header value for HTTP and the graphql-ws connection, or null when logged out. */
  authorization(): string | null {
    const token = this.token();
    return token ? `Bearer ${token}` : null;
  }

  /** Re-reads what is stored, picking up a refresh another tab made. */
  reload(): StoredTokens | null {
    const tokens = readStoredTokens();
    this.tokensState.set(tokens);
    this.userState.set(tokens ? readUser() : null);
    return tokens;
  }

  start(payload: AuthPayload): void {
    write(TOKEN_KEY, payload.token);
    write(REFRESH_KEY, payload.refreshToken);
    write(EXPIRES_KEY, payload.expiresAt);
    write(USER_KEY, JSON.stringify(payload.user));
    write(RETURNING_KEY, '1');
    const expires = Date.parse(payload.expiresAt);
    this.tokensState.set({
      token: payload.token,
      refreshToken: payload.refreshToken,
      expiresAt: Number.isFinite(expires) ? expires : null,
    });
    this.userState.set(payload.user);
    this.endedByServerState.set(false);
  }

  updateUser(user: User): void {
    write(USER_KEY, JSON.stringify(user));
    this.userState.set(user);
  }

  clear(reason: 'logged-out' | 'ended-by-server' = 'logged-out'): void {
    this.endedByServerState.set(reason === 'ended-by-server');
    for (const key of SESSION_KEYS) write(key, null);
    this.tokensState.set(null);
    this.userState.set(null);
  }
}
