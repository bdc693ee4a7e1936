// Flow 7: the lender cannot supply as asked but could for a higher cost (RetryPossible). The
// borrower's staff retry with the new terms: a Retry request reaches the same lender, which
// supplies this time.
import assert from 'node:assert/strict';
import { act, eventually, inState, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { borrow, conversation, getRequest, staffActions } from './flow-support.ts';

/** The lender's requests for one borrower request (under its hrid or a Retry's `<hrid>-R<n>`), oldest first. */
async function lendingRequestsFor(lib: Library, hrid: string): Promise<Record<string, any>[]> {
  const res = await lib.api.get(
    `/resource-sharing/requests?query=${encodeURIComponent(`role==lending and peerRequestId=="${hrid}*" sortby metadata.createdDate`)}`,
  );
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.requests;
}

describe('flow: retry possible with costs', () => {
  let net: Network;
  let a: Library;
  let b: Library;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta', version: '2021' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
  });
  after(() => net.close());

  it('the lender offers a retry at a cost; the borrower retries with that maximum cost and the same lender supplies', async () => {
    const borrowing = await borrow(a, { title: 'Expensive facsimile' });
    const [first] = await eventually(async () => {
      const found = await lendingRequestsFor(b, borrowing.hrid);
      return found.length ? found : undefined;
    }, 'the lender to receive the request');
    assert.ok((await staffActions(b, first.id)).includes('offerRetry'));
    const offered = await act(b, first.id, 'offerRetry', {
      reasonRetry: 'CostExceedsMaxCost',
      cost: 30,
      currency: 'EUR',
      note: 'Needs a courier',
    });
    assert.equal(offered.state, 'RES_UNFILLED', 'the lender’s first request is finished');

    const retryPossible = await inState(a, borrowing.id, 'REQ_RETRY_POSSIBLE');
    assert.equal(retryPossible.needsAttention, true);
    assert.equal(retryPossible.supplierSymbol, b.symbol);
    assert.equal(retryPossible.conditions.cost, 30);
    assert.equal(retryPossible.conditions.currency, 'EUR');
    const heard = (await conversation(a, borrowing.id)).messages.find((m) => m.direction === 'in' && m.summary.includes('RetryPossible'));
    assert.ok(heard, 'the offer is in the conversation');
    assert.equal(heard.summary, 'RequestResponse: RetryPossible (reason CostExceedsMaxCost) (cost 30.00 EUR)');
    assert.equal(heard.note, 'Needs a courier');
    const audit = (await a.api.get(`/resource-sharing/requests/${borrowing.id}/audit`)).body.auditRecords;
    assert.match(audit.find((r: { toState?: string }) => r.toState === 'REQ_RETRY_POSSIBLE').message, /reasonRetry: CostExceedsMaxCost/);
    const choices = await staffActions(a, borrowing.id);
    assert.ok(choices.includes('retryWithSupplier') && choices.includes('declineRetry'), choices.join(','));

    const retried = await act(a, borrowing.id, 'retryWithSupplier', { maximumCost: 30, currency: 'EUR', note: 'We accept the courier cost' });
    assert.equal(retried.state, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(retried.supplierSymbol, b.symbol, 'the retry goes to the same lender');

    // The Retry arrives at the lender as a new request carrying the new terms.
    const second = await eventually(async () => (await lendingRequestsFor(b, borrowing.hrid)).find((r) => r.id !== first.id), 'the Retry request');
    assert.equal(second.state, 'RES_IDLE');
    assert.equal(second.needsAttention, true, 'a new lending request waits for staff');
    assert.equal(second.requesterSymbol, a.symbol);
    // ISO 18626: a Retry has its own id and names the one it retries; both requests are linked.
    assert.equal(second.peerRequestId, `${borrowing.hrid}-R1`);
    assert.equal(retried.requestingAgencyRequestId, `${borrowing.hrid}-R1`);
    assert.equal(second.predecessorId, first.id);
    assert.deepEqual(second.conditions, { maximumCost: 30, currency: 'EUR' }, 'the maximum cost the borrower accepts is recorded');
    const firstNow = await getRequest(b, first.id);
    assert.equal(firstNow.state, 'RES_UNFILLED');
    assert.equal(firstNow.successorId, second.id);
    const arrived = (await conversation(b, second.id)).messages[0];
    assert.equal(arrived.direction, 'in');
    assert.equal(arrived.summary, 'Request (Retry, maximum cost 30.00 EUR): Expensive facsimile');
    assert.equal(arrived.note, 'We accept the courier cost');

    await act(b, second.id, 'willSupply');
    await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    await act(b, second.id, 'printPullSlip');
    await act(b, second.id, 'markShipped', { itemBarcode: 'FAC-1', dueDate: '2031-07-01T00:00:00Z' });
    const shipped = await inState(a, borrowing.id, 'REQ_SHIPPED');
    assert.equal(shipped.supplierRequestId, second.hrid, 'the borrower now follows the lender’s new request');

    // The rest of the loan runs against the new lending request.
    await act(a, borrowing.id, 'markReceived');
    await act(a, borrowing.id, 'patronReturned');
    await act(a, borrowing.id, 'shipReturn');
    await inState(b, second.id, 'RES_ITEM_RETURNED');
    await act(b, second.id, 'markReturned');
    await inState(a, borrowing.id, 'REQ_REQUEST_COMPLETE');
  });

  it('a partner whose directory entry says so gets Retry requests under the same id', async () => {
    const entries = await a.api.get(`/resource-sharing/directory/entries?query=${encodeURIComponent('name=="Beta library"')}`);
    const entry = entries.body.entries[0];
    const put = await a.api.put(`/resource-sharing/directory/entries/${entry.id}`, { ...entry, retryKeepsRequestId: true });
    assert.equal(put.status, 204, JSON.stringify(put.body));
    try {
      const borrowing = await borrow(a, { title: 'Retry under the same id' });
      const [first] = await eventually(async () => {
        const found = await lendingRequestsFor(b, borrowing.hrid);
        return found.length ? found : undefined;
      }, 'the lender to receive the request');
      await act(b, first.id, 'offerRetry', { reasonRetry: 'OnLoan' });
      await inState(a, borrowing.id, 'REQ_RETRY_POSSIBLE');
      await act(a, borrowing.id, 'retryWithSupplier', { note: 'again' });
      const second = await eventually(async () => (await lendingRequestsFor(b, borrowing.hrid)).find((r) => r.id !== first.id), 'the Retry request');
      assert.equal(second.peerRequestId, borrowing.hrid);
      assert.equal(second.predecessorId, first.id, 'linked all the same');
      await act(b, second.id, 'willSupply');
      await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    } finally {
      const fresh = (await a.api.get(`/resource-sharing/directory/entries/${entry.id}`)).body;
      await a.api.put(`/resource-sharing/directory/entries/${entry.id}`, { ...fresh, retryKeepsRequestId: false });
    }
  });

  it('the borrower may decline the offer instead; with no other supplier it reaches the end of the rota', async () => {
    const borrowing = await borrow(a, { title: 'Declined retry' });
    const [lending] = await eventually(async () => {
      const found = await lendingRequestsFor(b, borrowing.hrid);
      return found.length ? found : undefined;
    }, 'the lender to receive the request');
    await act(b, lending.id, 'offerRetry', { reasonRetry: 'OnLoan', note: 'Try again next month' });
    await inState(a, borrowing.id, 'REQ_RETRY_POSSIBLE');
    await act(a, borrowing.id, 'declineRetry');
    const end = await inState(a, borrowing.id, 'REQ_END_OF_ROTA');
    assert.equal(end.rota[0].outcome, 'unfilled');
    assert.equal((await lendingRequestsFor(b, borrowing.hrid)).length, 1, 'nothing more went to the lender');
  });
});
