// Flow 6: the lender will supply only on conditions (a loan condition and costs). The borrower's
// staff agree (the loan goes ahead) or reject them (the request moves on to the next supplier).
import assert from 'node:assert/strict';
import { act, eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { borrow, conversation, getRequest, librarySymbol, settledOutbox, staffActions } from './flow-support.ts';

describe('flow: conditional supply with a loan condition and costs', () => {
  let net: Network;
  let a: Library;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta', version: '2021' }, { name: 'Gamma' }]);
    a = net.libraries.Alpha;
  });
  after(() => net.close());

  it('agreed: the lender hears the agreement, then ships; the borrower sees the conditions throughout', async () => {
    const borrowing = await borrow(a, { title: 'Rare atlas' });
    const lender = librarySymbol(net, borrowing.supplierSymbol);
    const lending = await lendingRequestFor(lender, borrowing.hrid);
    const offered = await act(lender, lending.id, 'conditionalSupply', {
      loanCondition: 'LibraryUseOnly',
      cost: 12.5,
      currency: 'EUR',
      note: 'Reading room only',
    });
    assert.equal(offered.state, 'RES_PENDING_CONDITIONAL_ANSWER');

    const received = await inState(a, borrowing.id, 'REQ_CONDITIONAL_ANSWER_RECEIVED');
    assert.equal(received.needsAttention, true, 'conditions wait in the borrower’s queue');
    assert.deepEqual(received.conditions, { loanCondition: 'LibraryUseOnly', cost: 12.5, currency: 'EUR', note: 'Reading room only' });
    const choices = await staffActions(a, borrowing.id);
    assert.ok(choices.includes('agreeConditions') && choices.includes('rejectConditions'), choices.join(','));

    const agreed = await act(a, borrowing.id, 'agreeConditions', { note: 'Patron accepts' });
    assert.equal(agreed.state, 'REQ_EXPECTS_TO_SUPPLY');
    assert.equal(agreed.needsAttention, false);
    const atLender = await inState(lender, lending.id, 'RES_NEW_AWAIT_PULL_SLIP');
    assert.equal(atLender.needsAttention, false);
    const agreement = (await conversation(lender, lending.id)).messages.find((m) => m.direction === 'in' && m.summary === 'Notification');
    assert.ok(agreement, 'the agreement reached the lender');
    assert.equal(agreement.note?.includes('Patron accepts'), true);

    await act(lender, lending.id, 'printPullSlip');
    await act(lender, lending.id, 'markShipped', { itemBarcode: 'ATLAS-1', dueDate: '2031-04-01T00:00:00Z' });
    const shipped = await inState(a, borrowing.id, 'REQ_SHIPPED');
    assert.equal(shipped.conditions.loanCondition, 'LibraryUseOnly', 'the condition stays on the loan');
    assert.equal(shipped.conditions.cost, 12.5);
    assert.equal(shipped.itemBarcode, 'ATLAS-1');
  });

  it('rejected: the lender’s offer is withdrawn and the next supplier in the rota gets the request', async () => {
    const borrowing = await borrow(a, { title: 'Too expensive' });
    const first = librarySymbol(net, borrowing.rota[0].symbol);
    const second = librarySymbol(net, borrowing.rota[1].symbol);
    const firstLending = await lendingRequestFor(first, borrowing.hrid);
    await act(first, firstLending.id, 'conditionalSupply', { cost: 80, currency: 'EUR' });
    const received = await inState(a, borrowing.id, 'REQ_CONDITIONAL_ANSWER_RECEIVED');
    assert.deepEqual(received.conditions, { cost: 80, currency: 'EUR' });

    await act(a, borrowing.id, 'rejectConditions', { note: 'Over our limit' });
    const moved = await eventually(async () => {
      const r = await getRequest(a, borrowing.id);
      return r.state === 'REQ_SENT_TO_SUPPLIER' && r.supplierSymbol === second.symbol ? r : undefined;
    }, 'the request to go to the second supplier');
    assert.equal(moved.conditions, undefined, 'the first supplier’s conditions do not carry over');
    assert.equal(moved.rota[0].outcome, 'unfilled');
    assert.equal(moved.rota[1].outcome, 'sent');

    // The first lender's offer ends cancelled, and its answer to the borrower is accepted.
    const withdrawn = await inState(first, firstLending.id, 'RES_CANCELLED');
    const sent = await settledOutbox(first, firstLending.id);
    assert.deepEqual(
      sent.map((m) => m.status),
      sent.map(() => 'delivered'),
      `every message of the first lender reached the borrower: ${JSON.stringify(sent.map((m) => m.lastError))}`,
    );
    const after = await getRequest(first, firstLending.id);
    assert.equal(after.needsAttention, false, `the withdrawn offer needs no attention: ${after.lastError ?? ''}`);
    assert.equal(withdrawn.state, 'RES_CANCELLED');
    const late = (await conversation(a, borrowing.id)).messages.find((m) => m.summary.startsWith('CancelResponse'));
    assert.ok(late, 'the first lender’s late answer is kept in the borrower’s conversation');
    assert.match(late.summary, new RegExp(`from ${first.symbol}, no longer the supplier`));
    assert.equal(late.read, true, 'it needs no reading');

    const secondLending = await lendingRequestFor(second, borrowing.hrid);
    await act(second, secondLending.id, 'willSupply');
    await act(second, secondLending.id, 'printPullSlip');
    await act(second, secondLending.id, 'markShipped', { itemBarcode: 'CHEAP-1' });
    const shipped = await inState(a, borrowing.id, 'REQ_SHIPPED');
    assert.equal(shipped.supplierSymbol, second.symbol);
    // The borrower still shows the second lender as supplier, not the one that cancelled.
    assert.equal((await getRequest(a, borrowing.id)).needsAttention, false);
  });
});
