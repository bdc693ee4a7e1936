// The borrowing side in the library system: check the patron; on receipt, the temporary
// (suppressed) records, the hold-shelf request at the patron's pickup point and the check-in that
// puts the item on the hold shelf; the patron's due date; the patron's return; and, when the loan
// is complete, the removal of the temporary records.
import type { HostRecords, ResourceSharingRequest } from '../../requests/request-types.ts';
import type { HostStep, HostStepContext, HostStepResult } from '../../workflow/host-steps.ts';
import { pickupServicePointId } from '../folio/folio-service-points.ts';
import { HostError, isHostError } from '../host-error.ts';
import { hostForTenant, type TenantHostInfo } from '../host-for-tenant.ts';
import type { HostPatron, TemporaryRecordInput } from '../host-lsp.ts';
import { patronDueDate } from '../host-settings.ts';
import { formatReturnAddress } from '../../broker/return-address.ts';
import { clearHostError, HOST_SYNC_ACTOR, recordsOf, returnAddressOf, saveHostProgress } from './step-support.ts';

/** Borrowing states in which the item is with us (on the hold shelf or with the patron). */
export const ITEM_WITH_US_STATES = ['REQ_RECEIVED', 'REQ_OVERDUE', 'REQ_RECALLED', 'REQ_RENEW_PENDING'];

function patronKey(request: ResourceSharingRequest): string | undefined {
  return request.patron?.barcode?.trim() || request.patron?.id?.trim() || undefined;
}

function patronProblem(key: string, p: HostPatron | null): string | undefined {
  if (!p) return `Patron ${key} is not known to the library system`;
  if (!p.active) return `Patron ${key} (${p.name}) is inactive in the library system`;
  if (p.expired) return `Patron ${key} (${p.name}) expired${p.expirationDate ? ` on ${p.expirationDate.slice(0, 10)}` : ''}`;
  if (p.blocked) return `Patron ${key} (${p.name}) is blocked${p.blockReasons.length ? `: ${p.blockReasons.join('; ')}` : ''}`;
  return undefined;
}

/** validate, before: the patron must exist, be active, not expired and not blocked. */
async function checkPatron(ctx: HostStepContext): Promise<HostStepResult | void> {
  if (ctx.request.role !== 'borrowing') return;
  const info = await hostForTenant(ctx.db, ctx.tenant);
  if (info.host.kind === 'manual') return;
  const key = patronKey(ctx.request);
  const invalid = (problem: string): HostStepResult => ({ outcome: 'invalidPatron', params: { problem }, patch: { lastError: problem } });
  if (!key) return invalid('The request names no patron barcode or id to check in the library system');
  const patron = await info.host.host.lookupPatron(key);
  const problem = patronProblem(key, patron);
  if (problem || !patron) return invalid(problem ?? `Patron ${key} is not known to the library system`);
  const current = ctx.request.patron ?? {};
  return {
    patch: {
      hostRecords: { ...recordsOf(ctx.request, info.host.kind), patronId: patron.id },
      patron: {
        ...current,
        ...(current.name ? {} : { name: patron.name }),
        ...(current.patronGroup || !patron.patronGroup ? {} : { patronGroup: patron.patronGroup }),
        ...(current.email || !patron.email ? {} : { email: patron.email }),
      },
    },
  };
}

function temporaryRecordInput(request: ResourceSharingRequest, records: HostRecords, returnTo: string): TemporaryRecordInput {
  const c = request.citation;
  const lenderBarcode = records.lenderBarcodeTaken ? undefined : request.itemBarcode;
  return {
    title: c.title,
    ...(c.author ? { author: c.author } : {}),
    ...(c.publisher ? { publisher: c.publisher } : {}),
    ...(c.publicationDate ? { publicationDate: c.publicationDate } : {}),
    ...(c.edition ? { edition: c.edition } : {}),
    ...(lenderBarcode ? { itemBarcode: lenderBarcode } : {}),
    requestHrid: request.hrid,
    returnTo,
    lenderSymbol: request.supplierSymbol ?? 'the lending library',
    ...(records.instanceId && records.holdingsId && records.itemId
      ? { ids: { instanceId: records.instanceId, holdingsId: records.holdingsId, itemId: records.itemId } }
      : {}),
  };
}

/** markReceived, before: temporary records, hold-shelf request, check-in at the pickup point. */
async function receiveItem(ctx: HostStepContext): Promise<HostStepResult | void> {
  const request = ctx.request;
  if (request.role !== 'borrowing' || request.serviceType !== 'loan') return;
  const info = await hostForTenant(ctx.db, ctx.tenant);
  const h = info.host;
  if (h.kind === 'manual') return;
  const key = patronKey(request);
  if (!key) throw new HostError('config', 'The request names no patron barcode or id to hold the item for', { retryable: false });
  const records = recordsOf(request, h.kind);
  const input = temporaryRecordInput(request, records, request.returnAddress
      ? formatReturnAddress(request.returnAddress)
      : await returnAddressOf(ctx.db, ctx.tenant, request.brokerSupplier?.symbol ?? request.supplierSymbol));
  const dueForPatron = request.dueDate ? patronDueDate(request.dueDate, info.deliveryOffsetDays) : undefined;
  try {
    if (h.kind === 'ncip') {
      const accepted = await h.host.acceptItem({
        ...input,
        patronId: key,
        ...(request.patron?.pickupLocation ? { pickupLocation: request.patron.pickupLocation } : {}),
        ...(dueForPatron ? { dateForReturn: dueForPatron } : {}),
      });
      Object.assign(records, accepted.records, {
        patronId: key,
        holdRequestId: accepted.hold.id,
        pickupServicePointId: accepted.hold.pickupServicePointId ?? undefined,
        onHoldShelf: true,
      });
      return { patch: { hostRecords: records, ...(dueForPatron ? { patronDueDate: dueForPatron } : {}) } };
    }
    if (!records.patronId) {
      const patron = await h.host.lookupPatron(key);
      if (!patron) throw new HostError('not_found', `Patron ${key} is not known to the library system`, { retryable: false });
      records.patronId = patron.id;
    }
    const pickup = await pickupServicePointId(h.client, request.patron?.pickupLocation, h.settings.pickupServicePointId);
    Object.assign(records, await h.host.createTemporaryRecords(input));
    if (!records.holdRequestId) {
      const hold = await h.host.placeHoldShelfRequest(records.itemId!, records.patronId, pickup);
      records.holdRequestId = hold.id;
      records.pickupServicePointId = pickup;
    }
    if (!records.onHoldShelf) {
      const checkedIn = await h.host.checkIn(records.itemBarcode!, pickup);
      records.onHoldShelf = true;
      if (checkedIn.itemStatus !== 'Awaiting pickup') {
        throw new HostError('rejected', `checkIn: the item is ${checkedIn.itemStatus} after check-in at the pickup point, not Awaiting pickup`, {
          retryable: false,
        });
      }
    }
    return { patch: { hostRecords: records } };
  } catch (e) {
    let err = e;
    if (isHostError(e) && e.code === 'duplicate_barcode' && input.itemBarcode && !records.lenderBarcodeTaken) {
      records.lenderBarcodeTaken = true;
      err = new HostError(e.code, `${e.message}. The lender's barcode ${input.itemBarcode} is taken: receiving again uses the barcode ILL-${request.hrid}`, {
        retryable: false,
        status: e.status,
        operation: e.operation,
        cause: e,
      });
    }
    await saveHostProgress(ctx.db, ctx.tenant, request.id, records, ctx.input.action);
    throw err;
  }
}

/**
 * The patron's loan in FOLIO: its due date becomes the lender's due date minus the delivery
 * offset. Answers what to store on the request, 'returned' when the patron had the item and the
 * loan is closed now, or null when there is nothing (yet) to do.
 */
export async function followPatronLoan(info: TenantHostInfo, request: ResourceSharingRequest): Promise<Partial<ResourceSharingRequest> | 'returned' | null> {
  const h = info.host;
  const records = request.hostRecords;
  if (h.kind !== 'folio' || !records?.itemId || records.removed) return null;
  const loan = await h.host.findOpenLoan(records.itemId);
  if (!loan) {
    if (records.patronLoanId) return 'returned';
    if (records.holdRequestId) {
      const hold = await h.host.getRequest(records.holdRequestId);
      if (hold?.status === 'Closed - Filled') return 'returned';
    }
    return null;
  }
  const patch: Partial<ResourceSharingRequest> = {};
  if (records.patronLoanId !== loan.id) patch.hostRecords = { ...records, patronLoanId: loan.id };
  if (request.dueDate) {
    const wanted = patronDueDate(request.dueDate, info.deliveryOffsetDays);
    const changed = !loan.dueDate || Date.parse(loan.dueDate) !== Date.parse(wanted);
    if (changed) await h.host.changeDueDate(loan.id, wanted);
    // the request may hold it already (set when the lender's due date arrived): report the loan's change
    if (changed || request.patronDueDate !== wanted) patch.patronDueDate = wanted;
  }
  return patch;
}

/** After receipt, a renewal or a recall: move the patron's due date when the loan exists. */
async function movePatronDueDate(ctx: HostStepContext & { updated: ResourceSharingRequest }): Promise<Partial<ResourceSharingRequest> | void> {
  const request = ctx.updated;
  if (request.role !== 'borrowing' || !request.hostRecords || request.hostRecords.removed) return;
  if (ctx.input.action === 'supplierRenewResponse' && ctx.input.params?.answerYesNo !== 'Y') return;
  if (ctx.input.action === 'recordRenewAnswer' && ctx.input.params?.answer !== 'yes') return;
  const info = await hostForTenant(ctx.db, ctx.tenant);
  if (info.host.kind === 'ncip') {
    if (ctx.input.action === 'markReceived' || !request.dueDate) return;
    const wanted = patronDueDate(request.dueDate, info.deliveryOffsetDays);
    throw new HostError('config', `NCIP cannot change a loan's due date: set the patron's due date to ${wanted.slice(0, 10)} in the library system`, {
      retryable: false,
    });
  }
  const patch = await followPatronLoan(info, request);
  return patch && patch !== 'returned' ? { ...patch, ...clearHostError(request) } : undefined;
}

/** patronReturned, before: the patron's return is a check-in (unless the sweep saw it happen). */
async function patronReturns(ctx: HostStepContext): Promise<HostStepResult | void> {
  const request = ctx.request;
  const records = request.hostRecords;
  if (request.role !== 'borrowing' || !records?.itemBarcode || records.removed) return;
  if (ctx.input.actor.id === HOST_SYNC_ACTOR.id) return;
  const info = await hostForTenant(ctx.db, ctx.tenant);
  const h = info.host;
  if (h.kind === 'manual') return;
  if (h.kind === 'folio' && records.holdRequestId) {
    // Never collected: close the hold-shelf request, or the check-in puts the item back on the shelf.
    const hold = await h.host.getRequest(records.holdRequestId);
    if (hold?.status.startsWith('Open')) await h.host.cancelRequest(records.holdRequestId, 'Interlibrary loan item returned to the lender');
  }
  try {
    await h.host.checkIn(records.itemBarcode);
  } catch (e) {
    // NCIP: the patron never checked it out. Cancel the hold instead.
    if (!(h.kind === 'ncip' && isHostError(e) && /not checked out/i.test(e.message))) throw e;
    if (records.holdRequestId) await h.host.cancelRequest(records.holdRequestId);
  }
  return {};
}

/** Deletes the temporary records (closing a hold-shelf request nobody collected first). */
export async function removeTemporaryRecords(info: TenantHostInfo, request: ResourceSharingRequest): Promise<Partial<ResourceSharingRequest> | void> {
  const h = info.host;
  const records = request.hostRecords;
  if (h.kind === 'manual' || !records?.itemId || !records.instanceId || !records.holdingsId || records.removed) return;
  if (h.kind === 'folio' && records.holdRequestId) {
    const hold = await h.host.getRequest(records.holdRequestId);
    if (hold?.status.startsWith('Open')) await h.host.cancelRequest(records.holdRequestId, 'Interlibrary loan ended');
  }
  await h.host.removeTemporaryRecords({ instanceId: records.instanceId, holdingsId: records.holdingsId, itemId: records.itemId });
  return { hostRecords: { ...records, removed: true }, ...clearHostError(request) };
}

async function completeLoan(ctx: HostStepContext & { updated: ResourceSharingRequest }): Promise<Partial<ResourceSharingRequest> | void> {
  if (ctx.updated.role !== 'borrowing' || !ctx.updated.hostRecords) return;
  return removeTemporaryRecords(await hostForTenant(ctx.db, ctx.tenant), ctx.updated);
}

/** The borrowing host steps by action code. */
export function borrowingHostSteps(): Record<string, HostStep> {
  return {
    validate: { before: checkPatron },
    // Staff accept the patron: the patron check's problem is no longer an error.
    overridePatronCheck: { before: async () => ({}) },
    markReceived: { before: receiveItem, after: movePatronDueDate },
    supplierRenewResponse: { after: movePatronDueDate },
    recordRenewAnswer: { after: movePatronDueDate },
    supplierRecalled: { after: movePatronDueDate },
    patronReturned: { before: patronReturns },
    supplierLoanCompleted: { after: completeLoan },
    markComplete: { after: completeLoan },
  };
}
