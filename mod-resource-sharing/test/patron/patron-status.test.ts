// Every state of every state model (read from the models as they are now, so a state added later
// fails here until it has one) maps to a patron-facing status, and the patron page has words for
// each status in every language it ships.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PATRON_STATUSES, patronStatusOf, statusOfState } from '../../src/patron/patron-status.ts';
import type { ResourceSharingRequest } from '../../src/requests/request-types.ts';
import { listModels } from '../../src/statemodel/index.ts';

const translations = (locale: string): Record<string, string> =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../ui-resource-sharing/translations/ui-resource-sharing/${locale}.json`, import.meta.url)), 'utf8'));

function request(over: Partial<ResourceSharingRequest>): ResourceSharingRequest {
  return {
    id: 'x', hrid: 'X-1', role: 'borrowing', state: 'REQ_IDLE', stateModel: 'borrowing-returnable', needsAttention: false,
    serviceType: 'loan', citation: { title: 't' }, _version: 1, metadata: { createdDate: '2026-01-01T00:00:00Z' }, ...over,
  };
}

describe('patron-facing statuses', () => {
  it('gives every state of every model a status', () => {
    const missing = listModels().flatMap((m) => m.states.filter((s) => !statusOfState(m.id, s.code)).map((s) => `${m.id}/${s.code}`));
    assert.deepEqual(missing, [], 'states without a patron status');
  });

  it('has the words for every status in English and German', () => {
    for (const locale of ['en', 'de']) {
      const t = translations(locale);
      const missing = PATRON_STATUSES.filter((s) => !t[`patronStatus.${s}`]);
      assert.deepEqual(missing, [], `${locale}: patronStatus.* missing`);
    }
  });

  it('never tells a patron "received" for a failed patron check or a request no lender could fill', () => {
    assert.equal(patronStatusOf(request({ state: 'REQ_INVALID_PATRON' })), 'libraryReview');
    assert.equal(patronStatusOf(request({ state: 'REQ_END_OF_ROTA' })), 'notAvailable');
  });

  it('says what the library system knows: hold shelf, loan, recall and overdue', () => {
    const shelf = { adapter: 'folio', itemId: 'i', onHoldShelf: true };
    assert.equal(patronStatusOf(request({ state: 'REQ_RECEIVED', hostRecords: shelf })), 'readyForPickup');
    assert.equal(patronStatusOf(request({ state: 'REQ_RECEIVED', hostRecords: { ...shelf, patronLoanId: 'l' } })), 'onLoan');
    assert.equal(patronStatusOf(request({ state: 'REQ_RECALLED', hostRecords: { ...shelf, patronLoanId: 'l' } })), 'recalled');
    assert.equal(patronStatusOf(request({ state: 'REQ_OVERDUE', hostRecords: { ...shelf, patronLoanId: 'l' } })), 'overdue');
    assert.equal(patronStatusOf(request({ state: 'REQ_OVERDUE', hostRecords: shelf })), 'readyForPickup', 'not collected yet');
    assert.equal(patronStatusOf(request({ state: 'REQ_RECEIVED' })), 'received', 'no library system: cannot say which');
  });

  it('tells a copy from a loan at the end', () => {
    assert.equal(patronStatusOf(request({ state: 'REQ_REQUEST_COMPLETE' })), 'returned');
    assert.equal(patronStatusOf(request({ state: 'REQ_REQUEST_COMPLETE', stateModel: 'borrowing-copy', serviceType: 'copy' })), 'completed');
    assert.equal(
      patronStatusOf(request({ state: 'REQ_DOCUMENT_DELIVERED', stateModel: 'borrowing-copy', serviceType: 'copy', documentUrl: 'https://x/y.pdf' })),
      'copyReady',
    );
  });
});
