import type { RequestRole } from '../types/request.ts';

// The states offered as filters, per side. Codes follow the state models (ReShare naming);
// labels live in translations under `state.<CODE>`. A code missing here still displays (as itself).
// TODO when the backend publishes its state models: read this list from it.
export const STATES_BY_ROLE: Record<RequestRole, string[]> = {
  borrowing: [
    'REQ_IDLE', 'REQ_VALIDATED', 'REQ_INVALID_PATRON', 'REQ_REQUEST_SENT_TO_SUPPLIER', 'REQ_EXPECTS_TO_SUPPLY',
    'REQ_CONDITIONAL_ANSWER_RECEIVED', 'REQ_SHIPPED', 'REQ_CHECKED_IN', 'REQ_AWAITING_RETURN_SHIPPING',
    'REQ_SHIPPED_TO_SUPPLIER', 'REQ_OVERDUE', 'REQ_END_OF_ROTA', 'REQ_CANCEL_PENDING', 'REQ_REQUEST_COMPLETE',
    'REQ_CANCELLED', 'REQ_UNFILLED',
  ],
  lending: [
    'RES_IDLE', 'RES_NEW_AWAIT_PULL_SLIP', 'RES_AWAIT_PICKING', 'RES_AWAIT_SHIP', 'RES_PENDING_CONDITIONAL_ANSWER',
    'RES_ITEM_SHIPPED', 'RES_OVERDUE', 'RES_ITEM_RETURNED', 'RES_CANCEL_REQUEST_RECEIVED', 'RES_COMPLETE',
    'RES_UNFILLED', 'RES_CANCELLED',
  ],
};
