// The request record as the REST API shows it. Borrowing and lending requests share this shape;
// `role` says which side of the loan this library is on.
import type { CopyrightRecord } from '../copyright/copyright-types.ts';

export type RequestRole = 'borrowing' | 'lending';
export type ServiceType = 'loan' | 'copy';

export interface Citation {
  title: string;
  author?: string;
  isbn?: string;
  issn?: string;
  oclcNumber?: string;
  edition?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  publisher?: string;
  placeOfPublication?: string;
  publicationDate?: string;
  /** book, journal, article, dvd, ... (free text; ISO 18626 has no closed list for it) */
  format?: string;
  /** for copies: the article or chapter title */
  articleTitle?: string;
  /** the supplier's own identifier of the bibliographic record, when known */
  supplierUniqueRecordId?: string;
}

export interface Patron {
  id?: string;
  barcode?: string;
  name?: string;
  /** service point or pickup location code/id where the patron collects the item */
  pickupLocation?: string;
  notes?: string;
  /** ISO date (YYYY-MM-DD): the patron has no interest after this date */
  neededBefore?: string;
  patronGroup?: string;
  /** where patron notices go (from the patron token or the library system) */
  email?: string;
}

export interface Metadata {
  createdDate: string;
  createdByUserId?: string;
  updatedDate?: string;
  updatedByUserId?: string;
}

/** Borrowing: the patron's side of a request, kept by the module. */
export interface PatronSide {
  /** the item arrived at our library (markReceived) */
  receivedDate?: string;
  /** copies: when the document link arrived; the patron sees it until documentExpires */
  documentDeliveredDate?: string;
  documentExpires?: string;
  /** the lender answered No to a renewal: Renew is no longer offered */
  renewalRefused?: boolean;
  /** why the library asked to cancel (told to the patron when the cancel is done) */
  cancelReason?: string;
  /** the last notice queued for the patron: kind and time */
  lastNotice?: { kind: string; date: string };
  /** a copy the library stores for the patron (copyDelivery.keep = store): fetched after delivery */
  storedCopy?: StoredCopyState;
}

export interface StoredCopyState {
  /** pending: to be fetched; stored: in the patron_copies table; failed: the supplier's link is kept */
  status: 'pending' | 'stored' | 'failed';
  contentType?: string;
  filename?: string;
  size?: number;
  storedDate?: string;
  error?: string;
}

export interface ResourceSharingRequest {
  id: string;
  /** human-readable id with the tenant's prefix, e.g. "DIKU-1024" */
  hrid: string;
  role: RequestRole;
  state: string;
  stateModel: string;
  needsAttention: boolean;
  serviceType: ServiceType;
  citation: Citation;
  patron?: Patron;
  /** borrowing: staff's note to the supplier, sent with the request (with the patron's notes) */
  note?: string;
  /** our own symbol, e.g. "ISIL:DK-820010" */
  requesterSymbol?: string;
  /** the partner currently supplying (borrowing) or the only supplier (lending) */
  supplierSymbol?: string;
  /** the request id the partner uses (lending side: the borrower's request id) */
  peerRequestId?: string;
  /** lender's due date (ISO date-time) */
  dueDate?: string;
  /** the patron's due date at the borrowing library (lender's due date minus the delivery offset) */
  patronDueDate?: string;
  itemBarcode?: string;
  /**
   * borrowing: the requestingAgencyRequestId the current supplier knows this request by: the hrid,
   * or after a Retry a new one (`<hrid>-R<n>`) that names the previous one. Absent: the hrid.
   */
  requestingAgencyRequestId?: string;
  /** borrowing: the supplier's own id for this request (supplyingAgencyRequestId) */
  supplierRequestId?: string;
  /** ISO 18626 version spoken with the current partner, kept for the request's life */
  partnerVersion?: '2017' | '2021';
  /** borrowing: the ranked suppliers and which of them has the request now */
  /** borrowing copies: the copyright check and any clearance (src/copyright) */
  copyright?: CopyrightRecord;
  /** lending copies: the borrower's copyright compliance statement (ISO 18626 serviceInfo.copyrightCompliance) */
  copyrightCompliance?: string;
  rota?: RotaEntryRecord[];
  rotaIndex?: number;
  /**
   * Borrowing: the conditions or costs the supplier attached (loanCondition, cost). Lending: the
   * most the borrower will pay (maximumCost, from a request's billingInfo, e.g. a Retry).
   */
  conditions?: { loanCondition?: string; cost?: number; maximumCost?: number; currency?: string; note?: string };
  /** copies: where the delivered document is */
  documentUrl?: string;
  /** reasons the request is flagged beyond its state, e.g. unreadMessage, deliveryFailed */
  attention?: string[];
  unreadMessages?: number;
  /** the last problem met while working on the request (host or delivery error) */
  lastError?: string;
  /** lending: what the auto-responder decided and why (it looked the item up in the library system) */
  autoResponse?: { decision: 'willSupply' | 'cannotSupply' | 'staff'; reason: string; at: string };
  /** lending: we have sent our first supplyingAgencyMessage (later ones are StatusChange) */
  sentFirstResponse?: boolean;
  /** what the library system (host) holds for this request: temporary records, requests, loans */
  hostRecords?: HostRecords;
  /** re-requests: the request this one replaces, or the one that replaced it */
  predecessorId?: string;
  successorId?: string;
  /** broker mode: the request travels through this broker (its symbol, opaque or transparent) */
  broker?: { symbol: string; mode: 'opaque' | 'transparent' };
  /** borrowing through a broker: the supplier the broker chose (its ExpectToSupply) */
  brokerSupplier?: { symbol: string; name?: string };
  /** lending through a broker: the library that really borrows (opaque mode: from requestingAgencyInfo) */
  borrower?: { symbol?: string; name?: string };
  /** borrowing: where the item goes back, as the supplier (or broker) gave it in Loaned (returnInfo) */
  returnAddress?: ReturnAddress;
  /** what the patron was told and when things reached them (src/notices, src/patron) */
  patronSide?: PatronSide;
  _version: number;
  metadata: Metadata;
}

/** A return address from ISO 18626 returnInfo. */
export interface ReturnAddress {
  /** the agency the item goes back to, e.g. ISIL:DK-820010 */
  agencyId?: string;
  name?: string;
  line1?: string;
  line2?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/**
 * The host's records for one request, so that retries reuse them and the temporary records can be
 * removed at the end. Borrowing: the temporary instance/holdings/item, the patron's hold-shelf
 * request and loan. Lending: our item, the page request and the loan to the borrowing library.
 */
export interface HostRecords {
  /** the adapter that made them: folio or ncip */
  adapter: string;
  instanceId?: string;
  holdingsId?: string;
  itemId?: string;
  itemBarcode?: string;
  /** borrowing: the patron's id in the host */
  patronId?: string;
  /** borrowing: the hold-shelf (FOLIO: Page) request for the patron */
  holdRequestId?: string;
  pickupServicePointId?: string;
  /** borrowing: the item was checked in at the pickup point (on the hold shelf) */
  onHoldShelf?: boolean;
  /** borrowing: the patron's loan, once seen */
  patronLoanId?: string;
  /** borrowing: the lender's barcode was taken in the host; the generated one is used */
  lenderBarcodeTaken?: boolean;
  /** borrowing: the temporary records were deleted */
  removed?: boolean;
  /** lending: the page request that pulls the item */
  pageRequestId?: string;
  /** lending: the loan to the borrowing library's institutional patron */
  loanId?: string;
  loanDueDate?: string;
  institutionalPatron?: string;
  /** lending: checked back in */
  checkedIn?: boolean;
}

/** One supplier in a request's rota, as the rota builder explained it. */
export interface RotaEntryRecord {
  symbol: string;
  rank: number;
  score?: number;
  skipped?: boolean;
  reason: string;
  /**
   * what happened when the request went to this supplier: notDelivered (our request was refused or
   * the supplier could not be reached in time), skipped (staff moved on without waiting for it)
   */
  outcome?: 'sent' | 'unfilled' | 'supplied' | 'cancelled' | 'notDelivered' | 'skipped';
  /** why it ended so, in words (e.g. "refused our request: UnrecognisedDataValue: ...") */
  outcomeReason?: string;
  [key: string]: unknown;
}
