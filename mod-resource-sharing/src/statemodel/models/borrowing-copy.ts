// Borrowing a copy (a non-returnable: article, chapter, scan): the supplier delivers a document,
// usually as a URL; we pass it on to the patron and the request is done. Nothing goes back.

import type { StateDef, StateModel } from '../types.ts';
import {
  borrowingActiveStates,
  borrowingPreparingStates,
  borrowingSourcingActions,
  borrowingStatusActions,
  borrowingTerminalStates,
} from './borrowing-common.ts';
import { codes, commonActions, note, parameter } from './common.ts';

const copyStates: StateDef[] = [
  {
    code: 'REQ_DOCUMENT_DELIVERED',
    displayName: 'Document delivered',
    description: 'The supplier delivered the copy (CopyCompleted, usually with a link). Staff pass it on to the patron and mark the request complete.',
    stage: 'shipped',
    terminal: false,
    needsAttention: true,
    isoStatus: 'CopyCompleted',
  },
];

/** Copyright compliance (src/copyright): over the library's limit a copy waits for staff's clearance. */
const copyrightStates: StateDef[] = [
  {
    code: 'REQ_AWAITING_COPYRIGHT_CLEARANCE',
    displayName: 'Awaiting copyright clearance',
    description:
      "This year's copies from the same journal reached the library's limit (e.g. the CONTU rule of five). Staff record a clearance (permission obtained, fee paid, fair use) and the request is sent on, or cancel it.",
    stage: 'preparing',
    terminal: false,
    needsAttention: true,
  },
];

const states: StateDef[] = [
  ...borrowingPreparingStates,
  ...copyrightStates,
  ...borrowingActiveStates,
  ...copyStates,
  ...borrowingTerminalStates('CopyCompleted'),
];

const WITH_SUPPLIER = ['REQ_SENT_TO_SUPPLIER', 'REQ_EXPECTS_TO_SUPPLY', 'REQ_CONDITIONAL_ANSWER_RECEIVED'];

export const borrowingCopy: StateModel = {
  id: 'borrowing-copy',
  version: '1.0.0',
  displayName: 'Borrowing: copy',
  description:
    'We obtain a copy (article, chapter) for our patron: check the patron, ask the suppliers in the rota one by one, receive the document and pass it on. Nothing is returned.',
  role: 'borrowing',
  serviceType: 'copy',
  initialState: 'REQ_IDLE',
  states,
  actions: [
    // cancelling needs no message while the request waits for its clearance
    ...borrowingSourcingActions.map((a) =>
      a.code === 'cancel' ? { ...a, fromStates: [...a.fromStates, 'REQ_AWAITING_COPYRIGHT_CLEARANCE'] } : a,
    ),
    {
      code: 'awaitCopyrightClearance',
      displayName: 'Copyright limit reached',
      description: "The copyright check found this year's copies from the journal at or over the limit; the request waits for staff.",
      who: ['system'],
      fromStates: ['REQ_VALIDATED'],
      parameters: [parameter.text('reason', 'Reason', false)],
      outcomes: { ok: { to: 'REQ_AWAITING_COPYRIGHT_CLEARANCE' } },
    },
    {
      code: 'recordCopyrightClearance',
      displayName: 'Record copyright clearance',
      description:
        'Staff record why the copy may be made: permission obtained from the rights holder, a fee paid (amount and to whom, e.g. the Copyright Clearance Center), or fair use with the reason. The request is then sent to the rota.',
      who: ['staff'],
      fromStates: ['REQ_AWAITING_COPYRIGHT_CLEARANCE'],
      parameters: [
        parameter.enumOf('clearance', 'Clearance', ['permissionObtained', 'feePaid', 'fairUse'], true),
        parameter.requiredFor(parameter.number('amount', 'Fee paid'), ['feePaid']),
        parameter.text('currency', 'Currency (ISO 4217)', false),
        parameter.requiredFor(parameter.text('source', 'Paid to', false, 'e.g. Copyright Clearance Center'), ['feePaid']),
        parameter.requiredFor(parameter.text('reason', 'Reason', false, 'Why this copy is fair use, or who gave permission'), ['fairUse']),
        note('Internal note'),
      ],
      outcomeParameter: 'clearance',
      outcomes: {
        permissionObtained: { to: 'REQ_VALIDATED' },
        feePaid: { to: 'REQ_VALIDATED' },
        fairUse: { to: 'REQ_VALIDATED' },
      },
    },
    {
      code: 'supplierCopyCompleted',
      displayName: 'Supplier: copy delivered',
      description: 'The supplier delivered the copy (CopyCompleted), usually with the document URL.',
      who: ['protocol'],
      fromStates: [...WITH_SUPPLIER, 'REQ_CANCEL_PENDING'],
      parameters: [parameter.text('documentUrl', 'Document URL', false), parameter.text('sentVia', 'Sent via', false), note()],
      outcomes: { ok: { to: 'REQ_DOCUMENT_DELIVERED' } },
      receives: { kind: 'supplyingAgencyMessage', reasonsForMessage: ['RequestResponse', 'StatusChange'], statuses: ['CopyCompleted'] },
    },
    {
      code: 'recordDelivery',
      displayName: 'Record delivery',
      description: 'The copy arrived outside the protocol (by e-mail or post); staff record it.',
      who: ['staff'],
      fromStates: WITH_SUPPLIER,
      parameters: [parameter.text('documentUrl', 'Document URL', false), note('Internal note')],
      outcomes: { ok: { to: 'REQ_DOCUMENT_DELIVERED' } },
    },
    {
      code: 'markComplete',
      displayName: 'Mark complete',
      description: 'The patron has the copy; the request is done.',
      who: ['staff'],
      fromStates: ['REQ_DOCUMENT_DELIVERED'],
      parameters: [],
      outcomes: { ok: { to: 'REQ_REQUEST_COMPLETE' } },
    },
    ...borrowingStatusActions([...WITH_SUPPLIER, 'REQ_RETRY_POSSIBLE', 'REQ_CANCEL_PENDING'], codes(states)),
    ...commonActions('borrowing', states, 'REQ_CLOSED_MANUALLY'),
  ],
};
