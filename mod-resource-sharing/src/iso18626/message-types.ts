// One message model for ISO 18626:2017 (schema 1.2) and ISO 18626:2021 (schema 2021-2).
//
// Conventions:
// - Where 2021 renamed an element, the model keeps the 2017 name and the emitter writes the 2021 name
//   (deliveryInfo.sentVia <-> deliveryMethod, deliveryInfo.deliveredFormat <-> itemFormat,
//   serviceInfo.preferredFormat <-> itemFormat). messageInfo.offeredCosts/retryAfter/retryBefore live
//   in messageInfo as in 2017; for 2021 the emitter moves them into retryInfo (and the parser back).
// - Where 2021 made a 2017 single element repeatable, the model keeps the single field (the first
//   occurrence) and an `additional*` array for the rest (2021 only; the 2017 emitter drops them).
// - Fields marked "2021" exist only in the 2021 schema; the 2017 emitter leaves them out.
// - Dates are Date objects (emitted as RFC 3339 UTC). Money is a decimal string ("35.00").
// - Open code lists (scheme/value pairs) are SchemeValue objects, except agency id types and currency
//   codes, which are plain strings with an optional sibling scheme.
// - Absent optional fields are absent keys (never `undefined` values): parse output deep-equals input.

import type {
  Action,
  ErrorType,
  MessageStatus,
  PreferredEdition,
  ReasonForMessage,
  RequestSubType,
  RequestType,
  ServiceType,
  Status,
  YesNo,
} from './code-lists.ts';

/** An open-code value: text plus the optional (namespace-qualified) `scheme` URI attribute. */
export interface SchemeValue {
  value: string;
  scheme?: string;
}

/** type_agencyId, e.g. { type: 'ISIL', value: 'DK-820010' }. */
export interface AgencyId {
  type: string;
  typeScheme?: string;
  value: string;
}

/** type_costs. monetaryValue is an xs:decimal kept as a string, e.g. "35.00". */
export interface Costs {
  currencyCode: string;
  currencyScheme?: string;
  monetaryValue: string;
}

export interface RequestingAgencyAuthentication {
  accountId?: string;
  securityCode?: string;
}

/**
 * Header of supplyingAgencyMessage and requestingAgencyMessage (and, with an optional supplier,
 * of request). Per version the emitter writes only what that schema allows:
 * - multipleItemRequestId: 2017 always (empty element when absent); 2021 only in request.
 * - supplyingAgencyRequestId: not in a 2021 request header.
 * - requestingAgencyAuthentication: not in a 2021 supplyingAgencyMessage header.
 * - consortialId (2021): request and requestingAgencyMessage headers only.
 */
export interface Header {
  supplyingAgencyId: AgencyId;
  requestingAgencyId: AgencyId;
  consortialId?: AgencyId;
  multipleItemRequestId?: string;
  timestamp: Date;
  requestingAgencyRequestId: string;
  supplyingAgencyRequestId?: string;
  requestingAgencyAuthentication?: RequestingAgencyAuthentication;
}

/** A request header may lack the supplier in 2021 (transfer requests); 2017 requires it. */
export interface RequestHeader extends Omit<Header, 'supplyingAgencyId'> {
  supplyingAgencyId?: AgencyId;
}

/** What could be recovered of a header from a message that failed to parse. */
export type PartialHeader = Partial<Header>;

export interface BibliographicItemId {
  identifierCode: SchemeValue; // ISBN, ISSN, ISMN, ...
  identifier: string;
}

export interface BibliographicRecordId {
  identifierCode: SchemeValue; // OCLC, LCCN, ...
  identifier: string;
}

export interface BibliographicInfo {
  supplierUniqueRecordId?: string;
  title?: string;
  author?: string;
  /** 2021 (ISNI). */
  authorId?: string;
  subtitle?: string;
  seriesTitle?: string;
  edition?: string;
  titleOfComponent?: string;
  authorOfComponent?: string;
  volume?: string;
  /** 2021: further volume elements. */
  additionalVolumes?: string[];
  issue?: string;
  pagesRequested?: string;
  estimatedNoPages?: string;
  bibliographicItemId?: BibliographicItemId[];
  sponsor?: string;
  informationSource?: string;
  bibliographicRecordId?: BibliographicRecordId[];
}

export interface PublicationInfo {
  publisher?: string;
  /** 2021 (ISNI). */
  publisherId?: string;
  publicationType?: SchemeValue;
  publicationDate?: string;
  placeOfPublication?: string;
}

export interface ServiceInfo {
  requestType?: RequestType;
  /** 2017 allows at most 3. */
  requestSubType?: RequestSubType[];
  requestingAgencyPreviousRequestId?: string;
  serviceType: ServiceType;
  serviceLevel?: SchemeValue;
  /** 2021 element name: itemFormat. */
  preferredFormat?: SchemeValue;
  needBeforeDate?: Date;
  copyrightCompliance?: SchemeValue;
  anyEdition?: YesNo;
  /** 2021. */
  preferredEdition?: PreferredEdition;
  /** 2021. */
  loanCondition?: SchemeValue[];
  startDate?: Date;
  endDate?: Date;
  note?: string;
}

export interface PhysicalAddress {
  line1?: string;
  line2?: string;
  locality?: string;
  postalCode?: string;
  /** 2017: scheme/value (ISO 3166-2); 2021: plain string (the scheme is dropped). */
  region?: SchemeValue;
  country?: SchemeValue;
}

export interface ElectronicAddress {
  electronicAddressType: SchemeValue; // Email, FTP, URL, ...
  electronicAddressData: string;
}

/** Exactly one of the two. */
export type Address =
  | { electronicAddress: ElectronicAddress; physicalAddress?: never }
  | { physicalAddress: PhysicalAddress; electronicAddress?: never };

export interface SupplierInfo {
  /** 2021 requires >= 0. */
  sortOrder?: number;
  supplierCode?: AgencyId;
  supplierDescription?: string;
  bibliographicRecordId?: BibliographicRecordId;
  callNumber?: string;
  summaryHoldings?: string;
  availabilityNote?: string;
}

export interface RequestedDeliveryInfo {
  sortOrder?: number;
  address?: Address;
  /** 2021. */
  deliveryMethod?: SchemeValue;
  /** 2021. */
  courierName?: SchemeValue;
}

export interface RequestingAgencyInfo {
  name?: string;
  contactName?: string;
  address?: Address[];
}

export interface PatronInfo {
  patronId?: string;
  surname?: string;
  givenName?: string;
  patronType?: SchemeValue;
  sendToPatron?: YesNo;
  address?: Address[];
}

export interface BillingInfo {
  paymentMethod?: SchemeValue;
  maximumCosts?: Costs;
  billingMethod?: SchemeValue;
  billingName?: string;
  address?: Address;
}

export interface MessageInfo {
  reasonForMessage: ReasonForMessage;
  answerYesNo?: YesNo;
  note?: string;
  reasonUnfilled?: SchemeValue;
  reasonRetry?: SchemeValue;
  /** 2021: emitted as retryInfo/offeredCosts. */
  offeredCosts?: Costs;
  /** 2021: emitted as retryInfo/retryAfter. */
  retryAfter?: Date;
  /** 2021: emitted as retryInfo/retryBefore. */
  retryBefore?: Date;
}

export interface StatusInfo {
  status: Status;
  expectedDeliveryDate?: Date;
  dueDate?: Date;
  lastChange: Date;
}

/** 2021: what a supplier would accept on retry (besides offeredCosts/retryAfter/retryBefore). */
export interface RetryInfo {
  loanCondition?: SchemeValue[];
  edition?: string[];
  itemFormat?: SchemeValue[];
  volume?: string[];
  serviceType?: ServiceType;
  serviceLevel?: SchemeValue[];
  deliveryMethod?: SchemeValue[];
  courierName?: SchemeValue[];
  /** Offered costs after the first (the first is messageInfo.offeredCosts). */
  additionalOfferedCosts?: Costs[];
  paymentMethod?: SchemeValue[];
}

export interface DeliveryInfo {
  dateSent: Date;
  itemId?: string;
  /** 2021: further itemId elements. */
  additionalItemIds?: string[];
  /** 2021: the URL element (electronic delivery). */
  url?: string;
  /** 2021 element name: deliveryMethod. */
  sentVia?: SchemeValue;
  /** 2021. */
  address?: Address;
  sentToPatron?: boolean;
  loanCondition?: SchemeValue;
  /** 2021: further loanCondition elements. */
  additionalLoanConditions?: SchemeValue[];
  /** 2021 element name: itemFormat. */
  deliveredFormat?: SchemeValue;
  /** 2021. */
  serviceType?: ServiceType;
  deliveryCosts?: Costs;
  /** 2021: further deliveryCosts elements. */
  additionalDeliveryCosts?: Costs[];
  /** 2021. */
  paymentMethod?: SchemeValue;
}

/** 2021. */
export interface ShippingInfo {
  courierName?: SchemeValue;
  trackingId?: string[];
  insurance?: YesNo;
  insuranceThirdParty?: YesNo;
  thirdPartyName?: string;
  insuranceCosts?: Costs[];
}

export interface ReturnInfo {
  returnAgencyId?: AgencyId;
  name?: string;
  physicalAddress?: PhysicalAddress;
}

export interface ConfirmationHeader {
  supplyingAgencyId?: AgencyId;
  requestingAgencyId?: AgencyId;
  timestamp: Date;
  requestingAgencyRequestId?: string;
  /** 2017 only. */
  multipleItemRequestId?: string;
  timestampReceived: Date;
  messageStatus: MessageStatus;
}

export interface ErrorData {
  errorType: ErrorType;
  errorValue?: string;
}

export interface RequestMessage {
  kind: 'request';
  header: RequestHeader;
  bibliographicInfo: BibliographicInfo;
  publicationInfo?: PublicationInfo;
  /** Required by the 2021 schema. */
  serviceInfo?: ServiceInfo;
  supplierInfo?: SupplierInfo[];
  requestedDeliveryInfo?: RequestedDeliveryInfo[];
  requestingAgencyInfo?: RequestingAgencyInfo;
  patronInfo?: PatronInfo;
  billingInfo?: BillingInfo;
}

export interface SupplyingAgencyMessage {
  kind: 'supplyingAgencyMessage';
  header: Header;
  messageInfo: MessageInfo;
  statusInfo: StatusInfo;
  /** 2021. */
  retryInfo?: RetryInfo;
  deliveryInfo?: DeliveryInfo;
  /** 2021. */
  shippingInfo?: ShippingInfo;
  returnInfo?: ReturnInfo;
}

export interface RequestingAgencyMessage {
  kind: 'requestingAgencyMessage';
  header: Header;
  action: Action;
  note?: string;
}

interface ConfirmationBase {
  confirmationHeader: ConfirmationHeader;
  errorData?: ErrorData;
  /** 2021: further errorData elements. */
  additionalErrorData?: ErrorData[];
}

export interface RequestConfirmation extends ConfirmationBase {
  kind: 'requestConfirmation';
}

export interface SupplyingAgencyMessageConfirmation extends ConfirmationBase {
  kind: 'supplyingAgencyMessageConfirmation';
  /** Echo of the confirmed message's reasonForMessage. */
  reasonForMessage?: ReasonForMessage;
}

export interface RequestingAgencyMessageConfirmation extends ConfirmationBase {
  kind: 'requestingAgencyMessageConfirmation';
  /** Echo of the confirmed message's action. */
  action?: Action;
}

export type InitiatingMessage = RequestMessage | SupplyingAgencyMessage | RequestingAgencyMessage;
export type ConfirmationMessage =
  | RequestConfirmation
  | SupplyingAgencyMessageConfirmation
  | RequestingAgencyMessageConfirmation;
export type Iso18626Message = InitiatingMessage | ConfirmationMessage;
