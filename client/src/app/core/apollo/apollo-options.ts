import { Injector, inject } from '@angular/core';
import { type ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { removeTypenameFromVariables } from '@apollo/client/link/remove-typename';
import { OperationTypeNode } from 'graphql';
import { AuthStore } from '../auth/auth-store';
import { SessionExpiry } from '../auth/session-expiry';
import { TokenRefresher } from '../auth/token-refresher';
import { type AuthLinkDeps, authHeaderLink, refreshOnUnauthenticatedLink } from './auth-links';
import { LiveConnection } from './live-connection';

/** What the cache needs of any connection to append its pages: the edges' cursors. */
interface CachedConnection {
  edges: { cursor: string }[];
}

/** Appends a later page of a connection to the pages already in the cache. */
export function appendPages<T extends CachedConnection>(
  existing: T | undefined,
  incoming: T,
  { args }: { args: Record<string, unknown> | null },
): T {
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
  const refresher = inject(TokenRefresher);
  const injector = inject(Injector);

  const deps: AuthLinkDeps = {
    token: () => auth.token(),
    ensureFresh: () => refresher.ensureFresh(),
    refresh: (staleToken) => refresher.refresh(staleToken),
    expired: () => injector.get(SessionExpiry).expired(),
  };

  const http = new HttpLink({ uri: '/graphql' });
  const transport = ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    live.link(),
    http,
  );

  return {
    // Objects read back from the API (a highlight's positions, say) carry __typename; the
    // first link drops it from variables so they can be sent again as input.
    link: ApolloLink.from([
      removeTypenameFromVariables(),
      refreshOnUnauthenticatedLink(deps),
      authHeaderLink(deps),
      transport,
    ]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            workspaces: { keyArgs: false, merge: appendPages },
            projects: { keyArgs: ['workspaceId'], merge: appendPages },
            transcripts: { keyArgs: ['projectId'], merge: appendPages },
            members: { keyArgs: ['workspaceId'], merge: appendPages },
            activity: { keyArgs: ['workspaceId'], merge: appendPages },
          },
        },
      },
    }),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  };
}
