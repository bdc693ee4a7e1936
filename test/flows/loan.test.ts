import assert from 'node:assert/strict';
import { act, inState, lendingRequestFor, startNetwork, type Network } from '../support/library-network.ts';

describe('flow: a loan between two libraries over ISO 18626', () => {
  let net: Network;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta', version: '2021' }]);
  });
  after(() => net.close());

  it('goes request, will supply, loaned, received, shipped return, loan completed; both sides end complete', async () => {
    const { Alpha: a, Beta: b } = net.libraries;
    const created = await a.api.post('/resource-sharing/requests', {
      citation: { title: 'Gödel, Escher, Bach', author: 'Hofstadter, Douglas', isbn: '9780465026562' },
      patron: { id: 'p-1', name: 'Ada Lovelace', pickupLocation: 'Main desk', neededBefore: '2030-12-31' },
    });
    assert.equal(created.status, 201);
    const borrowing = await inState(a, created.body.id, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(borrowing.supplierSymbol, b.symbol);
    assert.equal(borrowing.rota[0].symbol, b.symbol);
    assert.equal(borrowing.partnerVersion, '2021');

    const lending = await lendingRequestFor(b, borrowing.hrid);
    assert.equal(lending.state, 'RES_IDLE');
    assert.equal(lending.requesterSymbol, a.symbol);
    assert.equal(lending.citation.title, 'Gödel, Escher, Bach');
    assert.equal(lending.citation.isbn, '9780465026562');
    assert.equal(lending.patron.neededBefore, '2030-12-31');
    assert.equal(lending.patron.id, 'p-1');
    assert.equal(lending.patron.name, 'Ada Lovelace');

    await act(b, lending.id, 'willSupply', { note: 'On the shelf' });
    await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    await act(b, lending.id, 'printPullSlip');
    await act(b, lending.id, 'markShipped', { itemBarcode: 'B-000123', dueDate: '2031-02-01T12:00:00Z' });
    const shipped = await inState(a, borrowing.id, 'REQ_SHIPPED');
    assert.equal(shipped.dueDate, '2031-02-01T12:00:00.000Z');
    assert.equal(shipped.itemBarcode, 'B-000123');
    // the timeline keeps what staff gave as data beside the English message, for the app to word and format
    const shipEntry = (await b.api.get(`/resource-sharing/requests/${lending.id}/audit`)).body.auditRecords
      .find((e: { action: string }) => e.action === 'markShipped');
    assert.deepEqual(shipEntry.changes, { parameters: { itemBarcode: 'B-000123', dueDate: '2031-02-01T12:00:00Z' } });
    assert.match(shipEntry.message, /itemBarcode: B-000123/);

    await act(a, borrowing.id, 'markReceived');
    await act(a, borrowing.id, 'patronReturned');
    await act(a, borrowing.id, 'shipReturn', { note: 'Sent back by courier' });
    await inState(a, borrowing.id, 'REQ_SHIPPED_TO_SUPPLIER');
    await inState(b, lending.id, 'RES_ITEM_RETURNED');
    await act(b, lending.id, 'markReturned');
    const done = await inState(a, borrowing.id, 'REQ_REQUEST_COMPLETE');
    assert.equal(done.needsAttention, false);
    const lenderDone = await inState(b, lending.id, 'RES_COMPLETE');
    assert.equal(lenderDone.needsAttention, false);

    // Both conversations tell the story in order.
    const theirs = (await b.api.get(`/resource-sharing/requests/${lending.id}/messages`)).body.messages;
    // each entry carries its ISO 18626 codes beside the English summary, for the app to word
    assert.deepEqual(theirs[1].codes, { reasonForMessage: 'RequestResponse', status: 'WillSupply' });
    assert.equal(theirs[0].codes.requestType, 'New');
    assert.deepEqual(
      theirs.map((m: { direction: string; summary: string }) => `${m.direction} ${m.summary.split(':')[0]}`),
      [
        'in Request (New)',
        'out RequestResponse',
        'out StatusChange',
        'in Received',
        'in ShippedReturn',
        'out StatusChange',
      ],
    );
    const audit = (await a.api.get(`/resource-sharing/requests/${borrowing.id}/audit`)).body.auditRecords;
    const partnerSteps = audit.filter((r: { actor: { type: string } }) => r.actor.type === 'partner');
    assert.ok(partnerSteps.length >= 3, 'the supplier’s messages are in the borrower’s history with the partner as actor');
    assert.ok(partnerSteps.every((r: { actor: { id: string } }) => r.actor.id === b.symbol));
  });
});
