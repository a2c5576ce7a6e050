import { Injectable, inject } from '@angular/core';
import { AuthStore } from '../../core/auth/auth-store';
import type { RefreshResult } from '../../core/auth/refresh-coordinator';
import { Session } from '../../core/auth/session';
import { TokenRefresher } from '../../core/auth/token-refresher';
import { fallbackMessage, toErrorCode } from '../../core/errors/app-error';

export type AuditPart = 'request' | 'response';

/** Whose audit: an analysis run's or a theme-suggestion run's. */
export type AuditSource = 'analysis' | 'themeSuggestions';

const AUDIT_RUNS: Record<AuditSource, string> = {
  analysis: 'analysis-runs',
  themeSuggestions: 'theme-suggestion-runs',
};

/** Where the whole body of an audit entry is served (Bearer token, owners and editors). */
export function auditBodyUrl(
  runId: string,
  exchangeId: string,
  part: AuditPart,
  source: AuditSource = 'analysis',
): string {
  return `/api/${AUDIT_RUNS[source]}/${encodeURIComponent(runId)}/exchanges/${encodeURIComponent(exchangeId)}/${part}`;
}

/** The file name a `Content-Disposition` header proposes, or `fallback`. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  const name = match?.[1] ? decodeURIComponent(match[1]).replace(/[/\\]/g, '_').trim() : '';
  return name || fallback;
}

/** What a download needs from the session: a fresh token, and one refresh after a 401. */
export interface DownloadSession {
  token(): string | null;
  ensureFresh(): Promise<unknown>;
  refresh(staleToken: string | null): Promise<RefreshResult>;
  expired(): void;
}

export type Downloaded =
  | { ok: true; blob: Blob; filename: string }
  | { ok: false; message: string };

/**
 * GETs a file with the session's token (a link cannot send one): on 401 refreshes once and
 * tries again; a refusal becomes the server's message.
 */
export async function fetchWithSession(
  session: DownloadSession,
  url: string,
  fallbackName: string,
  fetchFn: typeof fetch = fetch,
): Promise<Downloaded> {
  const send = () => {
    const token = session.token();
    return fetchFn(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  };
  await session.ensureFresh();
  const sentToken = session.token();
  let response = await send();
  if (response.status === 401 && (await session.refresh(sentToken)) === 'refreshed') {
    response = await send();
    if (response.status === 401) session.expired();
  }
  if (!response.ok) return { ok: false, message: await refusal(response) };
  return {
    ok: true,
    blob: await response.blob(),
    filename: filenameFrom(response.headers.get('Content-Disposition'), fallbackName),
  };
}

const BY_STATUS: Record<number, string> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  429: 'TOO_MANY_REQUESTS',
};

async function refusal(response: Response): Promise<string> {
  let body: { code?: unknown; message?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON
  }
  if (typeof body.message === 'string' && body.message.trim()) return body.message.trim();
  const code = toErrorCode(body.code ?? BY_STATUS[response.status]);
  return code === 'UNKNOWN'
    ? `The download failed (HTTP ${response.status}).`
    : fallbackMessage(code);
}

/** Saves the whole request or response of an audit entry as a file. */
@Injectable({ providedIn: 'root' })
export class AuditDownloader {
  private readonly auth = inject(AuthStore);
  private readonly refresher = inject(TokenRefresher);
  private readonly appSession = inject(Session);
  private readonly session: DownloadSession = {
    token: () => this.auth.token(),
    ensureFresh: () => this.refresher.ensureFresh(),
    refresh: (staleToken) => this.refresher.refresh(staleToken),
    expired: () => this.appSession.expired(),
  };

  /** Resolves to null when the file was handed to the browser, or to what went wrong. */
  async download(
    runId: string,
    exchangeId: string,
    part: AuditPart,
    source: AuditSource = 'analysis',
  ): Promise<string | null> {
    const result = await fetchWithSession(
      this.session,
      auditBodyUrl(runId, exchangeId, part, source),
      `${part}.json`,
    ).catch(() => ({ ok: false, message: fallbackMessage('NETWORK') }) as const);
    if (!result.ok) return result.message;
    const url = URL.createObjectURL(result.blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = result.filename;
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return null;
  }
}
