// The NCIP 2.02 message model this module speaks: the seven services used around interlibrary
// loan and their responses. Field names follow the schema's element names in camelCase; dates are
// ISO 8601 strings (emitted as xs:dateTime in UTC).

export const NCIP_NAMESPACE = 'http://www.niso.org/2008/ncip';
export const NCIP_VERSION = 'http://www.niso.org/schemas/ncip/v2_02/ncip_v2_02.xsd';

/** UserId, ItemId and RequestId share one shape: AgencyId?, …IdentifierType?, …IdentifierValue. */
export interface NcipId {
  value: string;
  agencyId?: string;
  type?: string;
}

export interface InitiationHeader {
  fromSystemId?: string;
  fromSystemAuthentication?: string;
  fromAgencyId: string;
  fromAgencyAuthentication?: string;
  toAgencyId: string;
  applicationProfileType?: string;
}

export interface ResponseHeader {
  fromAgencyId: string;
  toAgencyId: string;
}

/** A credential for a user (LookupUser by barcode + PIN, username, …). */
export interface AuthenticationInput {
  data: string;
  /** AuthenticationInputType, e.g. "Barcode Id", "PIN", "username", "password". */
  type: string;
  /** AuthenticationDataFormatType; "text/plain" when omitted. */
  format?: string;
}

export interface BibliographicDescription {
  author?: string;
  isbn?: string;
  /** BibliographicRecordId: the record's id in a catalogue, with a code ("SYSNUMBER") or an agency. */
  recordId?: { identifier: string; code?: string; agencyId?: string };
  edition?: string;
  placeOfPublication?: string;
  publicationDate?: string;
  publisher?: string;
  title?: string;
}

/** BibliographicId: an ISBN-like item id or a catalogue record id. */
export type BibliographicId =
  | { kind: 'item'; identifier: string; code?: string }
  | { kind: 'record'; identifier: string; code?: string; agencyId?: string };

export interface ItemOptionalFields {
  bibliographicDescription?: BibliographicDescription;
  circulationStatus?: string;
  callNumber?: string;
  /** Location names, from the top level down (LocationNameLevel 1, 2, …). */
  location?: string[];
  dateDue?: string;
}

export interface UserPrivilege {
  agencyId: string;
  /** AgencyUserPrivilegeType, e.g. the patron group "faculty" or "Library Card". */
  type: string;
  validFromDate?: string;
  validToDate?: string;
  /** UserPrivilegeStatusType, e.g. "Active", "Expired", "Blocked". */
  status?: string;
  description?: string;
}

export interface BlockOrTrap {
  agencyId: string;
  /** BlockOrTrapType, e.g. "Block Check Out", "Block Request Item". */
  type: string;
  validFromDate?: string;
  validToDate?: string;
}

export interface UserOptionalFields {
  name?: { given?: string; surname?: string; unstructured?: string };
  emails?: string[];
  privileges?: UserPrivilege[];
  blocks?: BlockOrTrap[];
  userIds?: NcipId[];
}

/** The user is given either by id or by credentials (schema choice). */
export type UserRef = { userId: NcipId } | { authenticationInput: AuthenticationInput[] };

// ---- initiation messages -------------------------------------------------------------------

export type LookupUser = {
  service: 'LookupUser';
  header?: InitiationHeader;
  userElementTypes?: string[];
  loanedItemsDesired?: boolean;
  requestedItemsDesired?: boolean;
} & UserRef;

export interface AcceptItem {
  service: 'AcceptItem';
  header?: InitiationHeader;
  requestId: NcipId;
  /** "Hold For Pickup", "Circulate", … */
  requestedActionType: string;
  userId?: NcipId;
  itemId?: NcipId;
  dateForReturn?: string;
  itemOptionalFields?: ItemOptionalFields;
  pickupLocation?: string;
  pickupExpiryDate?: string;
}

export type RequestItem = {
  service: 'RequestItem';
  header?: InitiationHeader;
  /** At least one of itemIds / bibliographicIds. */
  itemIds?: NcipId[];
  bibliographicIds?: BibliographicId[];
  requestId?: NcipId;
  /** "Page", "Hold", "Loan", … */
  requestType: string;
  /** "Item" or "Bibliographic Item". */
  requestScopeType: string;
  itemOptionalFields?: ItemOptionalFields;
  needBeforeDate?: string;
  pickupLocation?: string;
  pickupExpiryDate?: string;
  itemElementTypes?: string[];
} & UserRef;

export type CheckOutItem = {
  service: 'CheckOutItem';
  header?: InitiationHeader;
  itemId: NcipId;
  requestId?: NcipId;
  desiredDateDue?: string;
  itemElementTypes?: string[];
} & UserRef;

export interface CheckInItem {
  service: 'CheckInItem';
  header?: InitiationHeader;
  itemId: NcipId;
  itemElementTypes?: string[];
  userElementTypes?: string[];
}

/** An item's status, description and loan (LookupItem by ItemId). */
export interface LookupItem {
  service: 'LookupItem';
  header?: InitiationHeader;
  itemId: NcipId;
  /** "Bibliographic Description", "Circulation Status", "Item Description", "Location", … */
  itemElementTypes?: string[];
  currentBorrowerDesired?: boolean;
}

export interface DeleteItem {
  service: 'DeleteItem';
  header?: InitiationHeader;
  itemId: NcipId;
}

export type CancelRequestItem = {
  service: 'CancelRequestItem';
  header?: InitiationHeader;
  /** At least one of requestId / itemId. */
  requestId?: NcipId;
  itemId?: NcipId;
  requestType: string;
  requestScopeType?: string;
} & UserRef;

export type NcipRequest =
  | LookupUser
  | AcceptItem
  | RequestItem
  | CheckOutItem
  | CheckInItem
  | LookupItem
  | DeleteItem
  | CancelRequestItem;

export type NcipService = NcipRequest['service'];

export const NCIP_SERVICES: readonly NcipService[] = [
  'LookupUser',
  'AcceptItem',
  'RequestItem',
  'CheckOutItem',
  'CheckInItem',
  'LookupItem',
  'DeleteItem',
  'CancelRequestItem',
];

// ---- responses -----------------------------------------------------------------------------

export interface NcipProblem {
  /** ProblemType, e.g. "Unknown User". */
  type: string;
  detail?: string;
  /** ProblemElement: the element the problem is about, e.g. "UserIdentifierValue". */
  element?: string;
  /** ProblemValue: the offending value. */
  value?: string;
}

export interface LookupUserResponse {
  service: 'LookupUserResponse';
  header?: ResponseHeader;
  userId: NcipId;
  userOptionalFields?: UserOptionalFields;
}

export interface AcceptItemResponse {
  service: 'AcceptItemResponse';
  header?: ResponseHeader;
  requestId: NcipId;
  itemId?: NcipId;
}

export interface RequestItemResponse {
  service: 'RequestItemResponse';
  header?: ResponseHeader;
  /** Either itemId, or requestId with an optional itemId. */
  requestId?: NcipId;
  itemId?: NcipId;
  userId: NcipId;
  requestType: string;
  requestScopeType: string;
  dateAvailable?: string;
  holdPickupDate?: string;
  itemOptionalFields?: ItemOptionalFields;
}

export interface CheckOutItemResponse {
  service: 'CheckOutItemResponse';
  header?: ResponseHeader;
  itemId: NcipId;
  userId: NcipId;
  /** DateDue, absent when the loan is indeterminate or the item non-returnable. */
  dateDue?: string;
  indeterminateLoanPeriod?: boolean;
  nonReturnable?: boolean;
  renewalCount?: number;
  itemOptionalFields?: ItemOptionalFields;
}

export interface CheckInItemResponse {
  service: 'CheckInItemResponse';
  header?: ResponseHeader;
  itemId: NcipId;
  userId?: NcipId;
  itemOptionalFields?: ItemOptionalFields;
}

export interface LookupItemResponse {
  service: 'LookupItemResponse';
  header?: ResponseHeader;
  itemId: NcipId;
  /** ItemTransaction/CurrentBorrower/UserId: who has it on loan, when asked and known */
  currentBorrower?: NcipId;
  itemOptionalFields?: ItemOptionalFields;
}

export interface DeleteItemResponse {
  service: 'DeleteItemResponse';
  header?: ResponseHeader;
  itemId: NcipId;
}

export interface CancelRequestItemResponse {
  service: 'CancelRequestItemResponse';
  header?: ResponseHeader;
  /** Either itemId, or requestId with an optional itemId. */
  requestId?: NcipId;
  itemId?: NcipId;
  userId: NcipId;
}

/** A response carrying Problems instead of the success fields. `service` is null when the
 *  responder answered with a bare NCIPMessage/Problem (e.g. it could not parse the message). */
export interface NcipProblemResponse {
  service: 'Problem';
  responseTo: NcipService | null;
  header?: ResponseHeader;
  problems: NcipProblem[];
}

export type NcipSuccessResponse =
  | LookupUserResponse
  | AcceptItemResponse
  | RequestItemResponse
  | CheckOutItemResponse
  | CheckInItemResponse
  | LookupItemResponse
  | DeleteItemResponse
  | CancelRequestItemResponse;

export type NcipResponse = NcipSuccessResponse | NcipProblemResponse;

export type NcipMessage = NcipRequest | NcipResponse;

/** The success response type that answers a given service. */
export type ResponseFor<S extends NcipService> = Extract<NcipSuccessResponse, { service: `${S}Response` }>;
