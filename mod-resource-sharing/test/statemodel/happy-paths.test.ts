// Both sides of a loan and of a copy, walked through applyAction. The messages one side's actions
// emit are handed to the other side through findProtocolAction, as the ISO 18626 layer will do.

import assert from 'node:assert/strict';
import {
  applyAction,
  findProtocolAction,
  getModel,
  type Actor,
  type IncomingMessage,
  type OutgoingMessage,
  type StateModel,
} from '../../src/statemodel/index.ts';

class Side {
  state: string;
  readonly history: string[] = [];
  readonly outbox: OutgoingMessage[] = [];
  private samSent = false;

  constructor(readonly model: StateModel) {
    this.state = model.initialState;
    this.history.push(this.state);
  }

  act(action: string, who: Actor, params: Record<string, unknown> = {}, outcome?: string): void {
    const r = applyAction(this.model, this.state, action, who, params, outcome);
    assert.ok(r.ok, `${this.model.id} ${action} in ${this.state}: ${r.ok ? '' : r.message}`);
    for (const e of r.effects) {
      if (e.type !== 'sendMessage') continue;
      // the ISO rule the sender applies when the model leaves the reason open
      const message = { ...e.message };
      if (message.kind === 'supplyingAgencyMessage' && !message.reasonForMessage) {
        message.reasonForMessage = this.samSent ? 'StatusChange' : 'RequestResponse';
      }
      if (message.kind === 'supplyingAgencyMessage') this.samSent = true;
      this.outbox.push(message);
    }
    if (r.to !== this.state) this.history.push(r.to);
    this.state = r.to;
  }

  /** Delivers the partner's last message to this side; returns the protocol action it triggered. */
  receive(from: Side, params: Record<string, unknown> = {}): string {
    const msg = from.outbox.shift();
    assert.ok(msg, `${from.model.id} has a message to deliver`);
    const incoming: IncomingMessage = { kind: msg.kind };
    if (msg.action) incoming.action = msg.action;
    if (msg.reasonForMessage) incoming.reasonForMessage = msg.reasonForMessage;
    if (msg.status) incoming.status = msg.status;
    if (msg.intent) incoming.intent = msg.intent;
    incoming.hasLoanCondition = msg.fields['deliveryInfo.loanCondition'] !== undefined;
    const action = findProtocolAction(this.model, this.state, incoming);
    assert.ok(action, `${this.model.id} in ${this.state} has an action for ${JSON.stringify(incoming)}`);
    this.act(action.code, 'protocol', params);
    return action.code;
  }
}

describe('happy path: a loan, both sides', () => {
  it('goes from request to loan completed', () => {
    const borrower = new Side(getModel('borrowing-returnable'));
    borrower.act('validate', 'system');
    borrower.act('sendToNextSupplier', 'system', { supplierSymbol: 'ISIL:DK-820010' });
    assert.deepEqual(borrower.outbox[0], { kind: 'request', requestType: 'New', fields: { 'header.supplyingAgencyId': 'ISIL:DK-820010' } });

    // the request arrives: the lender's request starts in its initial state
    borrower.outbox.shift();
    const lender = new Side(getModel('lending-returnable'));
    assert.equal(lender.state, 'RES_IDLE');

    lender.act('willSupply', 'staff');
    assert.deepEqual(lender.outbox[0], { kind: 'supplyingAgencyMessage', reasonForMessage: 'RequestResponse', status: 'WillSupply', fields: {} });
    assert.equal(borrower.receive(lender), 'supplierWillSupply');

    lender.act('printPullSlip', 'staff');
    lender.act('checkOutToBorrower', 'staff', { itemBarcode: '31234000567' });
    lender.act('markShipped', 'staff', { itemBarcode: '31234000567', dueDate: '2025-04-01T23:59:59Z' });
    assert.deepEqual(lender.outbox[0], {
      kind: 'supplyingAgencyMessage',
      reasonForMessage: 'StatusChange',
      status: 'Loaned',
      fields: { 'deliveryInfo.itemId': '31234000567', 'statusInfo.dueDate': '2025-04-01T23:59:59Z' },
    });
    assert.equal(borrower.receive(lender, { dueDate: '2025-04-01T23:59:59Z', itemId: '31234000567' }), 'supplierLoaned');

    borrower.act('markReceived', 'staff');
    assert.equal(lender.receive(borrower), 'borrowerReceived');
    borrower.act('patronReturned', 'staff');
    borrower.act('shipReturn', 'staff');
    assert.equal(lender.receive(borrower), 'borrowerShippedReturn');
    lender.act('markReturned', 'staff');
    assert.equal(lender.outbox[0].status, 'LoanCompleted');
    assert.equal(borrower.receive(lender), 'supplierLoanCompleted');

    assert.deepEqual(borrower.history, [
      'REQ_IDLE',
      'REQ_VALIDATED',
      'REQ_SENT_TO_SUPPLIER',
      'REQ_EXPECTS_TO_SUPPLY',
      'REQ_SHIPPED',
      'REQ_RECEIVED',
      'REQ_AWAITING_RETURN_SHIPPING',
      'REQ_SHIPPED_TO_SUPPLIER',
      'REQ_REQUEST_COMPLETE',
    ]);
    assert.deepEqual(lender.history, [
      'RES_IDLE',
      'RES_NEW_AWAIT_PULL_SLIP',
      'RES_AWAIT_PICKING',
      'RES_AWAIT_SHIP',
      'RES_ITEM_SHIPPED',
      'RES_ITEM_RETURNED',
      'RES_COMPLETE',
    ]);
    assert.deepEqual([borrower.outbox, lender.outbox], [[], []]);
  });

  it('with conditions, a renewal and an unfilled first supplier', () => {
    const borrower = new Side(getModel('borrowing-returnable'));
    borrower.act('validate', 'system');
    borrower.act('sendToNextSupplier', 'system', { supplierSymbol: 'ISIL:A' });
    borrower.outbox.shift();
    const first = new Side(getModel('lending-returnable'));
    first.act('cannotSupply', 'staff', { reason: 'NotOnShelf' });
    assert.equal(borrower.receive(first, { reasonUnfilled: 'NotOnShelf' }), 'supplierUnfilled');
    borrower.act('sendToNextSupplier', 'system', { supplierSymbol: 'ISIL:B' });
    borrower.outbox.shift();

    const second = new Side(getModel('lending-returnable'));
    second.act('conditionalSupply', 'staff', { loanCondition: 'LibraryUseOnly' });
    assert.equal(borrower.receive(second, { loanCondition: 'LibraryUseOnly' }), 'supplierConditional');
    borrower.act('agreeConditions', 'staff');
    assert.equal(second.receive(borrower), 'markConditionsAgreed');
    second.act('printPullSlip', 'system');
    second.act('markShipped', 'staff', { itemBarcode: '9' });
    assert.equal(borrower.receive(second), 'supplierLoaned');
    borrower.act('markReceived', 'staff');
    second.receive(borrower);

    borrower.act('renew', 'staff');
    assert.equal(second.receive(borrower), 'renewRequested');
    second.act('respondToRenew', 'staff', { answer: 'yes', dueDate: '2025-05-01T23:59:59Z' });
    assert.equal(borrower.receive(second, { answerYesNo: 'Y', dueDate: '2025-05-01T23:59:59Z' }), 'supplierRenewResponse');
    assert.equal(borrower.state, 'REQ_RECEIVED');
    assert.equal(second.state, 'RES_ITEM_SHIPPED');

    assert.equal(first.state, 'RES_UNFILLED');
    assert.ok(borrower.history.includes('REQ_CONDITIONAL_ANSWER_RECEIVED'));
  });
});

describe('happy path: a copy, both sides', () => {
  it('goes from request to document delivered and complete', () => {
    const borrower = new Side(getModel('borrowing-copy'));
    borrower.act('validate', 'system');
    borrower.act('sendToNextSupplier', 'system', { supplierSymbol: 'ISIL:DK-820010' });
    borrower.outbox.shift();
    const lender = new Side(getModel('lending-copy'));

    lender.act('willSupply', 'system');
    assert.equal(borrower.receive(lender), 'supplierWillSupply');
    lender.act('printPullSlip', 'staff');
    lender.act('deliverCopy', 'staff', { documentUrl: 'https://lib.example/docs/abc.pdf' });
    assert.deepEqual(lender.outbox[0], {
      kind: 'supplyingAgencyMessage',
      reasonForMessage: 'StatusChange',
      status: 'CopyCompleted',
      fields: { 'deliveryInfo.url': 'https://lib.example/docs/abc.pdf', 'deliveryInfo.sentVia': 'URL' },
    });
    assert.equal(borrower.receive(lender, { documentUrl: 'https://lib.example/docs/abc.pdf' }), 'supplierCopyCompleted');
    borrower.act('markComplete', 'staff');

    assert.deepEqual(borrower.history, [
      'REQ_IDLE',
      'REQ_VALIDATED',
      'REQ_SENT_TO_SUPPLIER',
      'REQ_EXPECTS_TO_SUPPLY',
      'REQ_DOCUMENT_DELIVERED',
      'REQ_REQUEST_COMPLETE',
    ]);
    assert.deepEqual(lender.history, ['RES_IDLE', 'RES_NEW_AWAIT_PULL_SLIP', 'RES_AWAIT_PICKING', 'RES_COMPLETE']);
  });

  it('a cancelled copy request, answered yes by the lender', () => {
    const borrower = new Side(getModel('borrowing-copy'));
    borrower.act('validate', 'system');
    borrower.act('sendToNextSupplier', 'system', { supplierSymbol: 'ISIL:X' });
    borrower.outbox.shift();
    const lender = new Side(getModel('lending-copy'));
    lender.act('willSupply', 'staff');
    borrower.receive(lender);
    borrower.act('cancelWithSupplier', 'staff', { reason: 'patron found it' });
    assert.equal(lender.receive(borrower), 'cancelRequestReceived');
    lender.act('respondToCancel', 'staff', { answer: 'yes' });
    assert.equal(borrower.receive(lender, { answerYesNo: 'Y' }), 'supplierCancelResponse');
    assert.equal(borrower.state, 'REQ_CANCELLED');
    assert.equal(lender.state, 'RES_CANCELLED');
  });
});
