// The request record as the REST API shows it. Borrowing and lending requests share this shape;
// `role` says which side of the loan this library is on.

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
}

export interface Metadata {
  createdDate: string;
  createdByUserId?: string;
  updatedDate?: string;
  updatedByUserId?: string;
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
  _version: number;
  metadata: Metadata;
}
