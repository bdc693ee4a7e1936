// Flow 4: the borrower asks to renew a loan; the lender's staff say yes with a new due date
// (the borrower's due date moves) or no (the old due date stands).
import assert from 'node:assert/strict';
import { act, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { borrow, conversation, getRequest, staffActions } from './flow-support.ts';

describe('flow: renewing a loan', () => {
  let net: Network;
  let a: Library;
  let b: Library;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta', version: '2021' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
  });
  after(() => net.close());

  /** A loan that has reached the borrower's patron: borrower REQ_RECEIVED, lender RES_ITEM_SHIPPED. */
  async function onLoan(title: string): Promise<{ borrowing: Record<string, any>; lending: Record<string, any> }> {
    const borrowing = await borrow(a, { title });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await act(b, lending.id, 'printPullSlip');
    await act(b, lending.id, 'markShipped', { itemBarcode: 'R-1', dueDate: '2031-01-15T12:00:00Z' });
    await inState(a, borrowing.id, 'REQ_SHIPPED');
    await act(a, borrowing.id, 'markReceived');
    return { borrowing, lending };
  }

  it('accepted: the lender gives a new due date and the borrower’s due date moves', async () => {
    const { borrowing, lending } = await onLoan('Renewed');
    assert.equal((await getRequest(a, borrowing.id)).dueDate, '2031-01-15T12:00:00.000Z');
    const pending = await act(a, borrowing.id, 'renew', { note: 'Patron needs two more weeks' });
    assert.equal(pending.state, 'REQ_RENEW_PENDING');

    const asked = await inState(b, lending.id, 'RES_AWAIT_RENEW_RESPONSE');
    assert.equal(asked.needsAttention, true, 'the renewal waits in the lender’s queue');
    const offered = await staffActions(b, lending.id);
    assert.ok(offered.includes('respondToRenew'), offered.join(','));
    await act(b, lending.id, 'respondToRenew', { answer: 'yes', dueDate: '2031-02-15T12:00:00Z' });
    const lenderSide = await getRequest(b, lending.id);
    assert.equal(lenderSide.state, 'RES_ITEM_SHIPPED');
    assert.equal(Date.parse(lenderSide.dueDate), Date.parse('2031-02-15T12:00:00Z'));
    assert.equal(lenderSide.needsAttention, false);

    const renewed = await inState(a, borrowing.id, 'REQ_RECEIVED');
    assert.equal(renewed.dueDate, '2031-02-15T12:00:00.000Z');
    const answer = (await conversation(a, borrowing.id)).messages.find((m) => m.summary.startsWith('RenewResponse'));
    assert.ok(answer);
    assert.equal(answer.summary, 'RenewResponse: Loaned yes (due 2031-02-15)');

    // The renewed loan ends as usual.
    await act(a, borrowing.id, 'patronReturned');
    await act(a, borrowing.id, 'shipReturn');
    await inState(b, lending.id, 'RES_ITEM_RETURNED');
    await act(b, lending.id, 'markReturned');
    await inState(a, borrowing.id, 'REQ_REQUEST_COMPLETE');
  });

  it('a yes without a new due date is refused by the API', async () => {
    const { borrowing, lending } = await onLoan('Renewal without date');
    await act(a, borrowing.id, 'renew');
    await inState(b, lending.id, 'RES_AWAIT_RENEW_RESPONSE');
    const res = await b.api.post(`/resource-sharing/requests/${lending.id}/actions/respondToRenew`, { parameters: { answer: 'yes' } });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].parameters[0].key, 'dueDate');
    assert.equal((await getRequest(b, lending.id)).state, 'RES_AWAIT_RENEW_RESPONSE');
  });

  it('refused: the due date stays and the borrower can renew again later', async () => {
    const { borrowing, lending } = await onLoan('Renewal refused');
    await act(a, borrowing.id, 'renew');
    await inState(b, lending.id, 'RES_AWAIT_RENEW_RESPONSE');
    await act(b, lending.id, 'respondToRenew', { answer: 'no', note: 'Another reader is waiting' });
    assert.equal(Date.parse((await getRequest(b, lending.id)).dueDate), Date.parse('2031-01-15T12:00:00Z'));

    const back = await inState(a, borrowing.id, 'REQ_RECEIVED');
    assert.equal(back.dueDate, '2031-01-15T12:00:00.000Z', 'the due date did not move');
    const answer = (await conversation(a, borrowing.id)).messages.find((m) => m.summary.startsWith('RenewResponse'));
    assert.ok(answer);
    assert.match(answer.summary, /RenewResponse: Loaned no/);
    assert.equal(answer.note, 'Another reader is waiting');
    assert.ok((await staffActions(a, borrowing.id)).includes('renew'));
  });
});
