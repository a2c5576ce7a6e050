import { describe, expect, it, vi } from 'vitest';
import type { SessionFragment as AuthPayload } from '@verbatim/contracts';
import type { StoredTokens } from './auth-store';
import {
  EXPIRY_MARGIN_MS,
  RefreshCoordinator,
  type RefreshPort,
  RefreshRefusedError,
  expiresSoon,
} from './refresh-coordinator';

const NOW = Date.parse('2026-03-01T12:00:00Z');

/** A session store and a server that issues token-2, token-3… for refresh-1, refresh-2… */
function setup(initial: StoredTokens | null = session(1, NOW + 10 * 60_000)) {
  let stored = initial;
  let issued = 1;
  const gates: (() => void)[] = [];
  const exchange = vi.fn(async (refreshToken: string): Promise<AuthPayload> => {
    await new Promise<void>((resolve) => gates.push(resolve));
    if (refreshToken !== `refresh-${issued}`) throw new RefreshRefusedError();
    issued += 1;
    return {
      token: `token-${issued}`,
      refreshToken: `refresh-${issued}`,
      expiresAt: new Date(NOW + 15 * 60_000).toISOString(),
      user: { id: 'u1', name: 'Rosa', email: 'rosa@example.com' },
    };
  });
  const port: RefreshPort = {
    read: () => stored,
    save: (payload: AuthPayload) => {
      stored = {
        token: payload.token,
        refreshToken: payload.refreshToken,
        expiresAt: Date.parse(payload.expiresAt),
      };
    },
    exclusive: (task) => task(),
    now: () => NOW,
    exchange,
  };
  return {
    port,
    exchange,
    coordinator: new RefreshCoordinator(port),
    stored: () => stored,
    setStored: (tokens: StoredTokens | null) => (stored = tokens),
    /** Lets the pending server answers through. */
    answer: async () => {
      await Promise.resolve();
      gates.splice(0).forEach((open) => open());
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

function session(n: number, expiresAt: number | null): StoredTokens {
  return { token: `token-${n}`, refreshToken: `refresh-${n}`, expiresAt };
}

describe('RefreshCoordinator', () => {
  it('shares one refresh between every request that failed at the same time', async () => {
    const { coordinator, exchange, stored, answer } = setup();
    const results = Promise.all([
      coordinator.refresh('token-1'),
      coordinator.refresh('token-1'),
      coordinator.refresh('token-1'),
    ]);
    await answer();
    await expect(results).resolves.toEqual(['refreshed', 'refreshed', 'refreshed']);
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(exchange).toHaveBeenCalledWith('refresh-1');
    expect(stored()?.token).toBe('token-2');
  });

  it('does not refresh again for a request that failed with a token already replaced', async () => {
    const { coordinator, exchange, answer } = setup();
    const first = coordinator.refresh('token-1');
    await answer();
    await first;
    // A slow request sent with token-1 fails after the refresh finished.
    await expect(coordinator.refresh('token-1')).resolves.toBe('refreshed');
    expect(exchange).toHaveBeenCalledTimes(1);
  });

  it('starts a new refresh when the replacement token is refused in turn', async () => {
    const { coordinator, exchange, answer } = setup();
    const first = coordinator.refresh('token-1');
    await answer();
    await first;
    const second = coordinator.refresh('token-2');
    await answer();
    await expect(second).resolves.toBe('refreshed');
    expect(exchange).toHaveBeenNthCalledWith(2, 'refresh-2');
  });

  it('reports a refused refresh to every waiting request, then lets a later one try again', async () => {
    const { coordinator, exchange, setStored, answer } = setup({
      token: 'token-1',
      refreshToken: 'spent',
      expiresAt: NOW + 60_000,
    });
    const results = Promise.all([coordinator.refresh('token-1'), coordinator.refresh('token-1')]);
    await answer();
    await expect(results).resolves.toEqual(['refused', 'refused']);
    expect(exchange).toHaveBeenCalledTimes(1);

    setStored(session(1, NOW + 60_000));
    const retry = coordinator.refresh('token-1');
    await answer();
    await expect(retry).resolves.toBe('refreshed');
    expect(exchange).toHaveBeenCalledTimes(2);
  });

  it('keeps the session when the server cannot be reached', async () => {
    const { coordinator, exchange, stored } = setup();
    exchange.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(coordinator.refresh('token-1')).resolves.toBe('unavailable');
    expect(stored()?.token).toBe('token-1');
  });

  it('is refused without asking the server when there is no refresh token', async () => {
    const { coordinator, exchange } = setup({
      token: 'token-1',
      refreshToken: null,
      expiresAt: null,
    });
    await expect(coordinator.refresh('token-1')).resolves.toBe('refused');
    expect(exchange).not.toHaveBeenCalled();
  });

  it('adopts a token another tab stored while this one waited for the lock', async () => {
    const { coordinator, port, exchange, setStored } = setup();
    port.exclusive = async (task) => {
      setStored(session(7, NOW + 15 * 60_000)); // the other tab's refresh landed first
      return task();
    };
    await expect(coordinator.refresh('token-1')).resolves.toBe('refreshed');
    expect(exchange).not.toHaveBeenCalled();
  });

  it('refreshes ahead of a request when the token expires within the margin, once', async () => {
    const { coordinator, exchange, answer } = setup(session(1, NOW + EXPIRY_MARGIN_MS - 1_000));
    const both = Promise.all([coordinator.ensureFresh(), coordinator.ensureFresh()]);
    await answer();
    await expect(both).resolves.toEqual(['refreshed', 'refreshed']);
    expect(exchange).toHaveBeenCalledTimes(1);
    await expect(coordinator.ensureFresh()).resolves.toBe('fresh');
  });

  it('leaves a token with time to spare, or without a known expiry, alone', async () => {
    const fresh = setup(session(1, NOW + 5 * 60_000));
    await expect(fresh.coordinator.ensureFresh()).resolves.toBe('fresh');
    const unknown = setup(session(1, null));
    await expect(unknown.coordinator.ensureFresh()).resolves.toBe('fresh');
    const loggedOut = setup(null);
    await expect(loggedOut.coordinator.ensureFresh()).resolves.toBe('fresh');
    expect(fresh.exchange).not.toHaveBeenCalled();
  });

  it('makes a request wait for a refresh already under way', async () => {
    const { coordinator, exchange, answer } = setup();
    const refresh = coordinator.refresh('token-1');
    const waiting = coordinator.ensureFresh();
    await answer();
    await expect(Promise.all([refresh, waiting])).resolves.toEqual(['refreshed', 'refreshed']);
    expect(exchange).toHaveBeenCalledTimes(1);
  });
});

describe('expiresSoon', () => {
  it('is true within the margin and after expiry, false otherwise or when unknown', () => {
    expect(expiresSoon(session(1, NOW + 29_000), NOW)).toBe(true);
    expect(expiresSoon(session(1, NOW - 1), NOW)).toBe(true);
    expect(expiresSoon(session(1, NOW + 31_000), NOW)).toBe(false);
    expect(expiresSoon(session(1, null), NOW)).toBe(false);
  });
});
