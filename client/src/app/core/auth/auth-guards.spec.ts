import { TestBed } from '@angular/core/testing';
import { provideRouter, type RouterStateSnapshot, UrlTree } from '@angular/router';
import { beforeEach, describe, expect, it } from 'vitest';
import { requireSession } from './auth-guards';
import { AuthStore } from './auth-store';

const SESSION = {
  token: 'a1',
  refreshToken: 'r1',
  expiresAt: '2026-03-01T12:15:00.000Z',
  user: { id: 'u1', name: 'Rosa', email: 'rosa@example.com' },
};

function guard(url: string): UrlTree {
  const result = TestBed.runInInjectionContext(() =>
    requireSession({} as never, { url } as RouterStateSnapshot),
  );
  if (!(result instanceof UrlTree)) throw new Error('expected a redirect to log-in');
  return result;
}

describe('requireSession', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
  });

  it('sends a returning visitor who logged out to log-in, back to the page asked for', () => {
    const auth = TestBed.inject(AuthStore);
    auth.start(SESSION);
    auth.clear();
    const tree = guard('/p/42');
    expect(tree.toString()).toBe('/login?returnUrl=%2Fp%2F42');
  });

  it('says the session ended when the server ended it during a navigation', () => {
    const auth = TestBed.inject(AuthStore);
    auth.start(SESSION);
    auth.clear('ended-by-server');
    expect(guard('/p/42').queryParams).toEqual({ returnUrl: '/p/42', expired: '1' });
    auth.start(SESSION);
    auth.clear();
    expect(guard('/p/42').queryParams).toEqual({ returnUrl: '/p/42' });
  });
});
