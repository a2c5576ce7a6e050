import { describe, expect, it, vi } from 'vitest';
import type { RefreshResult } from '../../core/auth/refresh-coordinator';
import {
  type UploadSession,
  interpretUploadResponse,
  sendWithSession,
  withRetryAfter,
} from './upload-client';
import type { UploadOutcome } from './upload-queue';

describe('interpretUploadResponse', () => {
  it('accepts 201 with the new transcript id', () => {
    expect(interpretUploadResponse(201, '{"id":"t1","status":"UPLOADED"}')).toEqual({
      kind: 'created',
      id: 't1',
    });
  });

  it('turns 409 into a duplicate that points at the existing transcript', () => {
    const body = JSON.stringify({
      code: 'CONFLICT',
      message: 'Identical file already uploaded',
      existingTranscriptId: 't0',
    });
    expect(interpretUploadResponse(409, body)).toEqual({
      kind: 'duplicate',
      existingTranscriptId: 't0',
      message: 'Identical file already uploaded',
    });
  });

  it('keeps the server message and code for refusals', () => {
    expect(
      interpretUploadResponse(
        413,
        '{"code":"PAYLOAD_TOO_LARGE","message":"The file is larger than 50 MB."}',
      ),
    ).toEqual({
      kind: 'failed',
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The file is larger than 50 MB.',
    });
    expect(
      interpretUploadResponse(400, '{"code":"BAD_USER_INPUT","message":"Field file is required"}'),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Field file is required',
    });
  });

  it('falls back to readable wording when the body is not JSON', () => {
    expect(interpretUploadResponse(413, '<html>Request Entity Too Large</html>')).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The file is larger than the server accepts.',
    });
    const unknown = interpretUploadResponse(502, '');
    expect(unknown).toMatchObject({ code: 'UNKNOWN' });
    expect('message' in unknown ? unknown.message : '').toContain('HTTP 502');
    expect(interpretUploadResponse(0, '')).toMatchObject({ code: 'NETWORK' });
    expect(interpretUploadResponse(401, '')).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('sendWithSession', () => {
  const unauthenticated: UploadOutcome = {
    kind: 'failed',
    code: 'UNAUTHENTICATED',
    message: 'Your session has ended.',
  };
  const created: UploadOutcome = { kind: 'created', id: 't1' };

  function session(refresh: RefreshResult) {
    let token = 'token-1';
    return {
      token: () => token,
      ensureFresh: vi.fn(() => Promise.resolve('fresh')),
      refresh: vi.fn(() => {
        if (refresh === 'refreshed') token = 'token-2';
        return Promise.resolve(refresh);
      }),
      expired: vi.fn<() => void>(),
    } satisfies UploadSession;
  }

  it('refreshes after a 401 and sends the file once more', async () => {
    const s = session('refreshed');
    const send = vi
      .fn<() => Promise<UploadOutcome>>()
      .mockResolvedValueOnce(unauthenticated)
      .mockResolvedValueOnce(created);
    await expect(sendWithSession(s, send)).resolves.toEqual(created);
    expect(send).toHaveBeenCalledTimes(2);
    expect(s.refresh).toHaveBeenCalledWith('token-1');
    expect(s.expired).not.toHaveBeenCalled();
  });

  it('gives up after one retry and ends the session', async () => {
    const s = session('refreshed');
    const send = vi.fn(() => Promise.resolve(unauthenticated));
    await expect(sendWithSession(s, send)).resolves.toEqual(unauthenticated);
    expect(send).toHaveBeenCalledTimes(2);
    expect(s.expired).toHaveBeenCalledTimes(1);
  });

  it('does not resend when the refresh was refused or could not be made', async () => {
    for (const outcome of ['refused', 'unavailable'] as const) {
      const s = session(outcome);
      const send = vi.fn(() => Promise.resolve(unauthenticated));
      await expect(sendWithSession(s, send)).resolves.toEqual(unauthenticated);
      expect(send).toHaveBeenCalledTimes(1);
    }
  });

  it('leaves other outcomes alone', async () => {
    const s = session('refreshed');
    const send = vi.fn(() => Promise.resolve(created));
    await expect(sendWithSession(s, send)).resolves.toEqual(created);
    expect(s.refresh).not.toHaveBeenCalled();
  });
});

describe('withRetryAfter', () => {
  it('says when a rate-limited upload may be tried again', () => {
    const limited: UploadOutcome = {
      kind: 'failed',
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many uploads.',
    };
    expect(withRetryAfter(limited, '30')).toEqual({
      ...limited,
      message: 'Too many uploads. Try again in 30 s.',
    });
    expect(withRetryAfter(limited, '600')).toMatchObject({
      message: 'Too many uploads. Try again in 10 min.',
    });
    expect(withRetryAfter(limited, null)).toEqual(limited);
    expect(withRetryAfter({ kind: 'created', id: 't' }, '30')).toEqual({
      kind: 'created',
      id: 't',
    });
  });
});
