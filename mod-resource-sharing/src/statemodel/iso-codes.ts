// ISO 18626 code values the state models refer to. reasonUnfilled and loanCondition are open lists
// (scheme/value pairs), so the values here are the ones staff pick from, not a limit on what a
// partner may send us.

// The closed lists are the codec's own (one definition of the standard in the project); the
// models use the names below.
export {
  STATUSES as ISO_STATUSES,
  REASONS_FOR_MESSAGE as ISO_REASONS_FOR_MESSAGE,
  ACTIONS as ISO_REQUESTING_ACTIONS,
} from '../iso18626/code-lists.ts';
export type { Status as IsoStatus, ReasonForMessage as IsoReasonForMessage, Action as IsoRequestingAction } from '../iso18626/code-lists.ts';

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

/** Loan conditions (open list `loanCondition`): the ones seen in practice, as the codec lists them. */
export { LOAN_CONDITIONS_SEEN as LOAN_CONDITIONS } from '../iso18626/code-lists.ts';

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
