// Flow 8: a copy (article scan). The lender delivers a link (CopyCompleted with the document URL);
// the borrower records the delivery with the URL on the request and completes it. Nothing goes back.
import assert from 'node:assert/strict';
import { act, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { borrow, conversation, getRequest, staffActions, tryAction } from './flow-support.ts';

describe('flow: a copy delivered as a link', () => {
  let net: Network;
  let a: Library;
  let b: Library;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta', version: '2021' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
  });
  after(() => net.close());

  const article = {
    title: 'Journal of Interlibrary Studies',
    articleTitle: 'Peer-to-peer lending in practice',
    issn: '1234-5679',
    volume: '12',
    issue: '3',
    pages: '45-67',
  };

  it('the lender delivers the copy with a document URL; the borrower has the URL and completes', async () => {
    const borrowing = await borrow(a, { serviceType: 'copy', citation: article });
    assert.equal(borrowing.stateModel, 'borrowing-copy');
    const lending = await lendingRequestFor(b, borrowing.hrid);
    assert.equal(lending.serviceType, 'copy');
    assert.equal(lending.stateModel, 'lending-copy');
    assert.equal(lending.citation.articleTitle, 'Peer-to-peer lending in practice');
    assert.equal(lending.citation.pages, '45-67');
    assert.equal(lending.citation.issn, '1234-5679');

    await act(b, lending.id, 'willSupply');
    await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    await act(b, lending.id, 'printPullSlip');
    const offered = await staffActions(b, lending.id);
    assert.ok(offered.includes('deliverCopy') && !offered.includes('markShipped'), offered.join(','));
    const missingUrl = await tryAction(b, lending.id, 'deliverCopy', {});
    assert.equal(missingUrl.status, 422, 'a copy is delivered with its link');

    const url = 'https://docs.beta.example/ill/scan-0001.pdf';
    const delivered = await act(b, lending.id, 'deliverCopy', { documentUrl: url, note: 'Link valid for 30 days' });
    assert.equal(delivered.state, 'RES_COMPLETE', 'nothing comes back, so the lender is done');
    assert.equal(delivered.documentUrl, url);

    const atBorrower = await inState(a, borrowing.id, 'REQ_DOCUMENT_DELIVERED');
    assert.equal(atBorrower.documentUrl, url, 'the borrower records the delivery: the URL is on the request');
    assert.equal(atBorrower.needsAttention, true, 'staff pass the copy on to the patron');
    const msg = (await conversation(a, borrowing.id)).messages.find((m) => m.direction === 'in' && m.summary.includes('CopyCompleted'));
    assert.ok(msg);
    assert.equal(msg.note, 'Link valid for 30 days');
    const choices = await staffActions(a, borrowing.id);
    assert.ok(choices.includes('markComplete') && !choices.includes('markReceived') && !choices.includes('shipReturn'), choices.join(','));

    const done = await act(a, borrowing.id, 'markComplete');
    assert.equal(done.state, 'REQ_REQUEST_COMPLETE');
    assert.equal(done.needsAttention, false);
    assert.equal(done.documentUrl, url);
    assert.equal((await getRequest(b, lending.id)).state, 'RES_COMPLETE');
  });

  it('a copy that arrives outside the protocol (e-mail) is recorded by the borrower’s staff', async () => {
    const borrowing = await borrow(a, { serviceType: 'copy', citation: { ...article, pages: '1-10' } });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    const recorded = await act(a, borrowing.id, 'recordDelivery', { documentUrl: 'file://scans/by-email.pdf', note: 'Came by e-mail' });
    assert.equal(recorded.state, 'REQ_DOCUMENT_DELIVERED');
    assert.equal(recorded.documentUrl, 'file://scans/by-email.pdf');
    await act(a, borrowing.id, 'markComplete');
    assert.equal((await getRequest(a, borrowing.id)).state, 'REQ_REQUEST_COMPLETE');
  });
});
