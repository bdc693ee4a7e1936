// The permission groups of the GraphQL read API. The endpoint itself needs only
// resource-sharing.graphql.{get,post}; each group of fields is resolved only when the caller holds
// the group's permission (declared as permissionsDesired, so Okapi lists the ones the caller has in
// X-Okapi-Permissions). Without a gateway the module trusts the caller (see okapi/context.ts).
import { GraphQLError } from 'graphql';
import { hasDesiredPermission, type OkapiContext } from '../okapi/context.ts';

export const GRAPHQL_PERMISSIONS = {
  request: 'resource-sharing.requests.item.get',
  requests: 'resource-sharing.requests.collection.get',
  audit: 'resource-sharing.requests.audit.get',
  messages: 'resource-sharing.requests.messages.get',
  directory: 'resource-sharing.directory.item.get',
  statistics: 'resource-sharing.statistics.get',
} as const;

export type PermissionGroup = keyof typeof GRAPHQL_PERMISSIONS;

/** Throws a GraphQL error naming the missing permission unless the caller holds the group's. */
export function requireGroup(okapi: OkapiContext, group: PermissionGroup): void {
  const permission = GRAPHQL_PERMISSIONS[group];
  if (!hasDesiredPermission(okapi, permission)) {
    throw new GraphQLError(`Access denied: the permission ${permission} is required for this field`, {
      extensions: { code: 'FORBIDDEN', permission },
    });
  }
}
