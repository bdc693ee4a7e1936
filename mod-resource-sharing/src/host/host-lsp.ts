// The HostLsp port: everything the resource-sharing workflow asks of the library's own system
// (FOLIO, or anything that speaks NCIP). Adapters implement it; the workflow never talks HTTP or
// NCIP itself. Every operation either returns its typed result or throws a HostError.

export { HostError, isHostError, defaultRetryable } from './host-error.ts';
export type { HostErrorCode } from './host-error.ts';
export type { HostSettings } from './host-settings.ts';
export { validateHostSettings, patronDueDate } from './host-settings.ts';

/** A patron as the host knows them. */
export interface HostPatron {
  id: string;
  barcode: string | null;
  /** "First Last", or the username/barcode when the host has no personal name */
  name: string;
  email: string | null;
  active: boolean;
  /** the account's expiration date has passed */
  expired: boolean;
  expirationDate: string | null;
  /** the host blocks this patron from placing requests */
  blocked: boolean;
  /** the host's own messages for each block, for staff */
  blockReasons: string[];
  /** patron group id (FOLIO) or user privilege (NCIP); null when unknown */
  patronGroup: string | null;
}

/** What identifies the item a partner asks us to lend; the first one given is used. */
export interface ItemQuery {
  barcode?: string;
  /** item HRID, or the HRID of the instance (then an available item of it is chosen) */
  hrid?: string;
  /** ISBN, ISSN, OCLC number or any other instance identifier value */
  identifier?: string;
}

export interface HostItem {
  id: string;
  barcode: string | null;
  hrid: string | null;
  /** the host's item status, e.g. "Available", "Checked out", "Paged" */
  status: string;
  /** status is Available: a Page request can pull it */
  available: boolean;
  title: string | null;
  instanceId: string | null;
  holdingsId: string | null;
  callNumber: string | null;
  locationId: string | null;
  /**
   * true when the host was not asked about this copy (NCIP can page a catalogue record without
   * naming an item): `available` is then a guess, not an answer. Unset: the host answered.
   */
  unverified?: boolean;
  /** when it is on loan: the due date the host reports */
  dueDate?: string | null;
  /** why we do not lend this item to partners (material type, loan type, location), when we do not */
  notLendable?: string;
}

export interface HostRequest {
  id: string;
  /** e.g. "Open - Not yet filled", "Open - Awaiting pickup", "Closed - Filled" */
  status: string;
  requestType: string;
  itemId: string | null;
  requesterId: string;
  pickupServicePointId: string | null;
  holdShelfExpirationDate: string | null;
}

export interface HostLoan {
  id: string;
  itemId: string;
  userId: string | null;
  loanDate: string;
  dueDate: string | null;
  /** "Open" or "Closed" */
  status: string;
  renewalCount: number;
}

export interface PageItemOptions {
  /** the requester; defaults to the institutional patron from the settings */
  patronBarcode?: string;
  /** where the paged item is to be brought; defaults to the settings' default service point */
  pickupServicePointId?: string;
}

/** The bibliographic and shipping facts a temporary (borrowed) item is built from. */
export interface TemporaryRecordInput {
  title: string;
  author?: string;
  publisher?: string;
  publicationDate?: string;
  edition?: string;
  /** the lender's barcode; when absent a barcode is generated from requestHrid */
  itemBarcode?: string;
  /** our request's human-readable id (shown on the records and in the check-in note) */
  requestHrid: string;
  /** where the item must go back to, in words for circulation staff */
  returnTo: string;
  /** the lender's symbol, e.g. "ISIL:DK-820010" */
  lenderSymbol: string;
  /**
   * ids to create the records under. Pass the same ids when retrying after a failure: records that
   * already exist under them are reused instead of duplicated.
   */
  ids?: Partial<TemporaryRecordIds>;
}

export interface TemporaryRecordIds {
  instanceId: string;
  holdingsId: string;
  itemId: string;
}

export interface TemporaryRecords extends TemporaryRecordIds {
  itemBarcode: string;
}

export interface CheckInResult {
  itemId: string;
  itemBarcode: string;
  /** status after check-in: "Awaiting pickup" (hold shelf), "In transit", "Available", ... */
  itemStatus: string;
  /** set when the item must travel to another service point */
  inTransitDestinationServicePointId: string | null;
  /** the loan this check-in closed, if any */
  closedLoanId: string | null;
}

export interface HostLsp {
  /** which adapter this is: 'folio', 'ncip', 'manual' */
  readonly kind: string;

  /** Patron by barcode (or host id). null when the host does not know them. */
  lookupPatron(barcodeOrId: string): Promise<HostPatron | null>;

  /** Lending: find the requested item. null when nothing matches. */
  lookupItem(query: ItemQuery): Promise<HostItem | null>;

  /** Lending: ask the host to pull the item from the shelf (FOLIO: a Page request). */
  pageItem(itemId: string, opts?: PageItemOptions): Promise<HostRequest>;

  /**
   * Lending: check the item out to the borrowing library's institutional patron (default from
   * settings). The loan's due date is `dueDate` when given, otherwise today + the lending loan
   * period from settings (or the host's loan policy when that is not set).
   */
  checkOutToInstitution(itemBarcode: string, institutionalPatronBarcode?: string, dueDate?: string): Promise<HostLoan>;

  /** Borrowing: suppressed instance, holdings at the ILL location, and item with a check-in note. */
  createTemporaryRecords(input: TemporaryRecordInput): Promise<TemporaryRecords>;

  /** Borrowing: hold-shelf request for the patron at the pickup service point (default from settings). */
  placeHoldShelfRequest(itemId: string, patronId: string, pickupServicePointId?: string): Promise<HostRequest>;

  /** A request placed earlier (to follow its status). null when it no longer exists. */
  getRequest(requestId: string): Promise<HostRequest | null>;

  /** Cancel a request placed earlier (e.g. the ILL request was cancelled). Closed requests are left alone. */
  cancelRequest(requestId: string, reason?: string): Promise<void>;

  /** Check the item in at a service point (default from settings). */
  checkIn(itemBarcode: string, servicePointId?: string): Promise<CheckInResult>;

  /** The open loan on an item, or null. */
  findOpenLoan(itemId: string): Promise<HostLoan | null>;

  /** Set a loan's due date (the patron's due date = lender's due date - delivery offset). */
  changeDueDate(loanId: string, dueDate: string): Promise<void>;

  /** Renew a loan through the host's loan policy; returns the loan with its new due date. */
  renewLoan(itemId: string, userId: string): Promise<HostLoan>;

  /** Delete the temporary item, holdings and instance. Records already gone are fine. */
  removeTemporaryRecords(ids: TemporaryRecordIds): Promise<void>;
}
