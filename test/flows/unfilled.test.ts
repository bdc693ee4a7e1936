// Flow 2: the first supplier cannot supply, the second does; when every supplier in the rota
// says no, the request waits for staff at the end of the rota, who re-request or close it.
import assert from 'node:assert/strict';
import { act, eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { borrow, getRequest, history, librarySymbol, staffActions } from './flow-support.ts';

describe('flow: unfilled by one supplier, supplied by the next; end of rota', () => {
  let net: Network;
  let a: Library;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta', version: '2021' }, { name: 'Gamma' }]);
    a = net.libraries.Alpha;
  });
  after(() => net.close());

  it('ranks both partners; the first says not held, the request moves on and the second supplies', async () => {
    const borrowing = await borrow(a, { title: 'Unfilled then supplied' });
    assert.equal(borrowing.rota.length, 2, JSON.stringify(borrowing.rota));
    const symbols = borrowing.rota.map((e: { symbol: string }) => e.symbol).sort();
    assert.deepEqual(symbols, [net.libraries.Beta.symbol, net.libraries.Gamma.symbol].sort());
    assert.deepEqual(
      borrowing.rota.map((e: { rank: number }) => e.rank),
      [1, 2],
    );
    assert.match(borrowing.rota[0].reason, /ranked 1st/);
    assert.match(borrowing.rota[1].reason, /ranked 2nd/);
    assert.equal(borrowing.rota[0].outcome, 'sent');
    assert.equal(borrowing.rota[1].outcome, undefined, 'the second supplier has not been asked yet');
    assert.equal(borrowing.supplierSymbol, borrowing.rota[0].symbol);

    const first = librarySymbol(net, borrowing.rota[0].symbol);
    const second = librarySymbol(net, borrowing.rota[1].symbol);
    const firstLending = await lendingRequestFor(first, borrowing.hrid);
    await act(first, firstLending.id, 'cannotSupply', { reason: 'NotHeld', note: 'Not in our catalogue' });
    assert.equal((await getRequest(first, firstLending.id)).state, 'RES_UNFILLED');

    // The borrower moves on by itself: no staff step between the two suppliers.
    const moved = await eventuallySupplier(a, borrowing.id, second.symbol);
    assert.equal(moved.rota[0].outcome, 'unfilled');
    assert.equal(moved.rota[1].outcome, 'sent');
    assert.equal(moved.rotaIndex, 1);

    const audit = await history(a, borrowing.id);
    const unfilled = audit.find((r) => r.toState === 'REQ_UNFILLED');
    assert.ok(unfilled, 'the Unfilled answer is in the history');
    assert.equal(unfilled.actor.type, 'partner');
    assert.equal(unfilled.actor.id, first.symbol);
    assert.match(unfilled.message ?? '', /NotHeld/);

    const secondLending = await lendingRequestFor(second, borrowing.hrid);
    assert.equal(secondLending.state, 'RES_IDLE');
    await act(second, secondLending.id, 'willSupply');
    await act(second, secondLending.id, 'printPullSlip');
    await act(second, secondLending.id, 'markShipped', { itemBarcode: 'G-42', dueDate: '2031-03-01T12:00:00Z' });
    const shipped = await inState(a, borrowing.id, 'REQ_SHIPPED');
    assert.equal(shipped.supplierSymbol, second.symbol);
    assert.equal(shipped.itemBarcode, 'G-42');
    assert.equal(shipped.dueDate, '2031-03-01T12:00:00.000Z');
    assert.deepEqual(
      shipped.rota.map((e: { outcome?: string }) => e.outcome),
      ['unfilled', 'supplied'],
      'the rota says who supplied',
    );
    // The first supplier's request stayed closed; it did not hear of the second.
    assert.equal((await getRequest(first, firstLending.id)).state, 'RES_UNFILLED');
  });

  it('when every supplier says no, the request needs attention at the end of the rota; staff re-request', async () => {
    const borrowing = await borrow(a, { title: 'Nobody has it', citation: { isbn: '9780000000019' } });
    for (let i = 0; i < 2; i++) {
      const current = await eventuallySupplier(a, borrowing.id, borrowing.rota[i].symbol);
      const lender = librarySymbol(net, current.supplierSymbol);
      const lending = await lendingRequestFor(lender, borrowing.hrid);
      await act(lender, lending.id, 'cannotSupply', { reason: i === 0 ? 'OnLoan' : 'NonCirculating' });
    }
    const end = await inState(a, borrowing.id, 'REQ_END_OF_ROTA');
    assert.equal(end.needsAttention, true);
    assert.deepEqual(
      end.rota.map((e: { outcome?: string }) => e.outcome),
      ['unfilled', 'unfilled'],
    );
    const offered = await staffActions(a, borrowing.id);
    for (const code of ['rerequest', 'closeManually', 'chooseSupplier', 'cancel']) assert.ok(offered.includes(code), `${code} offered at end of rota`);
    assert.ok(!offered.includes('sendToNextSupplier'), 'no next supplier to send to');

    const rerequested = await act(a, borrowing.id, 'rerequest', { note: 'Try the second edition' });
    assert.equal(rerequested.state, 'REQ_REREQUESTED');
    assert.equal(rerequested.needsAttention, false);
    assert.ok(rerequested.successorId, 'the replaced request names its successor');

    const successor = await getRequest(a, rerequested.successorId);
    assert.equal(successor.predecessorId, borrowing.id);
    assert.notEqual(successor.hrid, borrowing.hrid);
    assert.equal(successor.role, 'borrowing');
    assert.equal(successor.citation.title, 'Nobody has it');
    assert.equal(successor.citation.isbn, '9780000000019');
    assert.equal(successor.patron.name, 'Grace Hopper');
    // The new request starts its own life and goes out to a supplier again.
    const out = await inState(a, successor.id, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(out.rota.length, 2);
    const lender = librarySymbol(net, out.supplierSymbol);
    const lending = await lendingRequestFor(lender, successor.hrid);
    assert.equal(lending.state, 'RES_IDLE');
  });

  it('at the end of the rota staff may close the request by hand instead', async () => {
    const borrowing = await borrow(a, { title: 'Closed by hand' });
    for (let i = 0; i < 2; i++) {
      const current = await eventuallySupplier(a, borrowing.id, borrowing.rota[i].symbol);
      const lender = librarySymbol(net, current.supplierSymbol);
      const lending = await lendingRequestFor(lender, borrowing.hrid);
      await act(lender, lending.id, 'cannotSupply', { reason: 'NotOnShelf' });
    }
    await inState(a, borrowing.id, 'REQ_END_OF_ROTA');
    const closed = await act(a, borrowing.id, 'closeManually', { reason: 'Patron bought the book' });
    assert.equal(closed.state, 'REQ_CLOSED_MANUALLY');
    assert.equal(closed.needsAttention, false);
    assert.equal(closed.successorId, undefined);
    const audit = await history(a, borrowing.id);
    assert.match(audit.at(-1)?.message ?? '', /Patron bought the book/);
    // A terminal request offers no further way forward.
    const offered = await staffActions(a, borrowing.id);
    assert.ok(!offered.includes('rerequest') && !offered.includes('closeManually'), offered.join(','));
  });
});

/** Waits until the borrowing request is with `symbol` (the rota moved on). */
async function eventuallySupplier(lib: Library, id: string, symbol: string): Promise<Record<string, any>> {
  return eventually(async () => {
    const r = await getRequest(lib, id);
    return r.state === 'REQ_SENT_TO_SUPPLIER' && r.supplierSymbol === symbol ? r : undefined;
  }, `${id} to be sent to ${symbol}`);
}
