// The part of the borrowing workflow that loans and copies share: checking the patron, working
// through the rota, the supplier's first answers, conditions, retries and cancelling.

import type { IsoStatus } from '../iso-codes.ts';
import type { ActionDef, StateDef } from '../types.ts';
import { answer, answerYesNo, note, parameter } from './common.ts';

// ---- states ----------------------------------------------------------------------------------

export const borrowingPreparingStates: StateDef[] = [
  {
    code: 'REQ_IDLE',
    displayName: 'New',
    description: 'Created by staff, by the patron or through OpenURL. The patron has not been checked yet; the system checks them straight away.',
    stage: 'preparing',
    terminal: false,
    needsAttention: false,
  },
  {
    code: 'REQ_VALIDATED',
    displayName: 'Validated',
    description: 'The patron may borrow and the rota is built. The system sends the request to the first supplier in the rota.',
    stage: 'preparing',
    terminal: false,
    needsAttention: false,
  },
  {
    code: 'REQ_INVALID_PATRON',
    displayName: 'Patron check failed',
    description: 'The patron was not found, is blocked, or the circulation system could not be asked. Staff retry the check, override it, or cancel.',
    stage: 'preparing',
    terminal: false,
    needsAttention: true,
  },
  {
    code: 'REQ_UNFILLED',
    displayName: 'Unfilled by supplier',
    description: 'The last supplier could not supply (or staff declined its conditions or retry offer). The system sends the request to the next supplier in the rota.',
    stage: 'preparing',
    terminal: false,
    needsAttention: false,
    isoStatus: 'Unfilled',
  },
  {
    code: 'REQ_END_OF_ROTA',
    displayName: 'End of rota',
    description: 'No supplier in the rota could supply. Staff choose another supplier, re-request (for example another edition), cancel, or close the request.',
    stage: 'preparing',
    terminal: false,
    needsAttention: true,
  },
];

export const borrowingActiveStates: StateDef[] = [
  {
    code: 'REQ_SENT_TO_SUPPLIER',
    displayName: 'Sent to supplier',
    description: 'The request went to the current supplier, which has not yet said whether it will supply.',
    stage: 'active',
    terminal: false,
    needsAttention: false,
    isoStatus: 'RequestReceived',
  },
  {
    code: 'REQ_EXPECTS_TO_SUPPLY',
    displayName: 'Supplier will supply',
    description: 'The supplier said it will supply (WillSupply), or staff agreed to its conditions.',
    stage: 'active',
    terminal: false,
    needsAttention: false,
    isoStatus: 'WillSupply',
  },
  {
    code: 'REQ_CONDITIONAL_ANSWER_RECEIVED',
    displayName: 'Conditions received',
    description: 'The supplier will supply only on conditions (a loan condition such as library use only, or costs). Staff agree or reject them.',
    stage: 'active',
    terminal: false,
    needsAttention: true,
  },
  {
    code: 'REQ_RETRY_POSSIBLE',
    displayName: 'Supplier offers a retry',
    description: 'The supplier cannot supply as asked but could on other terms (for example higher costs or a later date). Staff retry with new terms or decline.',
    stage: 'active',
    terminal: false,
    needsAttention: true,
    isoStatus: 'RetryPossible',
  },
  {
    code: 'REQ_CANCEL_PENDING',
    displayName: 'Cancel requested',
    description: 'We asked the supplier to cancel and are waiting for its answer.',
    stage: 'active',
    terminal: false,
    needsAttention: false,
  },
];

export function borrowingTerminalStates(completedStatus: IsoStatus): StateDef[] {
  return [
    {
      code: 'REQ_REQUEST_COMPLETE',
      displayName: 'Complete',
      description: 'The request was filled and is finished.',
      stage: 'completed',
      terminal: true,
      needsAttention: false,
      isoStatus: completedStatus,
    },
    {
      code: 'REQ_CANCELLED',
      displayName: 'Cancelled',
      description: 'Cancelled by staff or the patron (or because the patron no longer needs it); any supplier agreed.',
      stage: 'completed',
      terminal: true,
      needsAttention: false,
      isoStatus: 'Cancelled',
    },
    {
      code: 'REQ_REREQUESTED',
      displayName: 'Re-requested',
      description: 'Replaced by a new request (for example with a corrected citation or another edition).',
      stage: 'completed',
      terminal: true,
      needsAttention: false,
    },
    {
      code: 'REQ_CLOSED_MANUALLY',
      displayName: 'Closed manually',
      description: 'Closed by staff outside the normal steps; the reason is in the history.',
      stage: 'completed',
      terminal: true,
      needsAttention: false,
    },
  ];
}

// ---- actions ---------------------------------------------------------------------------------

/** States with no supplier working on the request: cancelling needs no message. */
const LOCAL_STATES = ['REQ_IDLE', 'REQ_VALIDATED', 'REQ_INVALID_PATRON', 'REQ_UNFILLED', 'REQ_END_OF_ROTA', 'REQ_RETRY_POSSIBLE'];
/** States in which a supplier holds an open request from us that it has not filled yet. */
const WITH_SUPPLIER_STATES = ['REQ_SENT_TO_SUPPLIER', 'REQ_EXPECTS_TO_SUPPLY', 'REQ_CONDITIONAL_ANSWER_RECEIVED'];
const FIRST_ANSWER = ['RequestResponse' as const, 'StatusChange' as const];

const supplierSymbol = () => parameter.text('supplierSymbol', 'Supplier', true, 'Symbol of the supplier, e.g. ISIL:DK-820010');

export const borrowingSourcingActions: ActionDef[] = [
  {
    code: 'validate',
    displayName: 'Check patron',
    description: 'Looks the patron up in the circulation system (exists, not blocked, may borrow through ILL).',
    who: ['system', 'staff'],
    fromStates: ['REQ_IDLE', 'REQ_INVALID_PATRON'],
    parameters: [parameter.text('problem', 'Problem found', false, 'Why the check failed (outcome invalidPatron)')],
    outcomes: {
      ok: { to: 'REQ_VALIDATED' },
      invalidPatron: { to: 'REQ_INVALID_PATRON' },
    },
  },
  {
    code: 'overridePatronCheck',
    displayName: 'Override patron check',
    description: 'Staff accept the patron although the check failed.',
    who: ['staff'],
    fromStates: ['REQ_INVALID_PATRON'],
    parameters: [parameter.text('reason', 'Reason', false)],
    outcomes: { ok: { to: 'REQ_VALIDATED' } },
  },
  {
    code: 'sendToNextSupplier',
    displayName: 'Send to next supplier',
    description: 'Sends the ISO 18626 request to the next supplier in the rota (the caller passes the supplier the rota chose).',
    who: ['system', 'staff'],
    fromStates: ['REQ_VALIDATED', 'REQ_UNFILLED'],
    parameters: [supplierSymbol()],
    outcomes: { ok: { to: 'REQ_SENT_TO_SUPPLIER' } },
    sends: { kind: 'request', requestType: 'New', fields: { 'header.supplyingAgencyId': 'supplierSymbol' } },
  },
  {
    code: 'endOfRota',
    displayName: 'End of rota reached',
    description: 'No supplier is left in the rota; the request waits for staff.',
    who: ['system'],
    fromStates: ['REQ_VALIDATED', 'REQ_UNFILLED'],
    parameters: [],
    outcomes: { ok: { to: 'REQ_END_OF_ROTA' } },
  },
  {
    code: 'chooseSupplier',
    displayName: 'Choose supplier',
    description: 'Staff pick a supplier by hand, in or outside the rota, and the request is sent to it.',
    who: ['staff'],
    fromStates: ['REQ_VALIDATED', 'REQ_UNFILLED', 'REQ_END_OF_ROTA'],
    parameters: [supplierSymbol()],
    outcomes: { ok: { to: 'REQ_SENT_TO_SUPPLIER' } },
    sends: { kind: 'request', requestType: 'New', fields: { 'header.supplyingAgencyId': 'supplierSymbol' } },
  },
  {
    code: 'retryWithSupplier',
    displayName: 'Retry with new terms',
    description: "Sends the request to the same supplier again as a Retry, accepting the terms it offered (e.g. a higher maximum cost).",
    who: ['staff'],
    fromStates: ['REQ_RETRY_POSSIBLE'],
    parameters: [
      parameter.number('maximumCost', 'Maximum cost', false),
      parameter.text('currency', 'Currency (ISO 4217)', false),
      note(),
    ],
    outcomes: { ok: { to: 'REQ_SENT_TO_SUPPLIER' } },
    sends: {
      kind: 'request',
      requestType: 'Retry',
      fields: {
        'billingInfo.maximumCosts.monetaryValue': 'maximumCost',
        'billingInfo.maximumCosts.currencyCode': 'currency',
        'serviceInfo.note': 'note',
      },
    },
  },
  {
    code: 'declineRetry',
    displayName: 'Decline retry offer',
    description: "Staff do not accept the supplier's terms; the request moves on to the next supplier.",
    who: ['staff'],
    fromStates: ['REQ_RETRY_POSSIBLE'],
    parameters: [],
    outcomes: { ok: { to: 'REQ_UNFILLED' } },
  },
  {
    code: 'cancel',
    displayName: 'Cancel',
    description: 'Cancels a request no supplier is working on; nothing is sent.',
    who: ['staff'],
    fromStates: LOCAL_STATES,
    parameters: [parameter.text('reason', 'Reason', false)],
    outcomes: { ok: { to: 'REQ_CANCELLED' } },
  },
  {
    code: 'cancelWithSupplier',
    displayName: 'Cancel',
    description: 'Asks the current supplier to cancel (ISO Cancel) and waits for its answer.',
    who: ['staff'],
    fromStates: WITH_SUPPLIER_STATES,
    parameters: [parameter.text('reason', 'Reason', false)],
    outcomes: { ok: { to: 'REQ_CANCEL_PENDING' } },
    sends: { kind: 'requestingAgencyMessage', action: 'Cancel', fields: { note: 'reason' } },
  },
  {
    code: 'neededBeforeExpired',
    displayName: 'Needed-before date passed',
    description: "The patron's needed-before date passed before any supplier took the request; it is cancelled.",
    who: ['system'],
    fromStates: LOCAL_STATES,
    parameters: [],
    outcomes: { ok: { to: 'REQ_CANCELLED' } },
  },
  {
    code: 'neededBeforeExpiredWithSupplier',
    displayName: 'Needed-before date passed',
    description: "The patron's needed-before date passed before the item was shipped; the supplier is asked to cancel.",
    who: ['system'],
    fromStates: WITH_SUPPLIER_STATES,
    parameters: [],
    outcomes: { ok: { to: 'REQ_CANCEL_PENDING' } },
    sends: { kind: 'requestingAgencyMessage', action: 'Cancel', intent: 'neededBeforeExpired' },
  },
  {
    code: 'agreeConditions',
    displayName: 'Agree to conditions',
    description: "Accepts the supplier's loan conditions or costs and tells the supplier.",
    who: ['staff'],
    fromStates: ['REQ_CONDITIONAL_ANSWER_RECEIVED'],
    parameters: [note()],
    outcomes: { ok: { to: 'REQ_EXPECTS_TO_SUPPLY' } },
    sends: { kind: 'requestingAgencyMessage', action: 'Notification', intent: 'conditionsAgreed', fields: { note: 'note' } },
  },
  {
    code: 'rejectConditions',
    displayName: 'Reject conditions',
    description: 'Declines the conditions: the supplier is asked to cancel and the request moves on to the next supplier without waiting.',
    who: ['staff'],
    fromStates: ['REQ_CONDITIONAL_ANSWER_RECEIVED'],
    parameters: [note()],
    outcomes: { ok: { to: 'REQ_UNFILLED' } },
    sends: { kind: 'requestingAgencyMessage', action: 'Cancel', intent: 'conditionsRejected', fields: { note: 'note' } },
  },
  {
    code: 'rerequest',
    displayName: 'Re-request',
    description: 'Replaces this request with a new one (edit the citation, another edition); this one ends as re-requested.',
    who: ['staff'],
    fromStates: ['REQ_END_OF_ROTA'],
    parameters: [note('Why the request was re-requested')],
    outcomes: { ok: { to: 'REQ_REREQUESTED' } },
    createsSuccessorRequest: true,
  },
  {
    code: 'skipSupplier',
    displayName: 'Skip this supplier',
    description:
      'The supplier is not answering (or staff do not want to wait for it): the request moves on to the next supplier in the rota. The supplier is asked to cancel; if our request never reached it, nothing is sent.',
    who: ['staff'],
    fromStates: WITH_SUPPLIER_STATES,
    parameters: [parameter.text('reason', 'Reason', false, 'Why the supplier is skipped; kept on its rota entry and sent with the cancel')],
    outcomes: { ok: { to: 'REQ_UNFILLED' } },
    sends: { kind: 'requestingAgencyMessage', action: 'Cancel', fields: { note: 'reason' } },
  },
  {
    code: 'recordCancelAnswer',
    displayName: 'Record answer to cancel',
    description:
      'The supplier answered our cancel outside the protocol (by e-mail, by phone) or never answers: staff record yes (the request is cancelled) or no (the supplier goes on supplying).',
    who: ['staff'],
    fromStates: ['REQ_CANCEL_PENDING'],
    parameters: [answer(), note('Where the answer came from')],
    outcomeParameter: 'answer',
    outcomes: {
      yes: { to: 'REQ_CANCELLED' },
      no: { to: 'REQ_EXPECTS_TO_SUPPLY', returnTo: WITH_SUPPLIER_STATES, description: 'back to where the request was before the cancel' },
    },
  },
  {
    code: 'requestNotDelivered',
    displayName: 'Request could not be delivered',
    description:
      'The supplier refused our request message (an ERROR confirmation or an HTTP 4xx), or could not be reached within the time the library allows for a new request: the request moves on to the next supplier (the rota entry says why), or, when staff had already asked to cancel, it is cancelled.',
    who: ['system'],
    fromStates: ['REQ_SENT_TO_SUPPLIER', 'REQ_CANCEL_PENDING'],
    parameters: [parameter.text('problem', 'Problem', false, 'What the supplier or the network answered')],
    outcomes: {
      ok: { to: 'REQ_UNFILLED', description: 'moves on to the next supplier' },
      cancelled: { to: 'REQ_CANCELLED', description: 'staff had asked to cancel: nothing is left to cancel at the supplier' },
    },
  },
  // ---- the supplier's answers (incoming ISO 18626 supplyingAgencyMessage) ----
  {
    code: 'supplierExpectsToSupply',
    displayName: 'Supplier: request received / expects to supply',
    description:
      'The supplier acknowledged the request (RequestReceived or ExpectToSupply without conditions). Nothing changes. A broker sends ExpectToSupply each time it chooses a supplier (as a Notification in opaque mode); the request records that supplier.',
    who: ['protocol'],
    fromStates: ['REQ_SENT_TO_SUPPLIER'],
    parameters: [note()],
    outcomes: { ok: { to: 'REQ_SENT_TO_SUPPLIER' } },
    receives: {
      kind: 'supplyingAgencyMessage',
      reasonsForMessage: [...FIRST_ANSWER, 'Notification'],
      statuses: ['RequestReceived', 'ExpectToSupply'],
      hasLoanCondition: false,
    },
  },
  {
    code: 'supplierWillSupply',
    displayName: 'Supplier: will supply',
    description: 'The supplier will supply without conditions.',
    who: ['protocol'],
    fromStates: ['REQ_SENT_TO_SUPPLIER', 'REQ_CONDITIONAL_ANSWER_RECEIVED'],
    parameters: [note()],
    outcomes: { ok: { to: 'REQ_EXPECTS_TO_SUPPLY' } },
    receives: { kind: 'supplyingAgencyMessage', reasonsForMessage: FIRST_ANSWER, statuses: ['WillSupply'], hasLoanCondition: false },
  },
  {
    code: 'supplierConditional',
    displayName: 'Supplier: supply on conditions',
    description: 'The supplier will supply on conditions (ExpectToSupply or WillSupply carrying a loan condition).',
    who: ['protocol'],
    fromStates: ['REQ_SENT_TO_SUPPLIER', 'REQ_EXPECTS_TO_SUPPLY'],
    parameters: [
      parameter.text('loanCondition', 'Loan condition', false),
      parameter.number('offeredCost', 'Cost', false),
      parameter.text('currency', 'Currency (ISO 4217)', false),
      note(),
    ],
    outcomes: { ok: { to: 'REQ_CONDITIONAL_ANSWER_RECEIVED' } },
    receives: {
      kind: 'supplyingAgencyMessage',
      reasonsForMessage: ['RequestResponse', 'StatusChange', 'Notification'],
      statuses: ['ExpectToSupply', 'WillSupply'],
      hasLoanCondition: true,
    },
  },
  {
    code: 'supplierRetryPossible',
    displayName: 'Supplier: retry possible',
    description: 'The supplier could supply on other terms (reasonRetry, offered costs, retry dates).',
    who: ['protocol'],
    fromStates: ['REQ_SENT_TO_SUPPLIER', 'REQ_EXPECTS_TO_SUPPLY'],
    parameters: [
      parameter.text('reasonRetry', 'Reason', false),
      parameter.text('loanCondition', 'Loan condition', false, 'A condition the supplier would lend on (LoanCondition)'),
      parameter.number('offeredCost', 'Offered cost', false),
      parameter.text('currency', 'Currency (ISO 4217)', false),
      parameter.date('retryAfter', 'Retry after', false),
      parameter.date('retryBefore', 'Retry before', false),
      note(),
    ],
    outcomes: { ok: { to: 'REQ_RETRY_POSSIBLE' } },
    receives: { kind: 'supplyingAgencyMessage', reasonsForMessage: FIRST_ANSWER, statuses: ['RetryPossible'] },
  },
  {
    code: 'supplierUnfilled',
    displayName: 'Supplier: cannot supply',
    description: 'The supplier cannot supply (Unfilled, or it cancelled on its own side); the request moves on to the next supplier.',
    who: ['protocol'],
    fromStates: WITH_SUPPLIER_STATES,
    parameters: [parameter.text('reasonUnfilled', 'Reason', false), note()],
    outcomes: { ok: { to: 'REQ_UNFILLED' } },
    receives: { kind: 'supplyingAgencyMessage', reasonsForMessage: FIRST_ANSWER, statuses: ['Unfilled', 'Cancelled'] },
  },
  {
    code: 'supplierUnfilledContinuing',
    displayName: 'Supplier: unfilled, broker continues',
    description: 'A broker reports (as a Notification) that one supplier could not supply while it tries the next one; the request stays with the broker.',
    who: ['protocol'],
    fromStates: WITH_SUPPLIER_STATES,
    parameters: [parameter.text('reasonUnfilled', 'Reason', false), note()],
    outcomes: { ok: { to: 'REQ_SENT_TO_SUPPLIER' } },
    receives: { kind: 'supplyingAgencyMessage', reasonsForMessage: ['Notification'], statuses: ['Unfilled'] },
  },
  {
    code: 'supplierCancelResponse',
    displayName: 'Supplier: answer to cancel',
    description: 'The supplier answered our Cancel: Y cancels the request, N means it goes on supplying.',
    who: ['protocol'],
    fromStates: ['REQ_CANCEL_PENDING'],
    parameters: [answerYesNo(), note()],
    outcomeParameter: 'answerYesNo',
    outcomes: {
      Y: { to: 'REQ_CANCELLED' },
      N: {
        to: 'REQ_EXPECTS_TO_SUPPLY',
        returnTo: WITH_SUPPLIER_STATES,
        description: 'back to where the request was before the cancel',
      },
    },
    receives: { kind: 'supplyingAgencyMessage', reasonsForMessage: ['CancelResponse'] },
  },
  {
    code: 'supplierCancelled',
    displayName: 'Supplier: cancelled',
    description: 'While our cancel was pending the supplier reported Cancelled or Unfilled: the request is cancelled.',
    who: ['protocol'],
    fromStates: ['REQ_CANCEL_PENDING'],
    parameters: [note()],
    outcomes: { ok: { to: 'REQ_CANCELLED' } },
    receives: {
      kind: 'supplyingAgencyMessage',
      reasonsForMessage: ['RequestResponse', 'StatusChange', 'Notification'],
      statuses: ['Cancelled', 'Unfilled'],
    },
  },
];

/** Status request and the answer to it (stateless), for the states in which a supplier has the request. */
export function borrowingStatusActions(supplierStates: string[], allStates: string[]): ActionDef[] {
  return [
    {
      code: 'requestStatus',
      displayName: 'Ask supplier for status',
      description: 'Asks the supplier for its current status (ISO StatusRequest).',
      who: ['staff'],
      fromStates: supplierStates,
      parameters: [],
      outcomes: {},
      stateless: true,
      sends: { kind: 'requestingAgencyMessage', action: 'StatusRequest' },
    },
    {
      code: 'supplierStatusReport',
      displayName: 'Supplier: status report',
      description: 'The answer to a status request; recorded in the history, the state does not change.',
      who: ['protocol'],
      fromStates: allStates,
      parameters: [note()],
      outcomes: {},
      stateless: true,
      receives: { kind: 'supplyingAgencyMessage', reasonsForMessage: ['StatusRequestResponse'] },
    },
  ];
}
