// The parts of FOLIO's records the adapter reads (field names as in FOLIO's JSON schemas).

export interface FolioUser {
  id: string;
  username?: string;
  barcode?: string;
  active?: boolean;
  type?: string;
  patronGroup?: string;
  expirationDate?: string;
  personal?: { lastName?: string; firstName?: string; preferredFirstName?: string; email?: string };
}

export interface FolioAutomatedPatronBlock {
  patronBlockConditionId?: string;
  blockBorrowing: boolean;
  blockRenewals: boolean;
  blockRequests: boolean;
  message: string;
}

export interface FolioInstance {
  id: string;
  hrid?: string;
  title: string;
}

export interface FolioHoldings {
  id: string;
  instanceId: string;
  permanentLocationId: string;
  callNumber?: string;
}

export interface FolioItem {
  id: string;
  hrid?: string;
  barcode?: string;
  holdingsRecordId: string;
  status: { name: string; date?: string };
  itemLevelCallNumber?: string;
  effectiveLocationId?: string;
  permanentLocationId?: string;
  materialTypeId?: string;
  permanentLoanTypeId?: string;
  temporaryLoanTypeId?: string;
}

export interface FolioRequest {
  id: string;
  requestType: string;
  status?: string;
  itemId?: string;
  requesterId: string;
  pickupServicePointId?: string;
  holdShelfExpirationDate?: string;
  [field: string]: unknown;
}

export interface FolioLoan {
  id: string;
  itemId: string;
  userId?: string;
  loanDate: string;
  dueDate?: string;
  status?: { name?: string };
  renewalCount?: number;
}

export interface FolioCheckInResponse {
  loan?: FolioLoan;
  item?: { id?: string; barcode?: string; status?: { name?: string }; inTransitDestinationServicePointId?: string };
}

export type Collection<K extends string, T> = { [P in K]?: T[] } & { totalRecords?: number };
