// The lending side in the library system: find the requested item and page it from the shelf
// when we agree to supply; check it out to the borrowing library's institutional patron when it is
// shipped (its due date is the one the borrower is told); move that due date when we grant a
// renewal; check it in when it comes back; cancel the page request when we cannot supply.
import type { ResourceSharingRequest } from '../../requests/request-types.ts';
import type { HostStep, HostStepContext, HostStepResult } from '../../workflow/host-steps.ts';
import { HostError, isHostError } from '../host-error.ts';
import { hostForTenant } from '../host-for-tenant.ts';
import type { ItemQuery } from '../host-lsp.ts';
import { clearHostError, institutionalPatronOf, recordsOf } from './step-support.ts';

/** What identifies the requested item in our catalogue, best first. */
export function itemQueryFor(request: ResourceSharingRequest): ItemQuery | null {
  const c = request.citation;
  if (request.itemBarcode) return { barcode: request.itemBarcode };
  if (c.supplierUniqueRecordId) return { hrid: c.supplierUniqueRecordId };
  const identifier = c.isbn ?? c.issn ?? c.oclcNumber;
  return identifier ? { identifier } : null;
}

function describeQuery(q: ItemQuery): string {
  return q.barcode ? `barcode ${q.barcode}` : q.hrid ? `HRID ${q.hrid}` : `identifier ${q.identifier}`;
}

/** willSupply / printPullSlip, after: find the item and page it (once). */
async function pageItem(ctx: HostStepContext & { updated: ResourceSharingRequest }): Promise<Partial<ResourceSharingRequest> | void> {
  const request = ctx.updated;
  if (request.role !== 'lending' || request.hostRecords?.pageRequestId) return;
  const info = await hostForTenant(ctx.db, ctx.tenant);
  const h = info.host;
  if (h.kind === 'manual') return;
  const query = itemQueryFor(request);
  if (!query) throw new HostError('not_found', 'The request has no barcode, record id or ISBN/ISSN/OCLC number to find the item by; find it by hand', { retryable: false });
  const item = await h.host.lookupItem(query);
  if (!item) throw new HostError('not_found', `No item in the catalogue matches ${describeQuery(query)}; find it by hand`, { retryable: false });
  if (!item.available) {
    throw new HostError('rejected', `Item ${item.barcode ?? item.id} is ${item.status}: it cannot be paged`, { retryable: false });
  }
  const institutionalPatron = await institutionalPatronOf(ctx.db, ctx.tenant, request.borrower?.symbol ?? request.requesterSymbol);
  const page = await h.host.pageItem(item.id, institutionalPatron ? { patronBarcode: institutionalPatron } : {});
  const itemBarcode = item.barcode ?? page.itemId ?? undefined;
  return {
    hostRecords: {
      ...recordsOf(request, h.kind),
      itemId: page.itemId ?? item.id,
      ...(itemBarcode ? { itemBarcode } : {}),
      ...(item.instanceId ? { instanceId: item.instanceId } : {}),
      ...(item.holdingsId ? { holdingsId: item.holdingsId } : {}),
      pageRequestId: page.id,
      ...(institutionalPatron ? { institutionalPatron } : {}),
    },
    ...clearHostError(request),
  };
}

/** checkOutToBorrower / markShipped, before: check out to the borrowing library; its due date is sent. */
async function checkOutToBorrower(ctx: HostStepContext): Promise<HostStepResult | void> {
  const request = ctx.request;
  if (request.role !== 'lending' || request.serviceType !== 'loan') return;
  const info = await hostForTenant(ctx.db, ctx.tenant);
  const h = info.host;
  if (h.kind === 'manual') return;
  const params = ctx.input.params ?? {};
  const given = (k: string) => (typeof params[k] === 'string' && params[k] !== '' ? (params[k] as string) : undefined);
  const records = recordsOf(request, h.kind);
  const barcode = given('itemBarcode') ?? records.itemBarcode ?? request.itemBarcode;
  if (!barcode) return; // the model asks staff for the barcode
  const dueDate = given('dueDate');
  if (records.loanId && records.itemBarcode === barcode && (!dueDate || dueDate === records.loanDueDate)) {
    // Checked out already (checkOutToBorrower, then markShipped): tell the borrower that loan's due date.
    return { params: { itemBarcode: barcode, ...(dueDate ?? records.loanDueDate ? { dueDate: dueDate ?? records.loanDueDate } : {}) } };
  }
  const institutionalPatron = records.institutionalPatron ?? (await institutionalPatronOf(ctx.db, ctx.tenant, request.borrower?.symbol ?? request.requesterSymbol));
  const loan = await h.host.checkOutToInstitution(barcode, institutionalPatron, dueDate);
  const loanDue = dueDate ?? loan.dueDate ?? undefined;
  return {
    params: { itemBarcode: barcode, ...(loanDue ? { dueDate: loanDue } : {}) },
    patch: {
      hostRecords: {
        ...records,
        itemBarcode: barcode,
        ...(h.kind === 'folio' ? { itemId: loan.itemId } : {}),
        loanId: loan.id,
        ...(loanDue ? { loanDueDate: loanDue } : {}),
        ...(institutionalPatron ? { institutionalPatron } : {}),
      },
    },
  };
}

/** respondToRenew yes, before: the loan to the borrowing library gets the new due date. */
async function renewLoan(ctx: HostStepContext): Promise<HostStepResult | void> {
  const request = ctx.request;
  const params = ctx.input.params ?? {};
  const records = request.hostRecords;
  if (request.role !== 'lending' || params.answer !== 'yes' || typeof params.dueDate !== 'string' || !records?.loanId) return;
  const info = await hostForTenant(ctx.db, ctx.tenant);
  if (info.host.kind !== 'folio') return; // NCIP has no due-date change: renew in the library system
  await info.host.host.changeDueDate(records.loanId, params.dueDate);
  return { patch: { hostRecords: { ...records, loanDueDate: new Date(Date.parse(params.dueDate)).toISOString() } } };
}

/** markReturned, before: check the item back in. */
async function checkInReturn(ctx: HostStepContext): Promise<HostStepResult | void> {
  const request = ctx.request;
  if (request.role !== 'lending' || request.serviceType !== 'loan') return;
  const records = request.hostRecords;
  const barcode = records?.itemBarcode ?? request.itemBarcode;
  if (!barcode || records?.checkedIn) return;
  const info = await hostForTenant(ctx.db, ctx.tenant);
  const h = info.host;
  if (h.kind === 'manual') return;
  try {
    await h.host.checkIn(barcode);
  } catch (e) {
    // NCIP: nothing on loan (checked in at the desk already).
    if (!(h.kind === 'ncip' && isHostError(e) && /not checked out/i.test(e.message))) throw e;
  }
  return { patch: { hostRecords: { ...recordsOf(request, h.kind), itemBarcode: barcode, checkedIn: true } } };
}

/** cannotSupply / a cancel we accept, after: the page request is no longer needed. */
async function cancelPage(ctx: HostStepContext & { updated: ResourceSharingRequest }): Promise<Partial<ResourceSharingRequest> | void> {
  const request = ctx.updated;
  const records = request.hostRecords;
  if (request.role !== 'lending' || !records?.pageRequestId || records.loanId) return;
  if (!['RES_UNFILLED', 'RES_CANCELLED'].includes(request.state)) return;
  const info = await hostForTenant(ctx.db, ctx.tenant);
  if (info.host.kind === 'manual') return;
  await info.host.host.cancelRequest(records.pageRequestId, 'Interlibrary loan request not supplied');
  const rest = { ...records };
  delete rest.pageRequestId;
  return { hostRecords: rest };
}

/** The lending host steps by action code. */
export function lendingHostSteps(): Record<string, HostStep> {
  return {
    willSupply: { after: pageItem },
    printPullSlip: { after: pageItem },
    checkOutToBorrower: { before: checkOutToBorrower },
    markShipped: { before: checkOutToBorrower },
    respondToRenew: { before: renewLoan },
    markReturned: { before: checkInReturn },
    cannotSupply: { after: cancelPage },
    respondToCancel: { after: cancelPage },
  };
}
