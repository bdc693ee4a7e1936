// ISO 18626 code values the state models refer to. Closed lists come from the 2017 (v1.2) schema
// (2021 additions noted); reasonUnfilled and loanCondition are open lists (scheme/value pairs), so the
// values here are the ones staff pick from, not a limit on what a partner may send us.

export const ISO_STATUSES = [
  'RequestReceived',
  'ExpectToSupply',
  'WillSupply',
  'Loaned',
  'Overdue',
  'Recalled',
  'RetryPossible',
  'Unfilled',
  'CopyCompleted',
  'LoanCompleted',
  'CompletedWithoutReturn',
  'Cancelled',
] as const;
export type IsoStatus = (typeof ISO_STATUSES)[number];

export const ISO_REASONS_FOR_MESSAGE = [
  'RequestResponse',
  'StatusRequestResponse',
  'RenewResponse',
  'CancelResponse',
  'StatusChange',
  'Notification',
] as const;
export type IsoReasonForMessage = (typeof ISO_REASONS_FOR_MESSAGE)[number];

/** requestingAgencyMessage actions (2021 adds HoldReturn and Lost; not used by these models yet) */
export const ISO_REQUESTING_ACTIONS = [
  'StatusRequest',
  'Received',
  'Cancel',
  'Renew',
  'ShippedReturn',
  'ShippedForward',
  'Notification',
] as const;
export type IsoRequestingAction = (typeof ISO_REQUESTING_ACTIONS)[number];

/** Reasons a supplier gives with status Unfilled (open list; these are the ones offered to staff). */
export const REASONS_UNFILLED = [
  'NotHeld',
  'NotOnShelf',
  'OnLoan',
  'NonCirculating',
  'InProcess',
  'Lost',
  'PoorCondition',
  'NotFoundAsCited',
  'PolicyProblem',
  'CostExceedsMaxCost',
  'Duplicate',
  'Other',
] as const;

/** Loan conditions (open list `loanCondition`). */
export const LOAN_CONDITIONS = [
  'LibraryUseOnly',
  'NoReproduction',
  'SignatureRequired',
  'SpecCollSupervReq',
  'WatchLibraryUseOnly',
] as const;

/** Reasons a supplier gives with status RetryPossible (open list `reasonRetry`; the ones offered to staff). */
export const REASONS_RETRY = [
  'CostExceedsMaxCost',
  'OnLoan',
  'LoanCondition',
  'NotFoundAsCited',
  'ReqEditionNotPossible',
  'ReqFormatNotPossible',
  'MultiVolAvail',
] as const;
