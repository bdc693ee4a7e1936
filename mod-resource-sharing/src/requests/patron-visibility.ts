// Who the patron is (name, barcode, id, notes) shows only to callers holding the desired
// permission; everyone else sees where and by when the item is wanted. Used by every read API.
import { hasDesiredPermission, type OkapiContext } from '../okapi/context.ts';
import type { Patron } from './request-types.ts';

export const PATRON_DETAILS_PERMISSION = 'resource-sharing.requests.patron.view';

export function patronVisibleTo(ctx: OkapiContext, patron: Patron | undefined): Patron | undefined {
  if (!patron || hasDesiredPermission(ctx, PATRON_DETAILS_PERMISSION)) return patron;
  const { pickupLocation, neededBefore, patronGroup } = patron;
  return {
    ...(pickupLocation ? { pickupLocation } : {}),
    ...(neededBefore ? { neededBefore } : {}),
    ...(patronGroup ? { patronGroup } : {}),
  };
}
