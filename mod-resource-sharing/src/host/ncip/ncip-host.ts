// The HostLsp port over NCIP 2.0, for library systems other than FOLIO (Koha, Alma, Sierra, …).
// Each port operation is one NCIP message; NCIP knows items by barcode, so item ids here are
// barcodes, and request ids are self-describing references (ncip-request-ref.ts).
import { HostError } from '../host-error.ts';
import type {
  CheckInResult,
  HostItem,
  HostLoan,
  HostLsp,
  HostPatron,
  HostRequest,
  ItemQuery,
  PageItemOptions,
  TemporaryRecordInput,
  TemporaryRecords,
} from '../host-lsp.ts';
import { sendNcip, type FetchLike } from './ncip-client.ts';
import { toHostPatron } from './ncip-patron.ts';
import { decodeRequestRef, encodeRequestRef } from './ncip-request-ref.ts';
import type { NcipSettings } from './ncip-settings.ts';
import { validateNcipSettings } from './ncip-settings.ts';
import type { BibliographicId, CheckOutItemResponse, NcipId, NcipRequest } from './ncip-types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Borrowing on receipt, the NCIP way: one AcceptItem creates the item and holds it for the patron. */
export interface NcipAcceptItemInput extends TemporaryRecordInput {
  /** the patron the item is held for (UserIdentifierValue) */
  patronId: string;
  /** PickupLocation code; default from settings */
  pickupLocation?: string;
  /** DateForReturn: the patron's due date (lender's due date minus the delivery offset) */
  dateForReturn?: string;
}

export interface NcipAcceptItemResult {
  records: TemporaryRecords;
  /** the hold the responder placed for the patron; cancel it with cancelRequest(hold.id) */
  hold: HostRequest;
}

/** The port plus the operations NCIP does in one message where FOLIO needs several. */
export interface NcipHostLsp extends HostLsp {
  readonly kind: 'ncip';
  /** AcceptItem "Hold For Pickup": temporary item + hold for the patron at the pickup location. */
  acceptItem(input: NcipAcceptItemInput): Promise<NcipAcceptItemResult>;
  /** CheckOutItem to any user (the borrowing patron, or a library). */
  checkOutItem(itemBarcode: string, userId: string, dueDate?: string): Promise<HostLoan>;
}

export interface NcipHostOptions {
  fetch?: FetchLike;
  now?: () => Date;
}

function notSupported(operation: string, why: string): HostError {
  return new HostError('config', `${operation} is not available through NCIP: ${why}`, { operation, retryable: false });
}

/** The port's timestamps are ISO strings as Date#toISOString writes them. */
export function isoOrNull(value: string | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}

function loanId(itemBarcode: string, userId: string): string {
  return `ncip-loan:${encodeURIComponent(itemBarcode)}/${encodeURIComponent(userId)}`;
}

function temporaryBarcode(input: TemporaryRecordInput): string {
  return input.itemBarcode?.trim() || input.ids?.itemId || input.requestHrid;
}

export function createNcipHost(settings: NcipSettings, options: NcipHostOptions = {}): NcipHostLsp {
  const problems = validateNcipSettings(settings);
  if (problems.length) throw new HostError('config', `NCIP settings: ${problems.join('; ')}`, { retryable: false });
  const now = options.now ?? (() => new Date());
  const send = <R extends NcipRequest>(request: R) => sendNcip(settings, request, options.fetch);

  const toLoan = (r: CheckOutItemResponse, loanDate: string): HostLoan => ({
    id: loanId(r.itemId.value, r.userId.value),
    itemId: r.itemId.value,
    userId: r.userId.value,
    loanDate,
    dueDate: isoOrNull(r.dateDue),
    status: 'Open',
    renewalCount: r.renewalCount ?? 0,
  });

  async function checkOutItem(itemBarcode: string, userId: string, dueDate?: string, requestId?: string): Promise<HostLoan> {
    const loanDate = now().toISOString();
    const r = await send({
      service: 'CheckOutItem',
      userId: { value: userId },
      itemId: { value: itemBarcode },
      requestId: requestId ? { value: requestId } : undefined,
      desiredDateDue: dueDate,
      itemElementTypes: ['Bibliographic Description'],
    });
    return toLoan(r, loanDate);
  }

  async function createItem(input: TemporaryRecordInput, patron?: { id: string; pickupLocation: string; dateForReturn?: string }) {
    const barcode = temporaryBarcode(input);
    const r = await send({
      service: 'AcceptItem',
      requestId: { value: input.requestHrid, agencyId: settings.fromAgencyId },
      requestedActionType: patron ? 'Hold For Pickup' : 'Circulate',
      userId: patron ? { value: patron.id } : undefined,
      itemId: { value: barcode, agencyId: settings.fromAgencyId },
      dateForReturn: patron?.dateForReturn,
      itemOptionalFields: {
        bibliographicDescription: {
          author: input.author,
          edition: input.edition,
          publicationDate: input.publicationDate,
          publisher: input.publisher,
          title: input.title,
        },
        callNumber: input.requestHrid,
      },
      pickupLocation: patron?.pickupLocation,
    });
    // NCIP has items only: the item's barcode stands for the instance and holdings too.
    const itemBarcode = r.itemId?.value ?? barcode;
    const records: TemporaryRecords = { instanceId: itemBarcode, holdingsId: itemBarcode, itemId: itemBarcode, itemBarcode };
    return { records, requestId: r.requestId.value };
  }

  /** LookupItem by item id; null when the responder does not know the item. */
  async function lookupItemById(itemId: string, currentBorrowerDesired = false) {
    try {
      return await send({
        service: 'LookupItem',
        itemId: { value: itemId },
        itemElementTypes: ['Bibliographic Description', 'Circulation Status', 'Item Description', 'Location'],
        ...(currentBorrowerDesired ? { currentBorrowerDesired: true } : {}),
      });
    } catch (e) {
      if (e instanceof HostError && e.code === 'not_found') return null;
      throw e;
    }
  }

  const host: NcipHostLsp = {
    kind: 'ncip',

    async lookupPatron(barcodeOrId: string): Promise<HostPatron | null> {
      try {
        const r = await send({
          service: 'LookupUser',
          userId: { value: barcodeOrId },
          userElementTypes: ['Name Information', 'User Address Information', 'User Privilege', 'Block Or Trap', 'User Id'],
        });
        return toHostPatron(r, barcodeOrId, now());
      } catch (e) {
        if (e instanceof HostError && e.code === 'not_found') return null;
        throw e;
      }
    },

    async lookupItem(query: ItemQuery): Promise<HostItem | null> {
      const barcode = query.barcode ?? query.hrid;
      if (barcode) {
        // NCIP LookupItem: the item's circulation status, call number, title and due date.
        const r = await lookupItemById(barcode);
        if (!r) return null;
        const f = r.itemOptionalFields ?? {};
        const status = f.circulationStatus ?? 'Circulation Status Undefined';
        return {
          id: r.itemId.value,
          barcode: r.itemId.value,
          hrid: query.hrid ?? null,
          status,
          available: /^available on shelf$/i.test(status),
          title: f.bibliographicDescription?.title ?? null,
          instanceId: f.bibliographicDescription?.recordId?.identifier ?? null,
          holdingsId: null,
          callNumber: f.callNumber ?? null,
          locationId: f.location?.join(' / ') ?? null,
          dueDate: isoOrNull(f.dateDue),
        };
      }
      if (query.identifier) {
        // LookupItem needs an item id: a record (ISBN, OCLC number) can be paged but not looked
        // up, so its availability is unknown until RequestItem answers.
        const id = `bib:${query.identifier}`;
        return { id, barcode: null, hrid: null, status: 'Unknown', available: true, unverified: true, title: null, instanceId: query.identifier, holdingsId: null, callNumber: null, locationId: null };
      }
      return null;
    },

    async pageItem(itemId: string, opts: PageItemOptions = {}): Promise<HostRequest> {
      const userId = opts.patronBarcode ?? settings.institutionalPatronId;
      const requestType = settings.pageRequestType ?? 'Page';
      const byRecord = itemId.startsWith('bib:');
      const bibliographicIds: BibliographicId[] | undefined = byRecord
        ? [{ kind: 'record', identifier: itemId.slice(4), agencyId: settings.recordAgencyId ?? settings.toAgencyId }]
        : undefined;
      const pickup = opts.pickupServicePointId ?? settings.lendingPickupLocation ?? settings.pickupLocation;
      const r = await send({
        service: 'RequestItem',
        userId: { value: userId },
        itemIds: byRecord ? undefined : [{ value: itemId }],
        bibliographicIds,
        requestType,
        requestScopeType: byRecord ? 'Bibliographic Item' : 'Item',
        pickupLocation: pickup,
        itemElementTypes: ['Bibliographic Description'],
      });
      const item = r.itemId?.value ?? (byRecord ? undefined : itemId);
      return {
        id: encodeRequestRef({ requestType, userId, requestId: r.requestId?.value, itemId: item }),
        status: 'Open - Not yet filled',
        requestType,
        itemId: item ?? null,
        requesterId: userId,
        pickupServicePointId: pickup,
        holdShelfExpirationDate: null,
      };
    },

    checkOutToInstitution(itemBarcode: string, institutionalPatronBarcode?: string, dueDate?: string): Promise<HostLoan> {
      const days = settings.lendingLoanPeriodDays;
      const due = dueDate ?? (days ? new Date(now().getTime() + days * DAY_MS).toISOString() : undefined);
      return checkOutItem(itemBarcode, institutionalPatronBarcode ?? settings.institutionalPatronId, due);
    },

    checkOutItem: (itemBarcode, userId, dueDate) => checkOutItem(itemBarcode, userId, dueDate),

    async createTemporaryRecords(input: TemporaryRecordInput): Promise<TemporaryRecords> {
      return (await createItem(input)).records;
    },

    async acceptItem(input: NcipAcceptItemInput): Promise<NcipAcceptItemResult> {
      const pickupLocation = input.pickupLocation ?? settings.pickupLocation;
      const { records, requestId } = await createItem(input, { id: input.patronId, pickupLocation, dateForReturn: input.dateForReturn });
      return {
        records,
        hold: {
          id: encodeRequestRef({ requestType: 'Hold', userId: input.patronId, requestId, itemId: records.itemBarcode }),
          status: 'Open - Not yet filled',
          requestType: 'Hold',
          itemId: records.itemBarcode,
          requesterId: input.patronId,
          pickupServicePointId: pickupLocation,
          holdShelfExpirationDate: null,
        },
      };
    },

    async placeHoldShelfRequest(itemId: string, patronId: string, pickupServicePointId?: string): Promise<HostRequest> {
      // For an item created by createTemporaryRecords ("Circulate"); acceptItem places the hold itself.
      const pickup = pickupServicePointId ?? settings.pickupLocation;
      const r = await send({
        service: 'RequestItem',
        userId: { value: patronId },
        itemIds: [{ value: itemId }],
        requestType: 'Hold',
        requestScopeType: 'Item',
        pickupLocation: pickup,
      });
      return {
        id: encodeRequestRef({ requestType: 'Hold', userId: patronId, requestId: r.requestId?.value, itemId: r.itemId?.value ?? itemId }),
        status: 'Open - Not yet filled',
        requestType: 'Hold',
        itemId: r.itemId?.value ?? itemId,
        requesterId: patronId,
        pickupServicePointId: pickup,
        holdShelfExpirationDate: null,
      };
    },

    async getRequest(requestId: string): Promise<HostRequest | null> {
      // NCIP's LookupRequest is not among the services this adapter uses: report what the id says.
      const ref = decodeRequestRef(requestId);
      if (!ref) return null;
      return {
        id: requestId,
        status: 'Unknown',
        requestType: ref.requestType,
        itemId: ref.itemId ?? null,
        requesterId: ref.userId,
        pickupServicePointId: null,
        holdShelfExpirationDate: null,
      };
    },

    async cancelRequest(requestId: string): Promise<void> {
      const ref = decodeRequestRef(requestId);
      if (!ref) throw new HostError('bad_request', `Not an NCIP request reference: ${requestId}`, { operation: 'cancelRequest', retryable: false });
      const id = (value: string | undefined): NcipId | undefined => (value === undefined ? undefined : { value });
      try {
        await send({
          service: 'CancelRequestItem',
          userId: { value: ref.userId },
          requestId: id(ref.requestId),
          itemId: ref.requestId === undefined ? id(ref.itemId) : undefined,
          requestType: ref.requestType,
        });
      } catch (e) {
        // Already gone (filled, expired or cancelled at the desk): nothing left to cancel.
        if (e instanceof HostError && e.code === 'not_found' && /request/i.test(e.message)) return;
        throw e;
      }
    },

    async checkIn(itemBarcode: string): Promise<CheckInResult> {
      const r = await send({ service: 'CheckInItem', itemId: { value: itemBarcode }, itemElementTypes: ['Circulation Status'] });
      return {
        itemId: r.itemId.value,
        itemBarcode: r.itemId.value,
        itemStatus: r.itemOptionalFields?.circulationStatus ?? 'Checked in',
        inTransitDestinationServicePointId: null,
        closedLoanId: r.userId ? loanId(r.itemId.value, r.userId.value) : null,
      };
    },

    async findOpenLoan(itemId: string): Promise<HostLoan | null> {
      // NCIP LookupItem with the current borrower: a loan shows as a due date (and the borrower).
      const r = await lookupItemById(itemId, true);
      const f = r?.itemOptionalFields;
      if (!r || (!f?.dateDue && !/on loan/i.test(f?.circulationStatus ?? ''))) return null;
      return {
        id: r.currentBorrower ? loanId(r.itemId.value, r.currentBorrower.value) : `ncip-loan:${r.itemId.value}`,
        itemId: r.itemId.value,
        userId: r.currentBorrower?.value ?? null,
        loanDate: '',
        dueDate: isoOrNull(f?.dateDue),
        status: 'Open',
        renewalCount: 0,
      };
    },

    async changeDueDate(): Promise<void> {
      throw notSupported('changeDueDate', 'set the due date with AcceptItem DateForReturn (acceptItem) or in the library system');
    },

    async renewLoan(): Promise<HostLoan> {
      throw notSupported('renewLoan', 'NCIP RenewItem is not used by this adapter; renew in the library system');
    },

    async removeTemporaryRecords(ids): Promise<void> {
      try {
        await send({ service: 'DeleteItem', itemId: { value: ids.itemId } });
      } catch (e) {
        if (e instanceof HostError && e.code === 'not_found') return; // already gone
        throw e;
      }
    },
  };
  return host;
}
