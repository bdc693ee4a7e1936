// Circulation work through mod-circulation: Page and hold-shelf requests, check-in and check-out
// by barcode, loans, due-date changes and renewals.
import { cqlString, OkapiError, type OkapiClient } from '../../okapi/okapi-client.ts';
import { HostError } from '../host-error.ts';
import type { CheckInResult, HostLoan, HostRequest, PageItemOptions } from '../host-lsp.ts';
import { addDays, type HostSettings } from '../host-settings.ts';
import { step, toHostError } from './folio-errors.ts';
import { getHoldings, getItem } from './folio-inventory.ts';
import { findUser } from './folio-patrons.ts';
import type { Collection, FolioCheckInResponse, FolioLoan, FolioRequest } from './folio-records.ts';

type Clock = () => Date;

export function toHostRequest(r: FolioRequest): HostRequest {
  return {
    id: r.id,
    status: r.status ?? 'Open - Not yet filled',
    requestType: r.requestType,
    itemId: r.itemId ?? null,
    requesterId: r.requesterId,
    pickupServicePointId: r.pickupServicePointId ?? null,
    holdShelfExpirationDate: r.holdShelfExpirationDate ?? null,
  };
}

export function toHostLoan(l: FolioLoan): HostLoan {
  return {
    id: l.id,
    itemId: l.itemId,
    userId: l.userId ?? null,
    loanDate: l.loanDate,
    dueDate: l.dueDate ?? null,
    status: l.status?.name ?? 'Open',
    renewalCount: l.renewalCount ?? 0,
  };
}

/** An item-level request: FOLIO wants the instance and holdings ids beside the item id. */
async function placeItemRequest(
  client: OkapiClient,
  operation: string,
  requestType: 'Page' | 'Hold',
  itemId: string,
  requesterId: string,
  pickupServicePointId: string,
  now: Clock,
): Promise<HostRequest> {
  const item = await getItem(client, itemId, operation);
  const holdings = await getHoldings(client, item.holdingsRecordId, operation);
  const body = {
    requestType,
    requestLevel: 'Item',
    requestDate: now().toISOString(),
    requesterId,
    itemId,
    instanceId: holdings.instanceId,
    holdingsRecordId: holdings.id,
    fulfillmentPreference: 'Hold Shelf',
    pickupServicePointId,
  };
  try {
    return toHostRequest(await client.post<FolioRequest>('/circulation/requests', body));
  } catch (e) {
    // A retry after a lost answer: the request may already be there. Hand back that one.
    if (e instanceof OkapiError && e.status === 422) {
      const existing = await openRequestOf(client, itemId, requesterId, operation);
      if (existing && existing.requestType === requestType) return toHostRequest(existing);
    }
    throw toHostError(e, operation);
  }
}

async function openRequestOf(client: OkapiClient, itemId: string, requesterId: string, operation: string): Promise<FolioRequest | undefined> {
  const query = `itemId==${cqlString(itemId)} and requesterId==${cqlString(requesterId)} and status=="Open*"`;
  const res = await step(operation, () => client.get<Collection<'requests', FolioRequest>>('/circulation/requests', { query, limit: 1 }));
  return res.requests?.[0];
}

export async function pageItem(
  client: OkapiClient,
  settings: HostSettings,
  itemId: string,
  opts: PageItemOptions,
  now: Clock,
): Promise<HostRequest> {
  const op = 'pageItem';
  const barcode = opts.patronBarcode ?? settings.institutionalPatronBarcode;
  const requester = await findUser(client, barcode, op);
  if (!requester) throw new HostError('not_found', `${op}: no user with barcode ${barcode} (institutional patron)`, { retryable: false, operation: op });
  return placeItemRequest(client, op, 'Page', itemId, requester.id, opts.pickupServicePointId ?? settings.defaultServicePointId, now);
}

/**
 * The borrowed item is Available when it is created, and FOLIO refuses a Hold on an Available
 * item, so the patron's hold-shelf request is a Page; the check-in at the pickup point then puts
 * it on the hold shelf.
 */
export async function placeHoldShelfRequest(
  client: OkapiClient,
  settings: HostSettings,
  itemId: string,
  patronId: string,
  pickupServicePointId: string | undefined,
  now: Clock,
): Promise<HostRequest> {
  return placeItemRequest(client, 'placeHoldShelfRequest', 'Page', itemId, patronId, pickupServicePointId ?? settings.pickupServicePointId, now);
}

export async function getRequest(client: OkapiClient, requestId: string): Promise<HostRequest | null> {
  try {
    return toHostRequest(await client.get<FolioRequest>(`/circulation/requests/${encodeURIComponent(requestId)}`));
  } catch (e) {
    if (e instanceof OkapiError && e.status === 404) return null;
    throw toHostError(e, 'getRequest');
  }
}

const READ_ONLY_REQUEST_FIELDS = ['requester', 'proxy', 'pickupServicePoint', 'searchIndex', 'metadata', 'item', 'instance'];

export async function cancelRequest(
  client: OkapiClient,
  settings: HostSettings,
  requestId: string,
  reason: string | undefined,
  now: Clock,
): Promise<void> {
  const op = 'cancelRequest';
  const path = `/circulation/requests/${encodeURIComponent(requestId)}`;
  const current = await step(op, () => client.get<FolioRequest>(path));
  if ((current.status ?? '').startsWith('Closed')) return;
  const body: Record<string, unknown> = { ...current, status: 'Closed - Cancelled', cancelledDate: now().toISOString() };
  for (const f of READ_ONLY_REQUEST_FIELDS) delete body[f];
  if (settings.cancellationReasonId) body.cancellationReasonId = settings.cancellationReasonId;
  if (reason) body.cancellationAdditionalInformation = reason;
  await step(op, () => client.put<unknown>(path, body));
}

export async function checkOutToInstitution(
  client: OkapiClient,
  settings: HostSettings,
  itemBarcode: string,
  institutionalPatronBarcode: string | undefined,
  dueDate: string | undefined,
  now: Clock,
): Promise<HostLoan> {
  const op = 'checkOutToInstitution';
  const body = {
    itemBarcode,
    userBarcode: institutionalPatronBarcode ?? settings.institutionalPatronBarcode,
    servicePointId: settings.defaultServicePointId,
  };
  let loan: HostLoan;
  try {
    loan = toHostLoan(await client.post<FolioLoan>('/circulation/check-out-by-barcode', body));
  } catch (e) {
    // A retry after a lost answer (or after the due-date step failed): the item may already be on
    // loan to this patron. Carry on with that loan.
    const existing = e instanceof OkapiError && e.status === 422 ? await loanToPatron(client, itemBarcode, body.userBarcode, op) : null;
    if (!existing) throw toHostError(e, op);
    loan = existing;
  }
  const wanted = dueDate ?? (settings.lendingLoanPeriodDays ? addDays(now(), settings.lendingLoanPeriodDays) : undefined);
  if (wanted && (!loan.dueDate || Date.parse(loan.dueDate) !== Date.parse(wanted))) {
    await changeDueDate(client, loan.id, wanted, `${op}: due date`);
    return { ...loan, dueDate: new Date(Date.parse(wanted)).toISOString() };
  }
  return loan;
}

async function loanToPatron(client: OkapiClient, itemBarcode: string, userBarcode: string, operation: string): Promise<HostLoan | null> {
  const items = await step(operation, () =>
    client.get<Collection<'items', { id: string }>>('/item-storage/items', { query: `barcode==${cqlString(itemBarcode)}`, limit: 1 }),
  );
  const itemId = items.items?.[0]?.id;
  if (!itemId) return null;
  const loan = await findOpenLoan(client, itemId);
  if (!loan) return null;
  const user = await findUser(client, userBarcode, operation);
  return user && loan.userId === user.id ? loan : null;
}

export async function checkIn(client: OkapiClient, settings: HostSettings, itemBarcode: string, servicePointId: string | undefined, now: Clock): Promise<CheckInResult> {
  const op = 'checkIn';
  const body = { itemBarcode, servicePointId: servicePointId ?? settings.defaultServicePointId, checkInDate: now().toISOString() };
  const res = await step(op, () => client.post<FolioCheckInResponse>('/circulation/check-in-by-barcode', body));
  if (!res?.item?.id || !res.item.status?.name) {
    throw new HostError('bad_response', `${op}: the answer names no item status`, { retryable: false, operation: op });
  }
  return {
    itemId: res.item.id,
    itemBarcode: res.item.barcode ?? itemBarcode,
    itemStatus: res.item.status.name,
    inTransitDestinationServicePointId: res.item.inTransitDestinationServicePointId ?? null,
    closedLoanId: res.loan?.id ?? null,
  };
}

export async function findOpenLoan(client: OkapiClient, itemId: string): Promise<HostLoan | null> {
  const query = `itemId==${cqlString(itemId)} and status.name=="Open"`;
  const res = await step('findOpenLoan', () => client.get<Collection<'loans', FolioLoan>>('/circulation/loans', { query, limit: 1 }));
  const loan = res.loans?.[0];
  return loan ? toHostLoan(loan) : null;
}

export async function changeDueDate(client: OkapiClient, loanId: string, dueDate: string, operation = 'changeDueDate'): Promise<void> {
  const t = Date.parse(dueDate);
  if (Number.isNaN(t)) throw new HostError('config', `${operation}: not a date: ${dueDate}`, { retryable: false, operation });
  await step(operation, () =>
    client.post<unknown>(`/circulation/loans/${encodeURIComponent(loanId)}/change-due-date`, { dueDate: new Date(t).toISOString() }),
  );
}

export async function renewLoan(client: OkapiClient, itemId: string, userId: string): Promise<HostLoan> {
  return toHostLoan(await step('renewLoan', () => client.post<FolioLoan>('/circulation/renew-by-id', { itemId, userId })));
}
