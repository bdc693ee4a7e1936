// Flow 5: the lender recalls a loan (the borrower is told Recalled with the date to return by),
// and a loan that goes past its due date becomes overdue on both sides through the overdue timer.
import assert from 'node:assert/strict';
import { act, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { borrow, conversation, getRequest, messageArrives, staffActions, tryAction } from './flow-support.ts';

describe('flow: recall and overdue', () => {
  let net: Network;
  let a: Library;
  let b: Library;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha', version: '2021' }, { name: 'Beta' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
  });
  after(() => net.close());

  async function onLoan(title: string, dueDate: string): Promise<{ borrowing: Record<string, any>; lending: Record<string, any> }> {
    const borrowing = await borrow(a, { title });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await act(b, lending.id, 'printPullSlip');
    await act(b, lending.id, 'markShipped', { itemBarcode: `OV-${title.length}`, dueDate });
    await inState(a, borrowing.id, 'REQ_SHIPPED');
    await act(a, borrowing.id, 'markReceived');
    return { borrowing, lending };
  }

  async function runOverdueTimer(lib: Library): Promise<{ done: number; ran: boolean }> {
    const res = await lib.api.post('/resource-sharing/timers/overdue');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  }

  it('recall: the borrower is told Recalled with the new due date, cannot renew, and sends the item back', async () => {
    const { borrowing, lending } = await onLoan('Recalled loan', '2031-06-30T12:00:00Z');
    assert.ok((await staffActions(b, lending.id)).includes('recall'));
    const recalled = await act(b, lending.id, 'recall', { dueDate: '2031-04-01T12:00:00Z', note: 'Needed for an exhibition' });
    assert.equal(recalled.state, 'RES_RECALLED');

    const atBorrower = await inState(a, borrowing.id, 'REQ_RECALLED');
    assert.equal(atBorrower.dueDate, '2031-04-01T12:00:00.000Z', 'the borrower’s due date is the recall date');
    assert.equal(atBorrower.needsAttention, true, 'a recall goes to the staff queue');
    const msg = (await conversation(a, borrowing.id)).messages.find((m) => m.summary.startsWith('StatusChange: Recalled'));
    assert.ok(msg, 'the recall is in the conversation');
    assert.equal(msg.note, 'Needed for an exhibition');

    const offered = await staffActions(a, borrowing.id);
    assert.ok(!offered.includes('renew'), 'a recalled item cannot be renewed');
    assert.equal((await tryAction(a, borrowing.id, 'renew')).status, 422);

    await act(a, borrowing.id, 'patronReturned');
    await act(a, borrowing.id, 'shipReturn');
    await inState(b, lending.id, 'RES_ITEM_RETURNED');
    await act(b, lending.id, 'markReturned');
    const done = await inState(a, borrowing.id, 'REQ_REQUEST_COMPLETE');
    assert.equal(done.needsAttention, false);
  });

  it('recall while a renewal is pending: the renewal gives way to the recall', async () => {
    const { borrowing, lending } = await onLoan('Recalled during renewal', '2031-06-30T12:00:00Z');
    await act(a, borrowing.id, 'renew');
    await inState(b, lending.id, 'RES_AWAIT_RENEW_RESPONSE');
    await act(b, lending.id, 'recall', { dueDate: '2031-03-01T00:00:00Z' });
    const atBorrower = await inState(a, borrowing.id, 'REQ_RECALLED');
    assert.equal(atBorrower.dueDate, '2031-03-01T00:00:00.000Z');
  });

  it('overdue: the lender’s timer finds the loan past its due date and the borrower is told Overdue', async () => {
    const { borrowing, lending } = await onLoan('Overdue loan', '2020-01-10T12:00:00Z');
    const other = await onLoan('Not yet due', '2031-01-10T12:00:00Z');

    const run = await runOverdueTimer(b);
    assert.equal(run.ran, true);
    assert.ok(run.done >= 1, JSON.stringify(run));
    const lender = await getRequest(b, lending.id);
    assert.equal(lender.state, 'RES_OVERDUE');
    assert.equal(lender.needsAttention, true);
    assert.equal((await getRequest(b, other.lending.id)).state, 'RES_ITEM_SHIPPED', 'a loan not yet due is left alone');

    const overdue = await inState(a, borrowing.id, 'REQ_OVERDUE');
    assert.equal(overdue.needsAttention, true);
    await messageArrives(a, borrowing.id, (m) => m.direction === 'in' && /^StatusChange: Overdue \(due \d{4}-\d{2}-\d{2}\)$/.test(m.summary), 'the Overdue message with its due date');
    assert.equal((await getRequest(a, other.borrowing.id)).state, 'REQ_RECEIVED');

    // A second run finds nothing new to do.
    const again = await runOverdueTimer(b);
    assert.equal((await getRequest(b, lending.id)).state, 'RES_OVERDUE');
    assert.ok(again.ran);

    // The overdue item comes back and the loan completes.
    await act(a, borrowing.id, 'patronReturned');
    await act(a, borrowing.id, 'shipReturn');
    await inState(b, lending.id, 'RES_ITEM_RETURNED');
    await act(b, lending.id, 'markReturned');
    await inState(a, borrowing.id, 'REQ_REQUEST_COMPLETE');
  });

  it('overdue: the borrower’s own timer marks a loan overdue before the lender says so, and renewal is still possible', async () => {
    const { borrowing, lending } = await onLoan('Overdue at the borrower', '2020-02-10T12:00:00Z');
    await runOverdueTimer(a);
    const overdue = await getRequest(a, borrowing.id);
    assert.equal(overdue.state, 'REQ_OVERDUE');
    assert.equal(overdue.needsAttention, true);
    assert.equal((await getRequest(b, lending.id)).state, 'RES_ITEM_SHIPPED', 'the borrower’s timer tells the lender nothing');

    await act(a, borrowing.id, 'renew');
    await inState(b, lending.id, 'RES_AWAIT_RENEW_RESPONSE');
    await act(b, lending.id, 'respondToRenew', { answer: 'yes', dueDate: '2031-09-01T12:00:00Z' });
    const renewed = await inState(a, borrowing.id, 'REQ_RECEIVED');
    assert.equal(renewed.dueDate, '2031-09-01T12:00:00.000Z');
  });
});
