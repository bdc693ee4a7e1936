// Flow 3: the borrower cancels. Before the item is shipped the lender's staff agree and both
// sides end cancelled; once it has been shipped the lender answers No and the loan goes on.
import assert from 'node:assert/strict';
import { act, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { agency, borrow, conversation, getRequest, messageArrives, postIso, staffActions, tryAction } from './flow-support.ts';

describe('flow: cancelling a request', () => {
  let net: Network;
  let a: Library;
  let b: Library;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha', version: '2021' }, { name: 'Beta' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
  });
  after(() => net.close());

  it('before shipping: the lender accepts the cancel and both sides end cancelled', async () => {
    const borrowing = await borrow(a, { title: 'Cancelled before shipping' });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    await act(b, lending.id, 'printPullSlip');

    assert.ok((await staffActions(a, borrowing.id)).includes('cancelWithSupplier'));
    const pending = await act(a, borrowing.id, 'cancelWithSupplier', { reason: 'Patron found a copy' });
    assert.equal(pending.state, 'REQ_CANCEL_PENDING');

    // The lender's staff see the request, with the borrower's reason, waiting for their answer.
    const asked = await inState(b, lending.id, 'RES_CANCEL_REQUEST_RECEIVED');
    assert.equal(asked.needsAttention, true);
    const cancelMsg = await messageArrives(b, lending.id, (m) => m.direction === 'in' && m.summary === 'Cancel', 'the Cancel message');
    assert.equal(cancelMsg.note, 'Patron found a copy');
    await act(b, lending.id, 'respondToCancel', { answer: 'yes', note: 'Fine, stopped' });
    assert.equal((await getRequest(b, lending.id)).state, 'RES_CANCELLED');

    const cancelled = await inState(a, borrowing.id, 'REQ_CANCELLED');
    assert.equal(cancelled.needsAttention, false);
    const answer = (await conversation(a, borrowing.id)).messages.find((m) => m.direction === 'in' && m.summary.startsWith('CancelResponse'));
    assert.ok(answer, 'the CancelResponse is in the borrower’s conversation');
    assert.match(answer.summary, /yes/);
    // Nothing is left to do on either side but talk to the partner.
    assert.ok(!(await staffActions(a, borrowing.id)).includes('cancelWithSupplier'));
    assert.deepEqual((await staffActions(b, lending.id)).sort(), ['markMessagesRead', 'retryDelivery', 'sendMessage']);
  });

  it('before the lender has answered: the cancel is accepted at once', async () => {
    const borrowing = await borrow(a, { title: 'Cancelled straight away' });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(a, borrowing.id, 'cancelWithSupplier', { reason: 'Ordered by mistake' });
    await inState(b, lending.id, 'RES_CANCELLED');
    await inState(a, borrowing.id, 'REQ_CANCELLED');
  });

  it('before shipping: the lender may refuse, and the borrower goes back to waiting for the item', async () => {
    const borrowing = await borrow(a, { title: 'Cancel refused before shipping' });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    await act(b, lending.id, 'printPullSlip');
    await act(a, borrowing.id, 'cancelWithSupplier');
    await inState(b, lending.id, 'RES_CANCEL_REQUEST_RECEIVED');
    const refused = await act(b, lending.id, 'respondToCancel', { answer: 'no', note: 'Already packed' });
    assert.equal(refused.state, 'RES_AWAIT_PICKING', 'the lender goes on from where it was');
    await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    await act(b, lending.id, 'markShipped', { itemBarcode: 'B-77' });
    await inState(a, borrowing.id, 'REQ_SHIPPED');
  });

  it('after shipping: the lender answers No by itself and the loan continues to completion', async () => {
    const borrowing = await borrow(a, { title: 'Cancelled too late' });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await act(b, lending.id, 'printPullSlip');
    await act(b, lending.id, 'markShipped', { itemBarcode: 'B-78', dueDate: '2031-05-01T00:00:00Z' });
    await inState(a, borrowing.id, 'REQ_SHIPPED');

    // The borrowing model offers no cancel once the item is on its way...
    const offered = await staffActions(a, borrowing.id);
    assert.ok(!offered.includes('cancelWithSupplier') && !offered.includes('cancel'), offered.join(','));
    const refused = await tryAction(a, borrowing.id, 'cancelWithSupplier');
    assert.equal(refused.status, 422);
    assert.match(JSON.stringify(refused.body), /REQ_SENT_TO_SUPPLIER/);

    // ...and a Cancel that reaches the lender anyway (another system, a race) is answered No.
    await sendCancelAsBorrower(a, b, borrowing.hrid);
    const no = await messageArrives(
      b,
      lending.id,
      (m) => m.direction === 'out' && m.summary.startsWith('CancelResponse'),
      'the lender’s CancelResponse',
    );
    assert.match(no.summary, /CancelResponse: Loaned no/);
    assert.equal((await getRequest(b, lending.id)).state, 'RES_ITEM_SHIPPED', 'the loan continues');
    await messageArrives(a, borrowing.id, (m) => m.direction === 'in' && m.summary.startsWith('CancelResponse'), 'the No at the borrower');
    assert.equal((await getRequest(a, borrowing.id)).state, 'REQ_SHIPPED');

    await act(a, borrowing.id, 'markReceived');
    await act(a, borrowing.id, 'patronReturned');
    await act(a, borrowing.id, 'shipReturn');
    await inState(b, lending.id, 'RES_ITEM_RETURNED');
    await act(b, lending.id, 'markReturned');
    await inState(a, borrowing.id, 'REQ_REQUEST_COMPLETE');
  });
});

/** A Cancel from the borrower's symbol, built and posted the way a partner's system would. */
async function sendCancelAsBorrower(a: Library, b: Library, hrid: string): Promise<void> {
  const res = await postIso(b, {
    kind: 'requestingAgencyMessage',
    header: {
      supplyingAgencyId: agency(b.symbol),
      requestingAgencyId: agency(a.symbol),
      timestamp: new Date(),
      requestingAgencyRequestId: hrid,
    },
    action: 'Cancel',
    note: 'Patron no longer needs it',
  });
  assert.equal(res.status, 200);
  assert.match(res.xml, /<ill:messageStatus>OK<\/ill:messageStatus>/);
}
