// Closed code lists of ISO 18626, taken verbatim from the enumerations in the official schemas
// ISO-18626-v1_2.xsd (2017) and ISO-18626-2021-2.xsd (2021). Each list is the union of both versions;
// the `*_2017` lists name the subset the 2017 schema allows (the emitter refuses the rest for 2017).

export const ISO18626_NAMESPACE = 'http://illtransactions.org/2013/iso18626';

export const ISO18626_VERSIONS = ['2017', '2021'] as const;
export type Iso18626Version = (typeof ISO18626_VERSIONS)[number];

export const STATUSES = [
  'RequestReceived',
  'ExpectToSupply',
  'WillSupply',
  'Loaned',
  'Overdue',
  'Recalled',
  'RetryPossible',
  'Unfilled',
  'HoldReturn',
  'ReleaseHoldReturn',
  'CopyCompleted',
  'LoanCompleted',
  'CompletedWithoutReturn',
  'Cancelled',
] as const;
export type Status = (typeof STATUSES)[number];
/** 2021 added HoldReturn and ReleaseHoldReturn. */
export const STATUSES_2017: readonly Status[] = STATUSES.filter((s) => s !== 'HoldReturn' && s !== 'ReleaseHoldReturn');

export const REASONS_FOR_MESSAGE = [
  'RequestResponse',
  'StatusRequestResponse',
  'RenewResponse',
  'CancelResponse',
  'StatusChange',
  'Notification',
] as const;
export type ReasonForMessage = (typeof REASONS_FOR_MESSAGE)[number];

export const ACTIONS = [
  'StatusRequest',
  'Received',
  'Cancel',
  'Renew',
  'HoldReturn',
  'ShippedReturn',
  'ShippedForward',
  'Notification',
  'Lost',
] as const;
export type Action = (typeof ACTIONS)[number];
/** 2021 added HoldReturn and Lost. */
export const ACTIONS_2017: readonly Action[] = ACTIONS.filter((a) => a !== 'HoldReturn' && a !== 'Lost');

/** British spelling, exactly as in the schemas. */
export const ERROR_TYPES = [
  'UnsupportedActionType',
  'UnsupportedReasonForMessageType',
  'UnrecognisedDataElement',
  'UnrecognisedDataValue',
  'BadlyFormedMessage',
] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

export const MESSAGE_STATUSES = ['OK', 'ERROR'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const SERVICE_TYPES = ['Copy', 'Loan', 'CopyOrLoan'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const REQUEST_TYPES = ['New', 'Retry', 'Reminder'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_SUB_TYPES = [
  'BookingRequest',
  'MultipleItemRequest',
  'PatronRequest',
  'TransferRequest',
  'SupplyingLibrarysChoice',
] as const;
export type RequestSubType = (typeof REQUEST_SUB_TYPES)[number];
/** 2017 allows at most three requestSubType elements; 2021 any number. */
export const MAX_REQUEST_SUB_TYPES_2017 = 3;

export const YES_NO = ['Y', 'N'] as const;
export type YesNo = (typeof YES_NO)[number];

/** 2021 only (serviceInfo/preferredEdition). */
export const PREFERRED_EDITIONS = ['MostRecentEdition', 'ThisEdition', 'AnyEdition'] as const;
export type PreferredEdition = (typeof PREFERRED_EDITIONS)[number];

// Open code lists (scheme/value pairs) are NOT closed: any value is legal. The values below are the
// ones seen in practice, offered as constants for callers; the codec never rejects other values.
export const REASONS_RETRY_SEEN = [
  'CostExceedsMaxCost',
  'OnLoan',
  'LoanCondition',
  'NotFoundAsCited',
  'ReqDelMethodNotSupp',
  'ReqEditionNotPossible',
  'ReqFormatNotPossible',
  'MustMeetLoanCondition',
  'ReqPayMethodNotSupported',
  'ReqServLevelNotSupp',
  'ReqServTypeNotPossible',
  'MultiVolAvail',
] as const;
export const REASONS_UNFILLED_SEEN = ['Duplicate'] as const;
export const SENT_VIA_SEEN = ['Mail', 'Email', 'FTP', 'URL'] as const;
export const LOAN_CONDITIONS_SEEN = [
  'LibraryUseOnly',
  'NoReproduction',
  'SignatureRequired',
  'SpecCollSupervReq',
  'WatchLibraryUseOnly',
] as const;

/** Messages a peer initiates, and the confirmation each one gets back. */
export const INITIATING_KINDS = ['request', 'supplyingAgencyMessage', 'requestingAgencyMessage'] as const;
export type InitiatingKind = (typeof INITIATING_KINDS)[number];
export const CONFIRMATION_KINDS = [
  'requestConfirmation',
  'supplyingAgencyMessageConfirmation',
  'requestingAgencyMessageConfirmation',
] as const;
export type ConfirmationKind = (typeof CONFIRMATION_KINDS)[number];
export const MESSAGE_KINDS = [
  'request',
  'requestConfirmation',
  'supplyingAgencyMessage',
  'supplyingAgencyMessageConfirmation',
  'requestingAgencyMessage',
  'requestingAgencyMessageConfirmation',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const CONFIRMATION_KIND_FOR: Readonly<Record<InitiatingKind, ConfirmationKind>> = {
  request: 'requestConfirmation',
  supplyingAgencyMessage: 'supplyingAgencyMessageConfirmation',
  requestingAgencyMessage: 'requestingAgencyMessageConfirmation',
};

/** Type guard: is `value` one of `list`? (exact match) */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/**
 * Tolerant lookup used by the parser: exact match first, then a case-insensitive match
 * (peers sometimes send `ok` or `loaned`). Returns the canonical spelling or undefined.
 */
export function matchCode<T extends string>(list: readonly T[], value: string): T | undefined {
  const v = value.trim();
  if (isOneOf(list, v)) return v;
  const lower = v.toLowerCase();
  return list.find((c) => c.toLowerCase() === lower);
}

/** Error types as some peers misspell them (Koha sends the American `UnrecognizedDataValue`). */
export function matchErrorType(value: string): ErrorType | undefined {
  return matchCode(ERROR_TYPES, value.trim().replace(/Unrecognized/i, 'Unrecognised'));
}
