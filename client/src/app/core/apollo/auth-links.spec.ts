import { type ApolloClient, ApolloLink } from '@apollo/client';
import { gql } from 'apollo-angular';
import { Observable, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import {
  RefreshCoordinator,
  RefreshRefusedError,
  type RefreshResult,
} from '../auth/refresh-coordinator';
import type { StoredTokens } from '../auth/auth-store';
import { type AuthLinkDeps, authHeaderLink, refreshOnUnauthenticatedLink } from './auth-links';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const PROJECTS = gql`
  query Projects {
    projects {
      totalCount
    }
  }
`;
const SHARED_REPORT = gql`
  query SharedReport {
    sharedReport {
      title
    }
  }
`;
const LOG_IN = gql`
  mutation LogIn {
    logIn {
      token
    }
  }
`;

/**
 * A server that accepts one access token at a time, answering UNAUTHENTICATED in the body
 * like Apollo Server does, and a session store refreshed through the real coordinator.
 */
function setup(options: { refuseRefresh?: boolean; expiresAt?: number } = {}) {
  let stored: StoredTokens | null = {
    token: 'token-1',
    refreshToken: 'refresh-1',
    expiresAt: options.expiresAt ?? NOW + 10 * 60_000,
  };
  let accepted = 'token-2'; // the server already considers token-1 expired
  const sent: (string | undefined)[] = [];
  const server = new ApolloLink((operation) => {
    const headers = operation.getContext()['headers'] as Record<string, string> | undefined;
    const authorization = headers?.['authorization'];
    sent.push(authorization);
    return new Observable<ApolloLink.Result>((observer) => {
      setTimeout(() => {
        observer.next(
          authorization === `Bearer ${accepted}`
            ? { data: { projects: { totalCount: 3 } } }
            : {
                data: null,
                errors: [{ message: 'Log in', extensions: { code: 'UNAUTHENTICATED' } }],
              },
        );
        observer.complete();
      }, 1);
    });
  });
  const exchange = vi.fn(async (refreshToken: string) => {
    await new Promise((r) => setTimeout(r, 5));
    if (options.refuseRefresh || refreshToken !== 'refresh-1') throw new Error('refused');
    return {
      token: 'token-2',
      refreshToken: 'refresh-2',
      expiresAt: new Date(NOW + 15 * 60_000).toISOString(),
      user: { id: 'u1', name: 'Rosa', email: 'rosa@example.com' },
    };
  });
  const coordinator = new RefreshCoordinator({
    read: () => stored,
    exchange: async (token) => {
      try {
        return await exchange(token);
      } catch {
        throw new RefreshRefusedError();
      }
    },
    save: (p) =>
      (stored = {
        token: p.token,
        refreshToken: p.refreshToken,
        expiresAt: Date.parse(p.expiresAt),
      }),
    exclusive: (task) => task(),
    now: () => NOW,
  });
  const expired = vi.fn();
  const deps: AuthLinkDeps = {
    token: () => stored?.token ?? null,
    ensureFresh: () => coordinator.ensureFresh(),
    refresh: async (stale): Promise<RefreshResult> => {
      const result = await coordinator.refresh(stale);
      if (result === 'refused') {
        stored = null;
        expired();
      }
      return result;
    },
    expired,
  };
  const link = ApolloLink.from([refreshOnUnauthenticatedLink(deps), authHeaderLink(deps), server]);
  const run = (query = PROJECTS) =>
    lastValueFrom(
      ApolloLink.execute(link, { query }, { client: {} as ApolloClient }).pipe(toArray()),
    );
  return {
    run,
    exchange,
    expired,
    sent,
    stored: () => stored,
    rejectEverything: () => (accepted = 'none'),
  };
}

describe('auth links', () => {
  it('refreshes once for concurrent UNAUTHENTICATED answers and retries each operation', async () => {
    const { run, exchange, sent, stored } = setup();
    const results = await Promise.all([run(), run(), run()]);
    for (const r of results) expect(r).toEqual([{ data: { projects: { totalCount: 3 } } }]);
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(sent.filter((h) => h === 'Bearer token-1')).toHaveLength(3);
    expect(sent.filter((h) => h === 'Bearer token-2')).toHaveLength(3);
    expect(stored()?.refreshToken).toBe('refresh-2');
  });

  it('refreshes before sending when the token is about to expire, so nothing is refused', async () => {
    const { run, exchange, sent } = setup({ expiresAt: NOW + 10_000 });
    await expect(run()).resolves.toEqual([{ data: { projects: { totalCount: 3 } } }]);
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(sent).toEqual(['Bearer token-2']);
  });

  it('passes the refusal on without retrying when the refresh is refused', async () => {
    const { run, exchange, expired, sent } = setup({ refuseRefresh: true });
    const [result] = await run();
    expect(result?.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(sent).toEqual(['Bearer token-1']);
  });

  it('retries only once: a refreshed token refused again ends the session', async () => {
    const { run, exchange, expired, sent, rejectEverything } = setup();
    rejectEverything();
    const [result] = await run();
    expect(result?.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(2);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('never refreshes for log-in, where UNAUTHENTICATED means wrong credentials', async () => {
    const { run, exchange, sent } = setup();
    const [result] = await run(LOG_IN);
    expect(result?.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(exchange).not.toHaveBeenCalled();
    expect(sent).toHaveLength(1);
  });

  it("sends a share link's page without the session token, and never refreshes for it", async () => {
    const { run, exchange, sent } = setup({ expiresAt: NOW + 10_000 });
    await run(SHARED_REPORT);
    expect(sent).toEqual([undefined]);
    expect(exchange).not.toHaveBeenCalled();
  });
});
