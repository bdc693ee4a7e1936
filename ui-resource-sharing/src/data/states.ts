import type { RequestRole } from '../types/request';

// The states offered as filters, per side. Codes follow the state models (ReShare naming);
// labels live in translations under `state.<CODE>`. A code missing here still displays (as itself).
// Same codes as mod-resource-sharing/src/statemodel/models (lifecycle order).
export const STATES_BY_ROLE: Record<RequestRole, string[]> = {
  borrowing: [
    'REQ_IDLE', 'REQ_VALIDATED', 'REQ_INVALID_PATRON', 'REQ_SENT_TO_SUPPLIER', 'REQ_EXPECTS_TO_SUPPLY',
    'REQ_CONDITIONAL_ANSWER_RECEIVED', 'REQ_SHIPPED', 'REQ_DOCUMENT_DELIVERED', 'REQ_RECEIVED', 'REQ_RENEW_PENDING',
    'REQ_RECALLED', 'REQ_OVERDUE', 'REQ_AWAITING_RETURN_SHIPPING', 'REQ_SHIPPED_TO_SUPPLIER', 'REQ_RETRY_POSSIBLE',
    'REQ_END_OF_ROTA', 'REQ_UNFILLED', 'REQ_REREQUESTED', 'REQ_CANCEL_PENDING', 'REQ_CANCELLED', 'REQ_REQUEST_COMPLETE',
    'REQ_CLOSED_MANUALLY',
  ],
  lending: [
    'RES_IDLE', 'RES_PENDING_CONDITIONAL_ANSWER', 'RES_NEW_AWAIT_PULL_SLIP', 'RES_AWAIT_PICKING', 'RES_AWAIT_SHIP',
    'RES_ITEM_SHIPPED', 'RES_AWAIT_RENEW_RESPONSE', 'RES_RECALLED', 'RES_OVERDUE', 'RES_ITEM_RETURNED',
    'RES_CANCEL_REQUEST_RECEIVED', 'RES_UNFILLED', 'RES_CANCELLED', 'RES_COMPLETE', 'RES_CLOSED_MANUALLY',
  ],
};
