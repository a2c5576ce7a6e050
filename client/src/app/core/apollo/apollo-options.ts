import { Injector, inject } from '@angular/core';
import {
  type ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
  ServerError,
} from '@apollo/client';
import { OperationTypeNode } from 'graphql';
import { tap } from 'rxjs';
import { AuthStore } from '../auth/auth-store';
import { Session } from '../auth/session';
import { hasUnauthenticated } from '../errors/app-error';
import { LiveConnection } from './live-connection';
import type { Connection } from '../../graphql/types';

/** Operations where "unauthenticated" means wrong credentials, not an ended session. */
const CREDENTIAL_OPERATIONS = new Set(['LogIn', 'SignUp']);

/** Appends a later page of a connection to the pages already in the cache. */
export function appendPages(
  existing: Connection<unknown> | undefined,
  incoming: Connection<unknown>,
  { args }: { args: Record<string, unknown> | null },
): Connection<unknown> {
  if (!existing || !args?.['after']) return incoming;
  const seen = new Set(existing.edges.map((e) => e.cursor));
  return {
    ...incoming,
    edges: [...existing.edges, ...incoming.edges.filter((e) => !seen.has(e.cursor))],
  };
}

export function createApolloOptions(): ApolloClient.Options {
  const auth = inject(AuthStore);
  const live = inject(LiveConnection);
  const injector = inject(Injector);

  const withAuth = new ApolloLink((operation, forward) => {
    const authorization = auth.authorization();
    if (authorization) {
      operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
        headers: { ...headers, authorization },
      }));
    }
    return forward(operation);
  });

  // An ended session shows up as UNAUTHENTICATED in the errors or as HTTP 401.
  const expireOnUnauthenticated = new ApolloLink((operation, forward) => {
    if (CREDENTIAL_OPERATIONS.has(operation.operationName ?? '')) return forward(operation);
    const expire = () => injector.get(Session).expired();
    return forward(operation).pipe(
      tap({
        next: (result) => {
          if (result.errors && hasUnauthenticated(result.errors)) expire();
        },
        error: (error: unknown) => {
          if (
            (CombinedGraphQLErrors.is(error) && hasUnauthenticated(error.errors)) ||
            (ServerError.is(error) && error.statusCode === 401)
          ) {
            expire();
          }
        },
      }),
    );
  });

  const http = ApolloLink.from([withAuth, new HttpLink({ uri: '/graphql' })]);
  const transport = ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    live.link(),
    http,
  );

  return {
    link: ApolloLink.from([expireOnUnauthenticated, transport]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            workspaces: { keyArgs: false, merge: appendPages },
            projects: { keyArgs: ['workspaceId'], merge: appendPages },
            transcripts: { keyArgs: ['projectId'], merge: appendPages },
          },
        },
      },
    }),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  };
}
