import { ApolloLink, CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { type Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import type { RefreshResult } from '../auth/refresh-coordinator';
import { hasUnauthenticated } from '../errors/app-error';

/**
 * Operations that need no session (public in the api). Their UNAUTHENTICATED means wrong
 * credentials or a spent refresh token, never "refresh and retry"; log-out names its session
 * by the refresh token, so it works even with an expired access token.
 */
export const SESSIONLESS_OPERATIONS: ReadonlySet<string> = new Set([
  'LogIn',
  'SignUp',
  'RefreshSession',
  'LogOut',
  'Invitation',
  'SharedReport',
]);

/**
 * Operations sent without the session's token even when there is one: the public page of a
 * report's share link shows the same to everyone, so a visitor's session (live, expired or from
 * another account) plays no part in it and is not disclosed with the request.
 */
export const ANONYMOUS_OPERATIONS: ReadonlySet<string> = new Set(['SharedReport']);

/** What the auth links need from the session. */
export interface AuthLinkDeps {
  token(): string | null;
  ensureFresh(): Promise<unknown>;
  refresh(staleToken: string | null): Promise<RefreshResult>;
  /** Called when a refreshed token is refused again: the session is over. */
  expired(): void;
}

/** A result whose GraphQL errors say UNAUTHENTICATED, turned into an error to retry on. */
class UnauthenticatedResult {
  constructor(readonly result: ApolloLink.Result) {}
}

/** The server turned the request's credentials away (GraphQL code, HTTP 401, or ws close). */
export function isUnauthenticatedError(error: unknown): boolean {
  return (
    (CombinedGraphQLErrors.is(error) && hasUnauthenticated(error.errors)) ||
    (ServerError.is(error) && error.statusCode === 401) ||
    (error instanceof Error && /^Socket closed with event 440[13]\b/.test(error.message))
  );
}

/**
 * Sets the bearer token, refreshing it first when it is about to expire, and records which
 * token was sent so a refusal can be matched to it.
 */
export function authHeaderLink(deps: AuthLinkDeps): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const name = operation.operationName ?? '';
    const sessionless = SESSIONLESS_OPERATIONS.has(name);
    return from(sessionless ? Promise.resolve() : deps.ensureFresh()).pipe(
      mergeMap(() => {
        const token = ANONYMOUS_OPERATIONS.has(name) ? null : deps.token();
        operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
          headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
          sentToken: token,
        }));
        return forward(operation);
      }),
    );
  });
}

/**
 * When the server refuses the token, refresh once (shared with every other request failing at
 * the same moment) and send the operation again; when refreshing is refused, the session ends.
 */
export function refreshOnUnauthenticatedLink(deps: AuthLinkDeps): ApolloLink {
  return new ApolloLink((operation, forward) => {
    if (SESSIONLESS_OPERATIONS.has(operation.operationName ?? '')) return forward(operation);

    const attempt = (retried: boolean): Observable<ApolloLink.Result> =>
      forward(operation).pipe(
        mergeMap((result) =>
          result.errors && hasUnauthenticated(result.errors)
            ? throwError(() => new UnauthenticatedResult(result))
            : of(result),
        ),
        catchError((error: unknown) => {
          const refused = error instanceof UnauthenticatedResult || isUnauthenticatedError(error);
          if (!refused) return throwError(() => error);
          const passOn = () =>
            error instanceof UnauthenticatedResult ? of(error.result) : throwError(() => error);
          if (retried) {
            deps.expired();
            return passOn();
          }
          const sent = (operation.getContext()['sentToken'] as string | null | undefined) ?? null;
          return from(deps.refresh(sent)).pipe(
            mergeMap((outcome) => (outcome === 'refreshed' ? attempt(true) : passOn())),
          );
        }),
      );

    return attempt(false);
  });
}
