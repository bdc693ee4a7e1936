// Broker mode: a copy through the broker, and what the broker refuses (a message over 100 KB).
import assert from 'node:assert/strict';
import { emitMessage } from '../../mod-resource-sharing/src/iso18626/index.ts';
import { startConsortium, type Consortium } from '../broker/broker-network.ts';
import { act, inState, lendingRequestFor } from '../support/library-network.ts';
import { agency, borrow, conversation, postIso } from './flow-support.ts';

describe('flow: a copy through the broker (opaque)', () => {
  let c: Consortium;
  before(async () => {
    c = await startConsortium('opaque');
  });
  after(() => c.close());

  it('the broker picks Eastbrook, which delivers the copy as a link; Alpha records it from Eastbrook', async () => {
    const eastbrook = c.lender('Eastbrook');
    c.broker.setHolders(() => [eastbrook.symbol]);
    const borrowing = await borrow(c.alpha, {
      serviceType: 'copy',
      title: 'Journal of brokered lending',
      citation: { articleTitle: 'Opaque and transparent brokers', pages: '1-9', issn: '1234-5679' },
    });
    assert.equal(borrowing.stateModel, 'borrowing-copy');
    assert.equal(borrowing.rota[0].symbol, 'ISIL:BROKER');
    const lending = await lendingRequestFor(eastbrook, borrowing.hrid);
    assert.equal(lending.serviceType, 'copy');
    assert.equal(lending.citation.articleTitle, 'Opaque and transparent brokers');
    assert.equal(lending.requesterSymbol, 'ISIL:BROKER');
    assert.deepEqual(lending.borrower, { symbol: c.alpha.symbol, name: 'Alpha library' });

    await act(eastbrook, lending.id, 'willSupply');
    await inState(c.alpha, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    await act(eastbrook, lending.id, 'printPullSlip');
    const url = 'https://docs.eastbrook.example/ill/scan-1.pdf';
    await act(eastbrook, lending.id, 'deliverCopy', { documentUrl: url, note: 'Link valid for 30 days' });
    const delivered = await inState(c.alpha, borrowing.id, 'REQ_DOCUMENT_DELIVERED');
    assert.equal(delivered.documentUrl, url);
    assert.equal(delivered.brokerSupplier.symbol, eastbrook.symbol);
    assert.equal(delivered.rota[0].brokerSuppliers[0].outcome, 'supplied');
    const msg = (await conversation(c.alpha, borrowing.id)).messages.find((m) => m.summary.includes('CopyCompleted'));
    assert.equal(msg?.note, 'Link valid for 30 days');
    assert.equal((msg as { party?: string }).party, eastbrook.symbol);
    const done = await act(c.alpha, borrowing.id, 'markComplete');
    assert.equal(done.state, 'REQ_REQUEST_COMPLETE');
  });

  it('a library behind the broker still refuses a request from a stranger its directory does not know', async () => {
    const southbank = c.lender('Southbank');
    const res = await postIso(southbank, {
      kind: 'request',
      header: { requestingAgencyId: agency('ISIL:STRANGER'), supplyingAgencyId: agency(southbank.symbol), timestamp: new Date(), requestingAgencyRequestId: 'STR-1' },
      bibliographicInfo: { title: 'Anything' },
      serviceInfo: { serviceType: 'Loan', requestType: 'New' },
    });
    assert.equal(res.status, 200);
    assert.match(res.xml, /<ill:messageStatus>ERROR</);
    assert.match(res.xml, /ISIL:STRANGER is not a partner/);
    const list = await southbank.api.get(`/resource-sharing/requests?query=${encodeURIComponent('peerRequestId=="STR-1"')}`);
    assert.equal(list.body.totalRecords, 0);
  });

  it('the broker refuses a message over 100 KB with BadlyFormedMessage, as CrossLink does by default', async () => {
    const xml = emitMessage(
      {
        kind: 'request',
        header: { requestingAgencyId: agency(c.alpha.symbol), supplyingAgencyId: agency('ISIL:BROKER'), timestamp: new Date(), requestingAgencyRequestId: 'BIG-1' },
        bibliographicInfo: { title: 'x'.repeat(101 * 1024) },
        serviceInfo: { serviceType: 'Loan', requestType: 'New' },
      },
      '2017',
    );
    const res = await fetch(c.broker.url, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: xml });
    assert.equal(res.status, 400);
    const text = await res.text();
    assert.match(text, /<ill:messageStatus>ERROR</);
    assert.match(text, /BadlyFormedMessage/);
    assert.ok(!c.broker.transactions().some((t) => t.requesterRequestId === 'BIG-1'));
  });
});
