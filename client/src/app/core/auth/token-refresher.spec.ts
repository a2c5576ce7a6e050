import { describe, expect, it, vi } from 'vitest';
import { RefreshRefusedError } from './refresh-coordinator';
import { exchangeRefreshToken } from './token-refresher';
import { safeReturnUrl } from './session';

function answer(status: number, body: unknown): typeof fetch {
  return vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status })));
}

const PAYLOAD = {
  token: 'a2',
  refreshToken: 'r2',
  expiresAt: '2026-03-01T12:15:00.000Z',
  user: { id: 'u1', name: 'Rosa', email: 'rosa@example.com' },
};

describe('exchangeRefreshToken', () => {
  it('sends the RefreshSession mutation and returns the new session', async () => {
    const fetchFn = answer(200, { data: { refreshSession: PAYLOAD } });
    await expect(exchangeRefreshToken('r1', fetchFn)).resolves.toEqual(PAYLOAD);
    const [url, init] = vi.mocked(fetchFn).mock.calls[0]!;
    expect(url).toBe('/graphql');
    if (typeof init?.body !== 'string') throw new Error('the mutation is sent as a JSON string');
    const body = JSON.parse(init.body) as { query: string; variables: unknown };
    expect(body.query).toContain('refreshSession(refreshToken: $refreshToken)');
    expect(body.variables).toEqual({ refreshToken: 'r1' });
  });

  it('treats UNAUTHENTICATED (spent, revoked or unknown token) as refused', async () => {
    const fetchFn = answer(200, {
      data: null,
      errors: [{ message: 'Session ended', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    await expect(exchangeRefreshToken('r1', fetchFn)).rejects.toBeInstanceOf(RefreshRefusedError);
  });

  it('keeps the session when the server is down or rate limiting', async () => {
    for (const fetchFn of [
      answer(502, 'Bad gateway'),
      answer(429, {
        errors: [{ message: 'slow down', extensions: { code: 'TOO_MANY_REQUESTS' } }],
      }),
      answer(200, { errors: [{ message: 'x', extensions: { code: 'TOO_MANY_REQUESTS' } }] }),
    ]) {
      const error = await exchangeRefreshToken('r1', fetchFn).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(RefreshRefusedError);
    }
  });
});

describe('safeReturnUrl', () => {
  it('keeps paths inside the app and drops anything that could leave it', () => {
    expect(safeReturnUrl('/invitations/abc')).toBe('/invitations/abc');
    expect(safeReturnUrl('//evil.example/x')).toBeUndefined();
    expect(safeReturnUrl('https://evil.example')).toBeUndefined();
    expect(safeReturnUrl('')).toBeUndefined();
    expect(safeReturnUrl(null)).toBeUndefined();
  });
});
