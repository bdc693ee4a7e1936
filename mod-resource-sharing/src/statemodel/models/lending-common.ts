// The part of the lending workflow that loans and copies share: answering a new request, loan
// conditions, the pull slip, cancel requests from the borrower, and status requests.

import type { IsoStatus } from '../iso-codes.ts';
import { LOAN_CONDITIONS, REASONS_RETRY, REASONS_UNFILLED } from '../iso-codes.ts';
import type { ActionDef, StateDef } from '../types.ts';
import { answer, note, parameter } from './common.ts';

export function lendingOpeningStates(pickingName: string, pickingDescription: string): StateDef[] {
  return [
    {
      code: 'RES_IDLE',
      displayName: 'New request',
      description: 'A borrowing library asked us for this. Staff (or the auto-responder) answer: will supply, supply on conditions, or cannot supply.',
      stage: 'preparing',
      terminal: false,
      needsAttention: true,
      isoStatus: 'RequestReceived',
    },
    {
      code: 'RES_PENDING_CONDITIONAL_ANSWER',
      displayName: 'Awaiting answer to conditions',
      description: 'We offered to supply on conditions and wait for the borrower to agree (or cancel).',
      stage: 'active',
      terminal: false,
      needsAttention: false,
      isoStatus: 'ExpectToSupply',
    },
    {
      code: 'RES_NEW_AWAIT_PULL_SLIP',
      displayName: 'Awaiting pull slip',
      description: 'We will supply. The pull slip has not been printed yet.',
      stage: 'active',
      terminal: false,
      needsAttention: false,
      isoStatus: 'WillSupply',
    },
    {
      code: 'RES_AWAIT_PICKING',
      displayName: pickingName,
      description: pickingDescription,
      stage: 'active',
      terminal: false,
      needsAttention: false,
      isoStatus: 'WillSupply',
    },
  ];
}

export const lendingCancelRequestState: StateDef = {
  code: 'RES_CANCEL_REQUEST_RECEIVED',
  displayName: 'Cancel requested by borrower',
  description: 'The borrower asked to cancel after we promised to supply. Staff answer yes (stop) or no (we go on supplying).',
  stage: 'active',
  terminal: false,
  needsAttention: true,
  isoStatus: 'WillSupply',
};

export function lendingTerminalStates(completeName: string, completeStatus: IsoStatus, completeDescription: string): StateDef[] {
  return [
    {
      code: 'RES_COMPLETE',
      displayName: completeName,
      description: completeDescription,
      stage: 'completed',
      terminal: true,
      needsAttention: false,
      isoStatus: completeStatus,
    },
    {
      code: 'RES_UNFILLED',
      displayName: 'Not supplied',
      description: 'We could not supply (or did not answer in time); the borrower was told Unfilled, or RetryPossible when we offered other terms.',
      stage: 'completed',
      terminal: true,
      needsAttention: false,
      isoStatus: 'Unfilled',
    },
    {
      code: 'RES_CANCELLED',
      displayName: 'Cancelled',
      description: 'Cancelled at the borrower\'s request.',
      stage: 'completed',
      terminal: true,
      needsAttention: false,
      isoStatus: 'Cancelled',
    },
    {
      code: 'RES_CLOSED_MANUALLY',
      displayName: 'Closed manually',
      description: 'Closed by staff outside the normal steps; the reason is in the history.',
      stage: 'completed',
      terminal: true,
      needsAttention: false,
    },
  ];
}

/**
 * The shared lending actions.
 * @param preShipStates states after "will supply" in which the item or copy has not gone yet
 *        (where cannot supply, a cancel request and "no" to a cancel apply)
 */
export function lendingOpeningActions(preShipStates: string[]): ActionDef[] {
  return [
    {
      code: 'willSupply',
      displayName: 'Will supply',
      description: 'We will supply. The borrower is told WillSupply; the request waits for its pull slip.',
      who: ['staff', 'system'],
      fromStates: ['RES_IDLE'],
      parameters: [note()],
      outcomes: { ok: { to: 'RES_NEW_AWAIT_PULL_SLIP' } },
      sends: { kind: 'supplyingAgencyMessage', fields: { 'messageInfo.note': 'note' } },
    },
    {
      code: 'cannotSupply',
      displayName: 'Cannot supply',
      description: 'We cannot supply; the borrower is told Unfilled with the reason and moves on to its next supplier.',
      who: ['staff', 'system'],
      fromStates: ['RES_IDLE', 'RES_PENDING_CONDITIONAL_ANSWER', ...preShipStates],
      parameters: [parameter.enumOf('reason', 'Reason', REASONS_UNFILLED, true), note()],
      outcomes: { ok: { to: 'RES_UNFILLED' } },
      sends: { kind: 'supplyingAgencyMessage', fields: { 'messageInfo.reasonUnfilled': 'reason', 'messageInfo.note': 'note' } },
    },
    {
      code: 'conditionalSupply',
      displayName: 'Supply on conditions',
      description: 'We will supply only on conditions (a loan condition and/or costs) and wait for the borrower to agree.',
      who: ['staff'],
      fromStates: ['RES_IDLE', 'RES_NEW_AWAIT_PULL_SLIP'],
      parameters: [
        parameter.enumOf('loanCondition', 'Loan condition', LOAN_CONDITIONS, false),
        parameter.number('cost', 'Cost', false),
        parameter.text('currency', 'Currency (ISO 4217)', false),
        note(),
      ],
      outcomes: { ok: { to: 'RES_PENDING_CONDITIONAL_ANSWER' } },
      sends: {
        kind: 'supplyingAgencyMessage',
        fields: {
          'deliveryInfo.loanCondition': 'loanCondition',
          'messageInfo.offeredCosts.monetaryValue': 'cost',
          'messageInfo.offeredCosts.currencyCode': 'currency',
          'messageInfo.note': 'note',
        },
      },
    },
    {
      code: 'offerRetry',
      displayName: 'Retry possible',
      description:
        'We cannot supply as asked but could on other terms (for example higher costs): the borrower is told RetryPossible with the reason and costs, and may send the request again as a Retry, which arrives as a new request.',
      who: ['staff'],
      fromStates: ['RES_IDLE', 'RES_NEW_AWAIT_PULL_SLIP'],
      parameters: [
        parameter.enumOf('reasonRetry', 'Reason', REASONS_RETRY, true),
        parameter.number('cost', 'Cost', false),
        parameter.text('currency', 'Currency (ISO 4217)', false),
        note(),
      ],
      outcomes: { ok: { to: 'RES_UNFILLED' } },
      sends: {
        kind: 'supplyingAgencyMessage',
        status: 'RetryPossible',
        fields: {
          'messageInfo.reasonRetry': 'reasonRetry',
          'messageInfo.offeredCosts.monetaryValue': 'cost',
          'messageInfo.offeredCosts.currencyCode': 'currency',
          'messageInfo.note': 'note',
        },
      },
    },
    {
      code: 'markConditionsAgreed',
      displayName: 'Conditions agreed',
      description: 'The borrower agreed to our conditions (by message, or staff record an agreement made another way).',
      who: ['staff', 'protocol'],
      fromStates: ['RES_PENDING_CONDITIONAL_ANSWER'],
      parameters: [note()],
      outcomes: { ok: { to: 'RES_NEW_AWAIT_PULL_SLIP' } },
      receives: { kind: 'requestingAgencyMessage', actions: ['Notification'], intent: 'conditionsAgreed' },
    },
    {
      code: 'printPullSlip',
      displayName: 'Print pull slip',
      description: 'The pull slip was printed (singly or in a batch); staff fetch the item from the shelf.',
      who: ['staff', 'system'],
      fromStates: ['RES_NEW_AWAIT_PULL_SLIP'],
      parameters: [],
      outcomes: { ok: { to: 'RES_AWAIT_PICKING' } },
    },
    {
      code: 'cancelAccepted',
      displayName: 'Borrower cancelled',
      description: 'The borrower cancelled before we promised anything (or while our conditions were open): accepted at once.',
      who: ['protocol'],
      fromStates: ['RES_IDLE', 'RES_PENDING_CONDITIONAL_ANSWER'],
      parameters: [note()],
      outcomes: { ok: { to: 'RES_CANCELLED' } },
      sends: { kind: 'supplyingAgencyMessage', reasonForMessage: 'CancelResponse', answerYesNo: 'Y' },
      receives: { kind: 'requestingAgencyMessage', actions: ['Cancel'] },
    },
    {
      code: 'cancelRequestReceived',
      displayName: 'Borrower asks to cancel',
      description: 'The borrower asks to cancel after we promised to supply; staff decide.',
      who: ['protocol'],
      fromStates: preShipStates,
      parameters: [note()],
      outcomes: { ok: { to: 'RES_CANCEL_REQUEST_RECEIVED' } },
      receives: { kind: 'requestingAgencyMessage', actions: ['Cancel'] },
    },
    {
      code: 'respondToCancel',
      displayName: 'Respond to cancel request',
      description: 'Yes: we stop and the request is cancelled. No: we go on supplying from where we were.',
      who: ['staff'],
      fromStates: ['RES_CANCEL_REQUEST_RECEIVED'],
      parameters: [answer(), note()],
      outcomeParameter: 'answer',
      outcomes: {
        yes: {
          to: 'RES_CANCELLED',
          sends: { kind: 'supplyingAgencyMessage', reasonForMessage: 'CancelResponse', answerYesNo: 'Y', fields: { 'messageInfo.note': 'note' } },
        },
        no: {
          to: 'RES_NEW_AWAIT_PULL_SLIP',
          returnTo: preShipStates,
          description: 'back to where the request was before the cancel request',
          sends: { kind: 'supplyingAgencyMessage', reasonForMessage: 'CancelResponse', answerYesNo: 'N', fields: { 'messageInfo.note': 'note' } },
        },
      },
    },
    {
      code: 'autoUnfillStale',
      displayName: 'No answer in time',
      description: 'Nobody answered or picked the request within the configured time; the borrower is told Unfilled so it can move on.',
      who: ['system'],
      fromStates: ['RES_IDLE', 'RES_NEW_AWAIT_PULL_SLIP'],
      parameters: [note()],
      outcomes: { ok: { to: 'RES_UNFILLED' } },
      sends: { kind: 'supplyingAgencyMessage', fields: { 'messageInfo.note': 'note' } },
    },
  ];
}

/** The borrower asks for our status: answered with the status of the current state; nothing changes. */
export function lendingStatusRequestAction(allStates: string[]): ActionDef {
  return {
    code: 'statusRequest',
    displayName: 'Borrower asks for status',
    description: 'Answered automatically with our current status (StatusRequestResponse).',
    who: ['protocol'],
    fromStates: allStates,
    parameters: [note()],
    outcomes: {},
    stateless: true,
    sends: { kind: 'supplyingAgencyMessage', reasonForMessage: 'StatusRequestResponse' },
    receives: { kind: 'requestingAgencyMessage', actions: ['StatusRequest'] },
  };
}
