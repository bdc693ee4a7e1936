// Circulation as mod-circulation decides it for the ILL flow: which request types an item status
// allows, hold-shelf fulfilment on check-in, filling the request on check-out, loans with a due
// date from the loan policy, due-date changes and renewals.
import { randomUUID } from 'node:crypto';
import { metadataFor } from './inventory-rules.ts';
import { SimError } from './sim-error.ts';
import {
  itemByBarcode,
  openLoanFor,
  renumberQueue,
  requestQueue,
  userByBarcode,
  type SimItem,
  type SimLoan,
  type SimRequest,
  type SimServicePoint,
  type SimState,
  type SimUser,
} from './sim-state.ts';

const DAY_MS = 86_400_000;

/** Item statuses each request type may be placed on (mod-circulation RequestTypeItemStatusWhiteList). */
const ALLOWED_STATUSES: Record<SimRequest['requestType'], string[]> = {
  Page: ['Available', 'Restricted'],
  Hold: ['Checked out', 'Awaiting pickup', 'Awaiting delivery', 'In transit', 'Missing', 'Paged', 'On order', 'In process', 'Restricted'],
  Recall: ['Checked out', 'Awaiting pickup', 'Awaiting delivery', 'In transit', 'Paged', 'On order', 'In process', 'Restricted'],
};

const NOT_LOANABLE = ['Missing', 'Withdrawn', 'Declared lost', 'Claimed returned', 'Aged to lost', 'Lost and paid', 'Long missing', 'Unavailable', 'Unknown', 'Intellectual item', 'Order closed'];

function blocks(state: SimState, userId: string) {
  return state.patronBlocks.get(userId) ?? [];
}

function setItemStatus(item: SimItem, name: string, now: Date): void {
  if (item.status.name !== name) item.status = { name, date: now.toISOString() };
}

function periodMs(sp: SimServicePoint | undefined): number {
  const p = sp?.holdShelfExpiryPeriod ?? { duration: 10, intervalId: 'Days' as const };
  const unit = { Minutes: 60_000, Hours: 3_600_000, Days: DAY_MS, Weeks: 7 * DAY_MS, Months: 30 * DAY_MS }[p.intervalId];
  return p.duration * unit;
}

function title(state: SimState, item: SimItem): string {
  const holdings = state.holdings.get(item.holdingsRecordId);
  const instance = holdings ? state.instances.get(holdings.instanceId) : undefined;
  return (instance?.title as string | undefined) ?? 'Item';
}

function requesterSummary(u: SimUser): Record<string, string> {
  const out: Record<string, string> = { lastName: u.personal?.lastName ?? u.username ?? '' };
  if (u.personal?.firstName) out.firstName = u.personal.firstName;
  if (u.barcode) out.barcode = u.barcode;
  return out;
}

export function createRequest(state: SimState, body: Record<string, unknown>, now: Date): SimRequest {
  const requestType = body.requestType as SimRequest['requestType'];
  const requester = state.users.get(body.requesterId as string);
  if (!requester) throw SimError.unprocessable('A valid user and patron group are required. User is null', 'requesterId', String(body.requesterId));
  if (requester.active === false) throw SimError.unprocessable('Inactive users cannot make requests', 'requesterId', requester.id);
  const blocking = blocks(state, requester.id).filter((b) => b.blockRequests);
  if (blocking.length) throw SimError.unprocessable(blocking.map((b) => b.message).join('; ') || 'Patron blocked from requesting', 'requesterId', requester.id);

  const level = (body.requestLevel as string | undefined) ?? 'Item';
  if (level !== 'Item') throw SimError.unprocessable('Title level requests are not supported by the simulator', 'requestLevel', level);
  const itemId = body.itemId as string | undefined;
  if (!itemId) throw SimError.unprocessable('Cannot create an item level request with no item ID', 'itemId', '');
  const item = state.items.get(itemId);
  if (!item) throw SimError.unprocessable(`Item with id ${itemId} does not exist`, 'itemId', itemId);
  const holdings = state.holdings.get(item.holdingsRecordId);
  if (!body.instanceId) throw SimError.unprocessable('Cannot create a request with no instance ID', 'instanceId', '');
  if (!body.holdingsRecordId) throw SimError.unprocessable('Cannot create an item level request with no holdings record ID', 'holdingsRecordId', '');
  if (body.holdingsRecordId !== item.holdingsRecordId || body.instanceId !== holdings?.instanceId) {
    throw SimError.unprocessable('Item does not belong to the given holdings record and instance', 'itemId', itemId);
  }

  let pickup: SimServicePoint | undefined;
  if (body.fulfillmentPreference === 'Hold Shelf') {
    const spId = body.pickupServicePointId as string | undefined;
    if (!spId) throw SimError.unprocessable('A Request with Fulfillment preference Hold Shelf must have a Pickup service point', 'pickupServicePointId', '');
    pickup = state.servicePoints.get(spId);
    if (!pickup) throw SimError.unprocessable('Pickup service point does not exist', 'pickupServicePointId', spId);
    if (pickup.pickupLocation !== true) throw SimError.unprocessable('Service point is not a pickup location', 'pickupServicePointId', spId);
  }

  if (!ALLOWED_STATUSES[requestType].includes(item.status.name)) {
    throw SimError.unprocessable(`${requestType} requests are not allowed for this patron and item combination`, 'requestType', requestType);
  }
  const queue = requestQueue(state, itemId);
  if (queue.some((r) => r.requesterId === requester.id)) {
    throw SimError.unprocessable('This requester already has an open request for this item', 'itemId', itemId);
  }
  const loan = openLoanFor(state, itemId);
  if (loan?.userId === requester.id) throw SimError.unprocessable('This requester currently has this item on loan', 'itemId', itemId);

  const id = typeof body.id === 'string' ? body.id : randomUUID();
  if (state.requests.has(id)) throw SimError.unprocessable(`id value already exists in table request: ${id}`, 'id', id);
  const record: SimRequest = {
    ...(body as Omit<SimRequest, 'id'>),
    id,
    requestType,
    requestLevel: level,
    requesterId: requester.id,
    status: 'Open - Not yet filled',
    fulfillmentPreference: body.fulfillmentPreference as string,
    position: queue.length + 1,
    requester: requesterSummary(requester),
    item: item.barcode ? { barcode: item.barcode } : {},
    instance: { title: title(state, item) },
    metadata: metadataFor(now),
  };
  if (pickup) {
    record.pickupServicePoint = { name: pickup.name, code: pickup.code, discoveryDisplayName: pickup.discoveryDisplayName as string, pickupLocation: true };
  }
  state.requests.set(id, record);
  if (requestType === 'Page') setItemStatus(item, 'Paged', now);
  return record;
}

/** PUT of a request: edits, and cancellation (the request leaves the queue; a paged item goes back on the shelf). */
export function updateRequest(state: SimState, id: string, body: Record<string, unknown>, now: Date): SimRequest {
  const current = state.requests.get(id);
  if (!current) throw SimError.notFound(`Request not found: ${id}`);
  const next = { ...current, ...body, id, metadata: { ...(current.metadata as object), updatedDate: now.toISOString() } } as SimRequest;
  if (body.status === 'Closed - Cancelled' && current.status.startsWith('Open')) {
    delete next.position;
    next.cancelledDate = (body.cancelledDate as string | undefined) ?? now.toISOString();
    state.requests.set(id, next);
    if (current.itemId) {
      renumberQueue(state, current.itemId);
      const item = state.items.get(current.itemId);
      if (item && item.status.name === 'Paged' && requestQueue(state, current.itemId).length === 0) setItemStatus(item, 'Available', now);
    }
    return next;
  }
  state.requests.set(id, next);
  return next;
}

export interface CheckInOutcome {
  loan?: SimLoan;
  item: Record<string, unknown>;
  staffSlipContext: Record<string, unknown>;
  inHouseUse: boolean;
}

export function checkIn(state: SimState, body: { itemBarcode: string; servicePointId: string; checkInDate: string }, now: Date): CheckInOutcome {
  const item = itemByBarcode(state, body.itemBarcode);
  if (!item) throw SimError.unprocessable(`No item with barcode ${body.itemBarcode} exists`, 'itemBarcode', body.itemBarcode);
  const sp = state.servicePoints.get(body.servicePointId);
  if (!sp) throw SimError.unprocessable(`No service point with ID ${body.servicePointId} exists`, 'servicePointId', body.servicePointId);

  const loan = openLoanFor(state, item.id);
  if (loan) {
    loan.status = { name: 'Closed' };
    loan.action = 'checkedin';
    loan.returnDate = body.checkInDate;
    loan.systemReturnDate = now.toISOString();
    loan.checkinServicePointId = sp.id;
  }

  const head = requestQueue(state, item.id)[0];
  delete item.inTransitDestinationServicePointId;
  if (head) {
    if (head.fulfillmentPreference === 'Delivery') {
      head.status = 'Open - Awaiting delivery';
      setItemStatus(item, 'Awaiting delivery', now);
    } else if (head.pickupServicePointId === sp.id) {
      if (head.status !== 'Open - Awaiting pickup') {
        head.status = 'Open - Awaiting pickup';
        head.holdShelfExpirationDate = new Date(now.getTime() + periodMs(sp)).toISOString();
      }
      setItemStatus(item, 'Awaiting pickup', now);
    } else {
      head.status = 'Open - In transit';
      setItemStatus(item, 'In transit', now);
      item.inTransitDestinationServicePointId = head.pickupServicePointId;
    }
  } else {
    const location = item.effectiveLocationId ? state.locations.get(item.effectiveLocationId) : undefined;
    const served = location?.servicePointIds ?? (location ? [location.primaryServicePoint] : [sp.id]);
    if (location && !served.includes(sp.id)) {
      setItemStatus(item, 'In transit', now);
      item.inTransitDestinationServicePointId = location.primaryServicePoint;
    } else {
      setItemStatus(item, 'Available', now);
    }
  }
  item.lastCheckIn = { dateTime: body.checkInDate, servicePointId: sp.id };

  const holdings = state.holdings.get(item.holdingsRecordId);
  const summary: Record<string, unknown> = {
    id: item.id,
    title: title(state, item),
    holdingsRecordId: item.holdingsRecordId,
    status: { ...item.status },
  };
  if (holdings) summary.instanceId = holdings.instanceId;
  if (item.barcode) summary.barcode = item.barcode;
  if (item.inTransitDestinationServicePointId) {
    summary.inTransitDestinationServicePointId = item.inTransitDestinationServicePointId;
    const dest = state.servicePoints.get(item.inTransitDestinationServicePointId);
    if (dest) summary.inTransitDestinationServicePoint = { name: dest.name };
  }
  const out: CheckInOutcome = { item: summary, staffSlipContext: {}, inHouseUse: false };
  if (loan) out.loan = loan;
  return out;
}

export function checkOut(
  state: SimState,
  body: { itemBarcode: string; userBarcode: string; servicePointId: string; loanDate?: string },
  now: Date,
): SimLoan {
  const item = itemByBarcode(state, body.itemBarcode);
  if (!item) throw SimError.unprocessable(`No item with barcode ${body.itemBarcode} could be found`, 'itemBarcode', body.itemBarcode);
  const user = userByBarcode(state, body.userBarcode);
  if (!user) throw SimError.unprocessable('Could not find user with matching barcode', 'userBarcode', body.userBarcode);
  if (user.active === false) throw SimError.unprocessable('Cannot check out to inactive user', 'userBarcode', body.userBarcode);
  const blocking = blocks(state, user.id).filter((b) => b.blockBorrowing);
  if (blocking.length) throw SimError.unprocessable(blocking.map((b) => b.message).join('; ') || 'Patron blocked from borrowing', 'userBarcode', body.userBarcode);
  if (!state.servicePoints.has(body.servicePointId)) {
    throw SimError.unprocessable(`No service point with ID ${body.servicePointId} exists`, 'servicePointId', body.servicePointId);
  }
  const label = `${title(state, item)} (Barcode: ${item.barcode ?? ''})`;
  if (item.status.name === 'Checked out' || openLoanFor(state, item.id)) {
    throw SimError.unprocessable(`${label} is already checked out`, 'itemBarcode', body.itemBarcode);
  }
  if (NOT_LOANABLE.includes(item.status.name)) {
    throw SimError.unprocessable(`${label} has the item status ${item.status.name} and cannot be checked out`, 'itemBarcode', body.itemBarcode);
  }
  const head = requestQueue(state, item.id)[0];
  if (head && head.requesterId !== user.id) {
    throw SimError.unprocessable(`${label} cannot be checked out to user ${user.barcode ?? user.id} because it has been requested by another patron`, 'userBarcode', body.userBarcode);
  }
  if (!head && item.status.name === 'Awaiting pickup') {
    throw SimError.unprocessable(`${label} cannot be checked out because it is awaiting pickup by another patron`, 'userBarcode', body.userBarcode);
  }
  if (head) {
    head.status = 'Closed - Filled';
    delete head.position;
    renumberQueue(state, item.id);
  }
  const loanDate = body.loanDate ?? now.toISOString();
  const loan: SimLoan = {
    id: randomUUID(),
    userId: user.id,
    itemId: item.id,
    loanDate,
    dueDate: new Date(Date.parse(loanDate) + state.loanPolicy.periodDays * DAY_MS).toISOString(),
    status: { name: 'Open' },
    action: 'checkedout',
    renewalCount: 0,
    checkoutServicePointId: body.servicePointId,
    metadata: metadataFor(now),
  };
  state.loans.set(loan.id, loan);
  setItemStatus(item, 'Checked out', now);
  delete item.inTransitDestinationServicePointId;
  return loan;
}

export function changeDueDate(state: SimState, loanId: string, dueDate: string, now: Date): void {
  const loan = state.loans.get(loanId);
  if (!loan) throw SimError.notFound(`Loan not found: ${loanId}`);
  if (loan.status.name !== 'Open') throw SimError.unprocessable('Loan is closed', 'loanId', loanId);
  loan.dueDate = new Date(Date.parse(dueDate)).toISOString();
  loan.action = 'dueDateChanged';
  loan.metadata = { ...(loan.metadata as object), updatedDate: now.toISOString() };
}

export function renew(state: SimState, itemId: string, userId: string, now: Date): SimLoan {
  const user = state.users.get(userId);
  if (!user) throw SimError.unprocessable('user is not found', 'userId', userId);
  const loan = [...state.loans.values()].find((l) => l.itemId === itemId && l.userId === userId && l.status.name === 'Open');
  if (!loan) throw SimError.unprocessable('No loan for this item and user', 'itemId', itemId);
  const blocking = blocks(state, userId).filter((b) => b.blockRenewals);
  if (blocking.length) throw SimError.unprocessable(blocking.map((b) => b.message).join('; ') || 'Patron blocked from renewing', 'userId', userId);
  if (loan.renewalCount >= state.loanPolicy.renewalLimit) throw SimError.unprocessable('loan at maximum renewal number', 'loanPolicyName', 'simulated');
  const waiting = requestQueue(state, itemId).filter((r) => r.requestType !== 'Page');
  if (waiting.length) throw SimError.unprocessable('items cannot be renewed when there is an active recall or hold request', 'requestId', waiting[0].id);
  const from = state.loanPolicy.renewFrom === 'currentDueDate' ? Date.parse(loan.dueDate) : now.getTime();
  const next = from + state.loanPolicy.periodDays * DAY_MS;
  if (next <= Date.parse(loan.dueDate)) throw SimError.unprocessable('renewal would not change the due date', 'dueDate', loan.dueDate);
  loan.dueDate = new Date(next).toISOString();
  loan.renewalCount += 1;
  loan.action = 'renewed';
  loan.metadata = { ...(loan.metadata as object), updatedDate: now.toISOString() };
  return loan;
}
