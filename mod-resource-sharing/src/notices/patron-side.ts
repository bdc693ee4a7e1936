// What a state change means for the patron, applied inside the transaction of the change
// (workflow/perform-action.ts calls it): the patron's due date (lender's due date minus the
// delivery offset, the same in every host mode), the dates the patron sees (item arrived, copy
// link and its expiry, a refused renewal), and the notice that goes out, queued in the outbox.
import type { Sql } from '../db/database.ts';
import { patronDueDate } from '../host/host-settings.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';
import { getSettings } from '../settings/settings-store.ts';
import type { Settings } from '../settings/settings-types.ts';
import { enqueueNotice, noticeFor } from './notice-outbox.ts';
import { copyDeliveryOf } from './notice-settings.ts';

/** The delivery offset in force: a FOLIO host's own setting wins over the tenant's. */
export function deliveryOffsetOf(s: Settings): number {
  return s.hostAdapter === 'folio' ? (s.folioHost?.deliveryOffsetDays ?? s.deliveryOffsetDays) : s.deliveryOffsetDays;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PatronSideChange {
  action: string;
  outcome?: string;
  params: Record<string, unknown>;
  now?: Date;
}

/** Updates `next` in place and queues the patron's notice or a copy to fetch (answers true then: kick the outbox); borrowing requests only. */
export async function applyPatronSide(tx: Sql, tenant: string, current: ResourceSharingRequest, next: ResourceSharingRequest, change: PatronSideChange): Promise<boolean> {
  if (next.role !== 'borrowing') return false;
  const settings = await getSettings(tx, tenant);
  const now = change.now ?? new Date();
  if (next.dueDate && next.serviceType === 'loan' && (next.dueDate !== current.dueDate || !next.patronDueDate)) {
    next.patronDueDate = patronDueDate(next.dueDate, deliveryOffsetOf(settings));
  }
  const side = { ...next.patronSide };
  if (change.action === 'markReceived' && next.state !== current.state) side.receivedDate = now.toISOString();
  let fetchCopy = false;
  if (next.documentUrl && next.documentUrl !== current.documentUrl) {
    side.documentDeliveredDate = now.toISOString();
    const copies = copyDeliveryOf(settings);
    if (copies.keep === 'store') {
      // fetched after the commit (patron/copy-store.ts, run with the outbox); served once, or for its days
      side.storedCopy = { status: 'pending' };
      fetchCopy = true;
      if (copies.servedFor === 'days') side.documentExpires = new Date(now.getTime() + copies.days * DAY_MS).toISOString();
      else delete side.documentExpires;
    } else {
      const days = settings.patronNotices?.documentLinkDays ?? 14;
      side.documentExpires = new Date(now.getTime() + days * DAY_MS).toISOString();
    }
  }
  if (change.action === 'supplierRenewResponse' && change.outcome === 'N') side.renewalRefused = true;
  if (change.action.startsWith('cancel') && typeof change.params.reason === 'string' && change.params.reason.trim()) {
    side.cancelReason = change.params.reason.trim().slice(0, 500);
  }
  if (Object.keys(side).length) next.patronSide = side;
  let kind = noticeFor(current, next, change);
  // a copy the library stores is announced once it is stored, with the library's link (or, when
  // storing fails, the supplier's): patron/copy-store.ts queues that notice
  if (kind === 'copyReady' && next.patronSide?.storedCopy?.status === 'pending') kind = undefined;
  const queued = kind ? await enqueueNotice(tx, tenant, settings, next, kind, change, now) : false;
  // true also kicks the outbox after the commit, which fetches the copy
  return queued || fetchCopy;
}
