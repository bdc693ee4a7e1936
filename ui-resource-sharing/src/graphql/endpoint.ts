import { useStripes } from '@folio/stripes/core';
import { okapiOf } from '../types/stripes';

/**
 * Apollo context sending an operation to mod-resource-sharing's GraphQL read API. The platform's
 * ApolloClient (stripes-core Root) points at Okapi's `/graphql` with the Okapi headers; `uri` in
 * the operation's context redirects it to `/resource-sharing/graphql`, headers unchanged.
 */
export function useResourceSharingGraphql(): { uri: string } {
  const { url } = okapiOf(useStripes());
  return { uri: `${url.replace(/\/$/, '')}/resource-sharing/graphql` };
}

/** GraphQL answers null for absent fields; the REST shapes the components know leave them out. */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && k !== '__typename') out[k] = withoutNulls(v);
    return out as T;
  }
  return value;
}
