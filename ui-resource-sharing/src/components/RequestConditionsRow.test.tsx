import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeBackend } from '../../test/fake-backend.ts';
import { SAMPLE_REQUESTS } from '../../test/fixtures.ts';
import type { ResourceSharingRequest } from '../types/request';
import { Pane } from '../../test/interactors.ts';

// Staff see the supplier's conditions and costs before agreeing to them, and why a supplier in the
// rota was passed over.

const WITH_CONDITIONS: ResourceSharingRequest = {
  ...SAMPLE_REQUESTS[2],
  state: 'REQ_CONDITIONAL_ANSWER_RECEIVED',
  conditions: { loanCondition: 'LibraryUseOnly', cost: 12.5, currency: 'EUR', note: 'Reading room only' },
  rotaIndex: 1,
  rota: [
    { symbol: 'ISIL:DE-1', rank: 1, reason: 'ranked 1st', outcome: 'notDelivered', outcomeReason: 'refused our request: UnrecognisedDataValue: no microfiche' },
    { symbol: 'ISIL:DE-12', rank: 2, reason: 'ranked 2nd', outcome: 'sent' },
  ],
};

const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent ?? '');

describe('ui-resource-sharing: conditions and costs on request detail', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;

  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  it('shows the loan condition, the cost and the note, and why a supplier was passed over', async () => {
    const backend = new FakeBackend([WITH_CONDITIONS, ...SAMPLE_REQUESTS.filter((r) => r.id !== WITH_CONDITIONS.id)]);
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${WITH_CONDITIONS.id}`, backend });
    const detail = Pane(WITH_CONDITIONS.hrid);
    await detail.has({ text: including('Loan condition') });
    const row = document.querySelector('#rs-request-conditions')?.textContent ?? '';
    assert.match(row, /Library use only/);
    assert.match(row, /€12\.50|12\.50/);
    assert.match(row, /Reading room only/);
    assert.deepEqual(texts('[data-test-rota-outcome-reason]'), ['refused our request: UnrecognisedDataValue: no microfiche']);
    assert.deepEqual(
      Array.from(document.querySelectorAll('[data-test-rota-outcome]')).map((e) => e.getAttribute('data-test-rota-outcome')),
      ['notDelivered', 'sent'],
    );
  });

  it('shows nothing about conditions when there are none', async () => {
    const plain = { ...WITH_CONDITIONS, conditions: undefined };
    const backend = new FakeBackend([plain, ...SAMPLE_REQUESTS.filter((r) => r.id !== plain.id)]);
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${plain.id}`, backend });
    await Pane(plain.hrid).has({ text: including('Rota (suppliers in ranked order)') });
    assert.equal(document.querySelector('#rs-request-conditions'), null);
  });
});
