import { Injectable, inject } from '@angular/core';
import { AuthStore } from '../../core/auth/auth-store';
import type { RefreshResult } from '../../core/auth/refresh-coordinator';
import { Session } from '../../core/auth/session';
import { TokenRefresher } from '../../core/auth/token-refresher';
import { type ErrorCode, fallbackMessage, toErrorCode } from '../../core/errors/app-error';
import type { UploadOutcome } from './upload-queue';

interface UploadResponseBody {
  id?: unknown;
  code?: unknown;
  message?: unknown;
  existingTranscriptId?: unknown;
}

function parseBody(text: string): UploadResponseBody {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 0:
      return 'NETWORK';
    case 400:
    case 415:
    case 422:
      return 'BAD_USER_INPUT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'TOO_MANY_REQUESTS';
    default:
      return 'UNKNOWN';
  }
}

/** Maps the upload endpoint's status and JSON body to what the queue shows. */
export function interpretUploadResponse(status: number, bodyText: string): UploadOutcome {
  const body = parseBody(bodyText);
  const message =
    typeof body.message === 'string' && body.message.trim() ? body.message.trim() : null;
  if ((status === 201 || status === 200) && typeof body.id === 'string') {
    return { kind: 'created', id: body.id };
  }
  if (status === 409) {
    return {
      kind: 'duplicate',
      existingTranscriptId:
        typeof body.existingTranscriptId === 'string' ? body.existingTranscriptId : null,
      message: message ?? 'This file was already uploaded to the project.',
    };
  }
  const fromBody = toErrorCode(body.code);
  const code = fromBody === 'UNKNOWN' ? codeForStatus(status) : fromBody;
  if (status >= 200 && status < 300) {
    return {
      kind: 'failed',
      code: 'UNKNOWN',
      message: 'The server accepted the file but sent no transcript id.',
    };
  }
  const suffix = code === 'UNKNOWN' && status >= 500 ? ` (HTTP ${status})` : '';
  return { kind: 'failed', code, message: (message ?? fallbackMessage(code)) + suffix };
}

/** A rate-limited upload says when to try again (`Retry-After` in seconds). */
export function withRetryAfter(outcome: UploadOutcome, retryAfter: string | null): UploadOutcome {
  const seconds = Number(retryAfter);
  if (outcome.kind !== 'failed' || outcome.code !== 'TOO_MANY_REQUESTS') return outcome;
  if (!retryAfter || !Number.isFinite(seconds) || seconds <= 0) return outcome;
  const wait = seconds < 90 ? `${Math.ceil(seconds)} s` : `${Math.ceil(seconds / 60)} min`;
  return { ...outcome, message: `${outcome.message} Try again in ${wait}.` };
}

/** What an upload needs from the session to survive an access token expiring mid-queue. */
export interface UploadSession {
  token(): string | null;
  ensureFresh(): Promise<unknown>;
  refresh(staleToken: string | null): Promise<RefreshResult>;
  expired(): void;
}

/**
 * Sends with a token that is not about to expire; on 401 refreshes once and sends again.
 * Only when the refreshed token is refused too does the session end (a refused refresh has
 * already ended it).
 */
export async function sendWithSession(
  session: UploadSession,
  send: () => Promise<UploadOutcome>,
): Promise<UploadOutcome> {
  await session.ensureFresh();
  const sentToken = session.token();
  const first = await send();
  if (first.kind !== 'failed' || first.code !== 'UNAUTHENTICATED') return first;
  if ((await session.refresh(sentToken)) !== 'refreshed') return first;
  const second = await send();
  if (second.kind === 'failed' && second.code === 'UNAUTHENTICATED') session.expired();
  return second;
}

/** Sends files to the upload endpoints with real progress events and the session's token. */
@Injectable({ providedIn: 'root' })
export class TranscriptUploader {
  private readonly auth = inject(AuthStore);
  private readonly refresher = inject(TokenRefresher);
  private readonly session = inject(Session);
  private readonly uploadSession: UploadSession = {
    token: () => this.auth.token(),
    ensureFresh: () => this.refresher.ensureFresh(),
    refresh: (staleToken) => this.refresher.refresh(staleToken),
    expired: () => this.session.expired(),
  };

  upload(
    projectId: string,
    file: File,
    onProgress: (loaded: number, total: number) => void,
    signal: AbortSignal,
  ): Promise<UploadOutcome> {
    return this.post(
      `/api/projects/${encodeURIComponent(projectId)}/transcripts`,
      file,
      onProgress,
      signal,
    );
  }

  /**
   * Sends one file as the multipart field `file` to an upload endpoint that answers 201
   * `{ id, status }` (transcripts, project imports).
   */
  post(
    url: string,
    file: File,
    onProgress: (loaded: number, total: number) => void,
    signal: AbortSignal,
  ): Promise<UploadOutcome> {
    return sendWithSession(this.uploadSession, () =>
      signal.aborted
        ? Promise.resolve({ kind: 'cancelled' })
        : this.send(url, file, onProgress, signal),
    );
  }

  private send(
    url: string,
    file: File,
    onProgress: (loaded: number, total: number) => void,
    signal: AbortSignal,
  ): Promise<UploadOutcome> {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      const authorization = this.auth.authorization();
      if (authorization) xhr.setRequestHeader('Authorization', authorization);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = (event) =>
        onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
      xhr.onload = () =>
        resolve(
          withRetryAfter(
            interpretUploadResponse(xhr.status, xhr.responseText),
            xhr.getResponseHeader('Retry-After'),
          ),
        );
      xhr.onerror = () =>
        resolve({ kind: 'failed', code: 'NETWORK', message: fallbackMessage('NETWORK') });
      xhr.onabort = () => resolve({ kind: 'cancelled' });
      signal.addEventListener('abort', () => xhr.abort(), { once: true });

      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  }
}
