import { ApolloClient, HttpLink, InMemoryCache, type NormalizedCacheObject } from '@apollo/client';
import type { OkapiState } from '../core/stripes';

/**
 * The ApolloClient stripes-core's Root provides (its createApolloClient): Okapi's `/graphql` with
 * the tenant and token headers. Apps that talk to their own GraphQL endpoint set `context.uri` per
 * operation (the app's queries go to `/resource-sharing/graphql`). `fetch` is looked up at call
 * time so tests can put a fake backend behind the global fetch.
 */
export function createApolloClient(okapi: Pick<OkapiState, 'url' | 'tenant' | 'token'>): ApolloClient<NormalizedCacheObject> {
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: new HttpLink({
      credentials: 'include',
      headers: {
        'X-Okapi-Tenant': okapi.tenant,
        ...(okapi.token ? { 'X-Okapi-Token': okapi.token } : {}),
      },
      uri: `${okapi.url}/graphql`,
      fetch: (input, init) => globalThis.fetch(input, init),
    }),
  });
}
