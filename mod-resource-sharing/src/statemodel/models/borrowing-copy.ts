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

const states: StateDef[] = [
  ...borrowingPreparingStates,
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
    ...borrowingSourcingActions,
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
