import { describe, expect, it, vi } from 'vitest';
import type { RefreshResult } from '../../core/auth/refresh-coordinator';
import {
  type DownloadSession,
  auditBodyUrl,
  fetchWithSession,
  filenameFrom,
} from './audit-download';

/** A session whose functions are mocks the tests can inspect. */
function session(tokens: string[], refresh: RefreshResult = 'refreshed') {
  let current = 0;
  return {
    token: () => tokens[current] ?? null,
    ensureFresh: vi.fn(() => Promise.resolve('fresh')),
    refresh: vi.fn(() => {
      current++;
      return Promise.resolve(refresh);
    }),
    expired: vi.fn(),
  } satisfies DownloadSession;
}

const file = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers });

describe('audit downloads', () => {
  it('points at the body of one entry of one run', () => {
    expect(auditBodyUrl('r 1', 'e/2', 'response')).toBe(
      '/api/analysis-runs/r%201/exchanges/e%2F2/response',
    );
    expect(auditBodyUrl('r1', 'e2', 'request', 'themeSuggestions')).toBe(
      '/api/theme-suggestion-runs/r1/exchanges/e2/request',
    );
  });

  it('names the file as the server proposes, without paths', () => {
    expect(
      filenameFrom('attachment; filename="analysis-1-part-2-3-request.json"', 'request.json'),
    ).toBe('analysis-1-part-2-3-request.json');
    expect(filenameFrom('attachment; filename="../../evil.txt"', 'x')).toBe('.._.._evil.txt');
    expect(filenameFrom(null, 'response.json')).toBe('response.json');
  });

  it('sends the token and hands back the file', async () => {
    const fetchFn = vi.fn(() =>
      Promise.resolve(
        file('{"a":1}', 200, { 'Content-Disposition': 'attachment; filename="x-request.json"' }),
      ),
    );
    const result = await fetchWithSession(session(['t1']), '/api/x', 'request.json', fetchFn);
    expect(fetchFn).toHaveBeenCalledWith('/api/x', { headers: { Authorization: 'Bearer t1' } });
    expect(result).toMatchObject({ ok: true, filename: 'x-request.json' });
    if (result.ok) expect(await result.blob.text()).toBe('{"a":1}');
  });

  it('refreshes once after a 401 and tries again with the new token', async () => {
    const fetchFn = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(file('', 401))
      .mockResolvedValueOnce(file('body'));
    const s = session(['old', 'new']);
    const result = await fetchWithSession(s, '/api/x', 'f', fetchFn);
    expect(result.ok).toBe(true);
    expect(s.refresh).toHaveBeenCalledWith('old');
    expect(fetchFn).toHaveBeenLastCalledWith('/api/x', {
      headers: { Authorization: 'Bearer new' },
    });
    expect(s.expired).not.toHaveBeenCalled();
  });

  it('ends the session when the refreshed token is refused too', async () => {
    const s = session(['old', 'new']);
    const result = await fetchWithSession(s, '/api/x', 'f', () => Promise.resolve(file('', 401)));
    expect(result).toEqual({ ok: false, message: 'Your session has ended. Please log in again.' });
    expect(s.expired).toHaveBeenCalled();
  });

  it("says why the server refused, in the server's words when it gave some", async () => {
    const forbidden = await fetchWithSession(session(['t']), '/api/x', 'f', () =>
      Promise.resolve(
        file(
          '{"code":"FORBIDDEN","message":"You are a viewer here; this needs an editor or above."}',
          403,
        ),
      ),
    );
    expect(forbidden).toEqual({
      ok: false,
      message: 'You are a viewer here; this needs an editor or above.',
    });
    const gone = await fetchWithSession(session(['t']), '/api/x', 'f', () =>
      Promise.resolve(file('{"code":"NOT_FOUND"}', 404)),
    );
    expect(gone).toEqual({
      ok: false,
      message: 'That item no longer exists, or you do not have access to it.',
    });
    const broken = await fetchWithSession(session(['t']), '/api/x', 'f', () =>
      Promise.resolve(file('<html>', 502)),
    );
    expect(broken).toEqual({ ok: false, message: 'The download failed (HTTP 502).' });
  });
});
