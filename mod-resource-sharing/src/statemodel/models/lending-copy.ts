// Supplying a copy (document delivery) to another library: answer, make the copy, deliver it as a
// link. Nothing comes back, so the request ends when the copy is delivered.

import type { StateDef, StateModel } from '../types.ts';
import { codes, commonActions, note, parameter } from './common.ts';
import {
  lendingCancelRequestState,
  lendingOpeningActions,
  lendingOpeningStates,
  lendingStatusRequestAction,
  lendingTerminalStates,
} from './lending-common.ts';

const states: StateDef[] = [
  ...lendingOpeningStates('Copying', 'The pull slip is printed; staff fetch the item, scan the pages and deliver the copy.'),
  lendingCancelRequestState,
  ...lendingTerminalStates('Copy delivered', 'CopyCompleted', 'The copy was delivered; the borrower was told CopyCompleted with the link.'),
];

const PRE_DELIVERY = ['RES_NEW_AWAIT_PULL_SLIP', 'RES_AWAIT_PICKING'];

export const lendingCopy: StateModel = {
  id: 'lending-copy',
  version: '1.0.0',
  displayName: 'Lending: copy',
  description:
    'Another library asks us for a copy (article, chapter): answer the request, make the copy and deliver it as a link. Nothing is returned.',
  role: 'lending',
  serviceType: 'copy',
  initialState: 'RES_IDLE',
  states,
  actions: [
    ...lendingOpeningActions(PRE_DELIVERY),
    {
      code: 'deliverCopy',
      displayName: 'Deliver copy',
      description: 'The copy is ready: the borrower is told CopyCompleted with the link to the document.',
      who: ['staff'],
      fromStates: PRE_DELIVERY,
      parameters: [parameter.text('documentUrl', 'Document URL', true, 'Where the borrower can fetch the copy'), note()],
      outcomes: { ok: { to: 'RES_COMPLETE' } },
      sends: {
        kind: 'supplyingAgencyMessage',
        reasonForMessage: 'StatusChange',
        fields: { 'deliveryInfo.url': 'documentUrl', 'messageInfo.note': 'note' },
        values: { 'deliveryInfo.sentVia': 'URL' },
      },
    },
    lendingStatusRequestAction(codes(states)),
    ...commonActions('lending', states, 'RES_CLOSED_MANUALLY'),
  ],
};
