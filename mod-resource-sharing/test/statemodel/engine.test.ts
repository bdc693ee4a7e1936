import assert from 'node:assert/strict';
import {
  applyAction,
  availableActions,
  findProtocolAction,
  getModel,
  type ApplyResult,
  type ApplySuccess,
  type OutgoingMessage,
} from '../../src/statemodel/index.ts';

const borrowing = getModel('borrowing-returnable');
const lending = getModel('lending-returnable');

function ok(result: ApplyResult): ApplySuccess {
  assert.ok(result.ok, `expected success, got ${result.ok ? '' : `${result.code}: ${result.message}`}`);
  return result;
}

function sent(result: ApplySuccess): OutgoingMessage {
  const effect = result.effects.find((e) => e.type === 'sendMessage');
  assert.ok(effect && effect.type === 'sendMessage', `${result.action.code} sends a message`);
  return effect.message;
}

describe('engine: refusals', () => {
  it('names the states that allow an action tried in the wrong state', () => {
    const r = applyAction(lending, 'RES_IDLE', 'markShipped', 'staff', { itemBarcode: '4711' });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.code, 'notAllowedInState');
    assert.deepEqual(r.allowedInStates, ['RES_AWAIT_PICKING', 'RES_AWAIT_SHIP']);
    assert.match(r.message, /RES_AWAIT_PICKING, RES_AWAIT_SHIP/);
  });

  it('refuses a missing required parameter and names it', () => {
    const r = applyAction(lending, 'RES_AWAIT_SHIP', 'markShipped', 'staff', { note: 'in the red box' });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.code, 'invalidParameters');
    assert.deepEqual(r.parameterErrors?.map((e) => e.parameter), ['itemBarcode']);
    assert.match(r.parameterErrors?.[0].message ?? '', /required/);
  });

  it('refuses staff triggering a protocol-only action', () => {
    const r = applyAction(borrowing, 'REQ_EXPECTS_TO_SUPPLY', 'supplierLoaned', 'staff', {});
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.code, 'notAllowedForActor');
    assert.match(r.message, /protocol/);
  });

  it('refuses unknown actions and states', () => {
    const a = applyAction(borrowing, 'REQ_IDLE', 'teleport', 'staff', {});
    assert.equal(a.ok || a.code, 'unknownAction');
    const s = applyAction(borrowing, 'REQ_LIMBO', 'cancel', 'staff', {});
    assert.equal(s.ok || s.code, 'unknownState');
  });

  it('checks parameter types: enum, date-time, number, unknown names', () => {
    const r = applyAction(lending, 'RES_IDLE', 'cannotSupply', 'staff', { reason: 'BecauseISaySo', colour: 'red' });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.parameterErrors?.map((e) => e.parameter).sort(), ['colour', 'reason']);

    const badDate = applyAction(lending, 'RES_AWAIT_SHIP', 'markShipped', 'staff', { itemBarcode: '1', dueDate: '2025-02-30T10:00:00Z' });
    assert.equal(badDate.ok || badDate.code, 'invalidParameters');
    const noZone = applyAction(lending, 'RES_AWAIT_SHIP', 'markShipped', 'staff', { itemBarcode: '1', dueDate: '2025-03-01T10:00:00' });
    assert.equal(noZone.ok || noZone.code, 'invalidParameters');
    ok(applyAction(lending, 'RES_AWAIT_SHIP', 'markShipped', 'staff', { itemBarcode: '1', dueDate: '2025-03-01T10:00:00+0000' }));

    const cost = applyAction(lending, 'RES_IDLE', 'conditionalSupply', 'staff', { cost: '12.50' });
    assert.equal(cost.ok || cost.code, 'invalidParameters');
    ok(applyAction(lending, 'RES_IDLE', 'conditionalSupply', 'staff', { cost: 12.5, currency: 'EUR', loanCondition: 'LibraryUseOnly' }));
  });

  it('requires a parameter only for the outcome that needs it', () => {
    const yesNoDate = applyAction(lending, 'RES_AWAIT_RENEW_RESPONSE', 'respondToRenew', 'staff', { answer: 'yes' });
    assert.equal(yesNoDate.ok, false);
    if (!yesNoDate.ok) assert.deepEqual(yesNoDate.parameterErrors?.map((e) => e.parameter), ['dueDate']);
    const no = ok(applyAction(lending, 'RES_AWAIT_RENEW_RESPONSE', 'respondToRenew', 'staff', { answer: 'no' }));
    assert.equal(no.outcome, 'no');
    assert.equal(sent(no).answerYesNo, 'N');
  });

  it('refuses an outcome the action does not have', () => {
    const r = applyAction(borrowing, 'REQ_IDLE', 'validate', 'system', {}, 'maybe');
    assert.equal(r.ok || r.code, 'unknownOutcome');
  });
});

describe('engine: outcomes and effects', () => {
  it('uses the observed outcome', () => {
    const r = ok(applyAction(borrowing, 'REQ_IDLE', 'validate', 'system', { problem: 'blocked' }, 'invalidPatron'));
    assert.equal(r.to, 'REQ_INVALID_PATRON');
    assert.equal(ok(applyAction(borrowing, 'REQ_IDLE', 'validate', 'system', {})).to, 'REQ_VALIDATED');
  });

  it('fills the message from parameters, and the status from the state it leads to', () => {
    const r = ok(applyAction(lending, 'RES_IDLE', 'cannotSupply', 'staff', { reason: 'NotOnShelf', note: 'missing' }));
    assert.equal(r.to, 'RES_UNFILLED');
    assert.deepEqual(sent(r), {
      kind: 'supplyingAgencyMessage',
      status: 'Unfilled',
      fields: { 'messageInfo.reasonUnfilled': 'NotOnShelf', 'messageInfo.note': 'missing' },
    });
  });

  it('stateless actions keep the state and report their effect', () => {
    const msg = ok(applyAction(lending, 'RES_ITEM_SHIPPED', 'sendMessage', 'staff', { note: 'Please return soon' }));
    assert.equal(msg.to, 'RES_ITEM_SHIPPED');
    assert.deepEqual(sent(msg), {
      kind: 'supplyingAgencyMessage',
      reasonForMessage: 'Notification',
      status: 'Loaned',
      fields: { 'messageInfo.note': 'Please return soon' },
    });
    const read = ok(applyAction(borrowing, 'REQ_RECEIVED', 'markMessagesRead', 'staff', {}));
    assert.deepEqual(read.effects, [{ type: 'clearAttention', reason: 'unreadMessage' }]);
    const failed = ok(applyAction(borrowing, 'REQ_REQUEST_COMPLETE', 'deliveryFailed', 'system', { error: 'HTTP 500' }));
    assert.equal(failed.to, 'REQ_REQUEST_COMPLETE');
    assert.deepEqual(failed.effects, [{ type: 'raiseAttention', reason: 'deliveryFailed' }]);
  });

  it('answering "no" to a cancel goes back to where the request was', () => {
    const back = ok(applyAction(lending, 'RES_CANCEL_REQUEST_RECEIVED', 'respondToCancel', 'staff', { answer: 'no' }, undefined, { previousState: 'RES_AWAIT_SHIP' }));
    assert.equal(back.to, 'RES_AWAIT_SHIP');
    assert.deepEqual(sent(back), { kind: 'supplyingAgencyMessage', reasonForMessage: 'CancelResponse', status: 'WillSupply', answerYesNo: 'N', fields: {} });
    const fallback = ok(applyAction(lending, 'RES_CANCEL_REQUEST_RECEIVED', 'respondToCancel', 'staff', { answer: 'no' }));
    assert.equal(fallback.to, 'RES_NEW_AWAIT_PULL_SLIP');
    const wrong = applyAction(lending, 'RES_CANCEL_REQUEST_RECEIVED', 'respondToCancel', 'staff', { answer: 'no' }, undefined, { previousState: 'RES_ITEM_SHIPPED' });
    assert.equal(wrong.ok || wrong.code, 'invalidParameters');
    const yes = ok(applyAction(lending, 'RES_CANCEL_REQUEST_RECEIVED', 'respondToCancel', 'staff', {}, 'yes'));
    assert.equal(yes.to, 'RES_CANCELLED');
    assert.equal(sent(yes).answerYesNo, 'Y');
    assert.equal(sent(yes).status, 'Cancelled');
  });

  it('re-request supersedes the request', () => {
    const r = ok(applyAction(borrowing, 'REQ_END_OF_ROTA', 'rerequest', 'staff', {}));
    assert.equal(r.to, 'REQ_REREQUESTED');
    assert.deepEqual(r.effects, [{ type: 'createSuccessorRequest' }]);
  });
});

describe('engine: available actions', () => {
  it('lists what staff can do in a state', () => {
    const codes = availableActions(borrowing, 'REQ_CONDITIONAL_ANSWER_RECEIVED', 'staff').map((a) => a.code);
    assert.deepEqual(codes, ['cancelWithSupplier', 'agreeConditions', 'rejectConditions', 'skipSupplier', 'requestStatus', 'sendMessage', 'markMessagesRead', 'retryDelivery', 'closeManually']);
  });

  it('offers staff only stateless actions in a terminal state', () => {
    const actions = availableActions(lending, 'RES_COMPLETE', 'staff');
    // the conversation stays open after the end (a thank-you, a question about the return)
    assert.deepEqual(actions.map((a) => a.code).sort(), ['markMessagesRead', 'retryDelivery', 'sendMessage']);
  });

  it('keeps protocol actions off the staff list', () => {
    assert.ok(!availableActions(lending, 'RES_ITEM_SHIPPED', 'staff').some((a) => a.who.length === 1 && a.who[0] === 'protocol'));
  });
});

describe('engine: incoming messages', () => {
  it('finds the action for a supplier status', () => {
    const loaned = findProtocolAction(borrowing, 'REQ_EXPECTS_TO_SUPPLY', { kind: 'supplyingAgencyMessage', reasonForMessage: 'StatusChange', status: 'Loaned' });
    assert.equal(loaned?.code, 'supplierLoaned');
  });

  it('tells conditional answers from plain ones', () => {
    const msg = { kind: 'supplyingAgencyMessage' as const, reasonForMessage: 'RequestResponse' as const, status: 'WillSupply' as const };
    assert.equal(findProtocolAction(borrowing, 'REQ_SENT_TO_SUPPLIER', msg)?.code, 'supplierWillSupply');
    assert.equal(findProtocolAction(borrowing, 'REQ_SENT_TO_SUPPLIER', { ...msg, hasLoanCondition: true })?.code, 'supplierConditional');
  });

  it('chooses by state: a Cancel before the promise is accepted, after shipping refused', () => {
    const cancel = { kind: 'requestingAgencyMessage' as const, action: 'Cancel' as const };
    assert.equal(findProtocolAction(lending, 'RES_IDLE', cancel)?.code, 'cancelAccepted');
    assert.equal(findProtocolAction(lending, 'RES_AWAIT_PICKING', cancel)?.code, 'cancelRequestReceived');
    const late = findProtocolAction(lending, 'RES_ITEM_SHIPPED', cancel);
    assert.equal(late?.code, 'cancelAfterShipping');
    const r = ok(applyAction(lending, 'RES_ITEM_SHIPPED', 'cancelAfterShipping', 'protocol', {}));
    assert.equal(r.to, 'RES_ITEM_SHIPPED');
    assert.deepEqual(sent(r), { kind: 'supplyingAgencyMessage', reasonForMessage: 'CancelResponse', status: 'Loaned', answerYesNo: 'N', fields: {} });
  });

  it('prefers the specific meaning of a Notification over a plain message', () => {
    const note = { kind: 'requestingAgencyMessage' as const, action: 'Notification' as const };
    assert.equal(findProtocolAction(lending, 'RES_PENDING_CONDITIONAL_ANSWER', note)?.code, 'messageReceived');
    assert.equal(findProtocolAction(lending, 'RES_PENDING_CONDITIONAL_ANSWER', { ...note, intent: 'conditionsAgreed' })?.code, 'markConditionsAgreed');
  });

  it('returns nothing for a message the state does not expect', () => {
    assert.equal(findProtocolAction(borrowing, 'REQ_IDLE', { kind: 'supplyingAgencyMessage', reasonForMessage: 'StatusChange', status: 'Loaned' }), undefined);
  });
});
