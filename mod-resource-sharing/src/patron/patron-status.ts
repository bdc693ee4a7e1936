// What a patron is told about a request: every state of every state model maps to one status a
// patron understands (test/patron/patron-status.test.ts fails for a state without one). A few
// states say more once the library system has told us where the item is (hold shelf or loan).
import type { ResourceSharingRequest } from '../requests/request-types.ts';

export const PATRON_STATUSES = [
  'requested',
  'libraryReview',
  'lookingForLender',
  'onItsWay',
  'received',
  'readyForPickup',
  'onLoan',
  'renewalRequested',
  'recalled',
  'overdue',
  'returned',
  'notAvailable',
  'cancelling',
  'cancelled',
  'copyReady',
  'completed',
  'replaced',
  'closed',
] as const;
export type PatronStatus = (typeof PATRON_STATUSES)[number];

/** Status by state code; `model/state` entries win where one code means different things per model. */
export const STATE_PATRON_STATUS: Readonly<Record<string, PatronStatus>> = {
  // borrowing (what our patron asked for)
  REQ_IDLE: 'requested',
  REQ_VALIDATED: 'requested',
  REQ_INVALID_PATRON: 'libraryReview',
  REQ_AWAITING_COPYRIGHT_CLEARANCE: 'libraryReview',
  REQ_UNFILLED: 'lookingForLender',
  REQ_END_OF_ROTA: 'notAvailable',
  REQ_SENT_TO_SUPPLIER: 'lookingForLender',
  REQ_EXPECTS_TO_SUPPLY: 'lookingForLender',
  REQ_CONDITIONAL_ANSWER_RECEIVED: 'lookingForLender',
  REQ_RETRY_POSSIBLE: 'lookingForLender',
  REQ_CANCEL_PENDING: 'cancelling',
  REQ_SHIPPED: 'onItsWay',
  REQ_RECEIVED: 'received',
  REQ_OVERDUE: 'overdue',
  REQ_RECALLED: 'recalled',
  REQ_RENEW_PENDING: 'renewalRequested',
  REQ_AWAITING_RETURN_SHIPPING: 'returned',
  REQ_SHIPPED_TO_SUPPLIER: 'returned',
  REQ_DOCUMENT_DELIVERED: 'copyReady',
  REQ_REQUEST_COMPLETE: 'returned',
  'borrowing-copy/REQ_REQUEST_COMPLETE': 'completed',
  REQ_CANCELLED: 'cancelled',
  REQ_REREQUESTED: 'replaced',
  REQ_CLOSED_MANUALLY: 'closed',
  // lending (another library's patron, as that library would put it)
  RES_IDLE: 'requested',
  RES_PENDING_CONDITIONAL_ANSWER: 'requested',
  RES_NEW_AWAIT_PULL_SLIP: 'requested',
  RES_AWAIT_PICKING: 'requested',
  RES_AWAIT_SHIP: 'requested',
  RES_CANCEL_REQUEST_RECEIVED: 'cancelling',
  RES_ITEM_SHIPPED: 'onItsWay',
  RES_AWAIT_RENEW_RESPONSE: 'renewalRequested',
  RES_OVERDUE: 'overdue',
  RES_RECALLED: 'recalled',
  RES_ITEM_RETURNED: 'returned',
  RES_COMPLETE: 'returned',
  'lending-copy/RES_COMPLETE': 'copyReady',
  RES_UNFILLED: 'notAvailable',
  RES_CANCELLED: 'cancelled',
  RES_CLOSED_MANUALLY: 'closed',
};

/** The status for a state of a model, before the library system's knowledge refines it; undefined = none mapped. */
export function statusOfState(modelId: string, state: string): PatronStatus | undefined {
  return STATE_PATRON_STATUS[`${modelId}/${state}`] ?? STATE_PATRON_STATUS[state];
}

/** The patron has the item: the library system saw their loan, or (no library system) it is past the hold shelf as far as we know. */
export function patronHasItem(r: ResourceSharingRequest): boolean {
  if (!['REQ_RECEIVED', 'REQ_OVERDUE', 'REQ_RECALLED', 'REQ_RENEW_PENDING'].includes(r.state)) return false;
  const host = r.hostRecords;
  if (!host || host.removed) return true;
  return Boolean(host.patronLoanId);
}

/** The status of this request, refined by what the library system knows. */
export function patronStatusOf(r: ResourceSharingRequest): PatronStatus {
  const base = statusOfState(r.stateModel, r.state) ?? 'requested';
  const host = r.hostRecords;
  const onShelf = Boolean(host?.onHoldShelf && !host.patronLoanId && !host.removed);
  if (base === 'received') return host?.patronLoanId ? 'onLoan' : onShelf ? 'readyForPickup' : 'received';
  // overdue or recalled at the lender while still waiting on our hold shelf: the patron should collect it
  if ((base === 'overdue' || base === 'recalled') && onShelf) return 'readyForPickup';
  if (base === 'copyReady' && !r.documentUrl) return 'completed';
  return base;
}
