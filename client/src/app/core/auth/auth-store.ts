import { Injectable, computed, signal } from '@angular/core';
import type { AuthPayload } from '../../graphql/auth';
import type { User } from '../../graphql/types';

const TOKEN_KEY = 'verbatim.token';
const USER_KEY = 'verbatim.user';
const RETURNING_KEY = 'verbatim.returning';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
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

/** The session: the bearer token and the signed-in user, kept in localStorage. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly tokenState = signal<string | null>(read(TOKEN_KEY));
  private readonly userState = signal<User | null>(readUser());

  readonly token = this.tokenState.asReadonly();
  readonly user = this.userState.asReadonly();
  readonly isLoggedIn = computed(() => this.tokenState() !== null);

  /** Someone has signed in on this browser before: send them to log in rather than sign up. */
  get isReturningVisitor(): boolean {
    return read(RETURNING_KEY) === '1';
  }

  /** The header value for HTTP and the graphql-ws connection, or null when logged out. */
  authorization(): string | null {
    const token = this.tokenState();
    return token ? `Bearer ${token}` : null;
  }

  start(payload: AuthPayload): void {
    localStorage.setItem(TOKEN_KEY, payload.token);
    localStorage.setItem(USER_KEY, JSON.stringify(payload.user));
    localStorage.setItem(RETURNING_KEY, '1');
    this.tokenState.set(payload.token);
    this.userState.set(payload.user);
  }

  updateUser(user: User): void {
    localStorage.setItem(USER_KEY, JSON.stringify(user));
    this.userState.set(user);
  }

  clear(): void {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
    this.tokenState.set(null);
    this.userState.set(null);
  }
}
