import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, CheckBox, HTML, TextField } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeBackend } from '../../test/fake-backend.ts';
import { SAMPLE_REQUESTS } from '../../test/fixtures.ts';
import { FieldError, MultiColumnList } from '../../test/interactors.ts';
import type { ResourceSharingRequest } from '../types/request.ts';

// The borrowing fixtures: 1001 REQ_IDLE (no supplier, created 03-01), 1002 REQ_SHIPPED from
// ISIL:DK-820010 (03-02), 1003 REQ_SHIPPED from ISIL:DE-12, needs attention (03-03), plus a copy
// request 1005 sent to ISIL:DK-820010 (03-05, updated 03-06).
const COPY: ResourceSharingRequest = {
  ...SAMPLE_REQUESTS[1],
  id: '11111111-1111-4111-8111-000000000005',
  hrid: 'DIKU-1005',
  state: 'REQ_SENT_TO_SUPPLIER',
  serviceType: 'copy',
  citation: { title: 'An Article' },
  metadata: { createdDate: '2026-03-05T23:30:00.000Z', updatedDate: '2026-03-06T08:00:00.000Z' },
};
const LENDING: ResourceSharingRequest[] = ['ISIL:US-NYPL', 'ISIL:US-NYPL', 'ISIL:GB-BL'].map((symbol, i) => ({
  ...SAMPLE_REQUESTS[3],
  id: `11111111-1111-4111-8111-00000000010${i}`,
  hrid: `DIKU-20${i}`,
  requesterSymbol: symbol,
}));
const REQUESTS = [...SAMPLE_REQUESTS.slice(0, 3), COPY, ...LENDING];

/** A date input (`type=date`, which bigtest's TextField leaves out), located by its label; fillIn sets the whole date as a date picker does. */
const DateField = HTML.extend<HTMLInputElement>('date field')
  .selector('input[type=date]')
  .locator((el) => (el.labels?.[0]?.textContent ?? '').trim())
  .filters({ value: (el) => el.value })
  .actions({
    fillIn: ({ perform }, value: string) => perform((el) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, value);
      const { Event: DomEvent } = el.ownerDocument.defaultView as Window & typeof globalThis;
      el.dispatchEvent(new DomEvent('input', { bubbles: true }));
      el.dispatchEvent(new DomEvent('change', { bubbles: true }));
    }),
  });

/** A toggle button, with its pressed state. */
const QueueButton = Button.extend<HTMLButtonElement>('toggle button')
  .filters({ pressed: (el) => el.getAttribute('aria-pressed') === 'true' });

describe('ui-resource-sharing: request list filters and counts', () => {
  let h: Harness;
  let backend: FakeBackend;
  let mounted: ReturnType<Harness['mountApp']>;

  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  const listCalls = () => backend.callsTo('/resource-sharing/requests', 'GET').filter((c) => c.path === '/resource-sharing/requests');
  /** the last page request (facets-only requests ask for no rows) */
  const lastPage = () => listCalls().filter((c) => c.searchParams.get('limit') !== '0').at(-1);
  const lastQuery = () => lastPage()?.searchParams.get('query') ?? '';

  function mount(path = '/resource-sharing/borrowing') {
    backend = new FakeBackend(REQUESTS);
    mounted = h.mountApp({ path, backend });
  }

  it('shows counts beside each state, service type and partner, from the facets of the page request', async () => {
    mount();
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 4 });
    await CheckBox('Shipped by supplier (2)').exists();
    await CheckBox('New (1)').exists();
    await CheckBox('Sent to supplier (1)').exists();
    await CheckBox('Loan (3)').exists();
    await CheckBox('Copy (1)').exists();
    await CheckBox('ISIL:DK-820010 (2)').exists();
    await CheckBox('ISIL:DE-12 (1)').exists();
    await CheckBox('Only requests that need attention (1)').exists();
    await Button('Needs attention queue (1)').exists();
    // states without requests are not offered
    await CheckBox({ id: 'clickable-filter-state-req-received' }).absent();
    // one request: rows and every count (nothing is filtered yet)
    assert.equal(listCalls().length, 1);
    assert.equal(lastPage()?.searchParams.get('facets'), 'state:50,serviceType,supplierSymbol:100,needsAttention');
  });

  it('counts a group without its own selection, and the others over the filtered list', async () => {
    mount();
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 4 });
    await CheckBox('Shipped by supplier (2)').click();
    await list.has({ hrids: ['DIKU-1003', 'DIKU-1002'] });
    // other states stay offered with their counts, so a second state can be added knowingly
    await CheckBox('New (1)').exists();
    await CheckBox('Sent to supplier (1)').exists();
    // service type and partner count only the shipped requests now
    await CheckBox('Loan (2)').exists();
    await CheckBox('Copy (0)').exists();
    await CheckBox('ISIL:DK-820010 (1)').exists();
    const facetsOnly = listCalls().filter((c) => c.searchParams.get('limit') === '0');
    assert.deepEqual(facetsOnly.map((c) => [c.searchParams.get('query'), c.searchParams.get('facets')]), [
      ['role=="borrowing"', 'state:50,needsAttention'],
    ]);
    assert.equal(lastPage()?.searchParams.get('facets'), 'serviceType,supplierSymbol:100,needsAttention');
  });

  it('filters by service type', async () => {
    mount();
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 4 });
    await CheckBox('Copy (1)').click();
    await list.has({ hrids: ['DIKU-1005'] });
    assert.equal(lastQuery(), 'role=="borrowing" and (serviceType=="copy") sortby updatedDate/sort.descending');
    await CheckBox('Loan (3)').click();
    await list.has({ rowCount: 4 });
    assert.equal(lastQuery(), 'role=="borrowing" and (serviceType=="copy" or serviceType=="loan") sortby updatedDate/sort.descending');
  });

  it('filters by partner: suppliers when borrowing, requesting libraries when lending', async () => {
    mount();
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 4 });
    await CheckBox('ISIL:DE-12 (1)').click();
    await list.has({ hrids: ['DIKU-1003'] });
    assert.equal(lastQuery(), 'role=="borrowing" and (supplierSymbol=="ISIL:DE-12") sortby updatedDate/sort.descending');
    // counted without the partner selection, so the other supplier stays offered
    await CheckBox('ISIL:DK-820010 (2)').click();
    await list.has({ rowCount: 3 });
    mounted.unmount();

    mount('/resource-sharing/lending');
    const lending = MultiColumnList('rs-lending-list');
    await lending.has({ rowCount: 3 });
    await CheckBox('ISIL:US-NYPL (2)').exists();
    await CheckBox('ISIL:GB-BL (1)').click();
    await lending.has({ hrids: ['DIKU-202'] });
    assert.equal(lastQuery(), 'role=="lending" and (requesterSymbol=="ISIL:GB-BL") sortby updatedDate/sort.descending');
    assert.equal(listCalls()[0]?.searchParams.get('facets'), 'state:50,serviceType,requesterSymbol:100,needsAttention');
  });

  it('filters by date created and last updated, whole days included', async () => {
    mount();
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 4 });
    await DateField('Created from').fillIn('2026-03-02');
    await DateField('Created to').fillIn('2026-03-05');
    await Button('Apply', { id: 'rs-borrowing-filter-created-apply' }).click();
    // 1005 was created late on the 5th: still inside "to 2026-03-05"
    await list.has({ hrids: ['DIKU-1005', 'DIKU-1003', 'DIKU-1002'] });
    assert.equal(lastQuery(), 'role=="borrowing" and createdDate>="2026-03-02" and createdDate<="2026-03-05" sortby updatedDate/sort.descending');
    // the counts follow the dates
    await CheckBox('Shipped by supplier (2)').exists();
    await CheckBox('New (1)').absent();

    await DateField('Updated from').fillIn('2026-03-06');
    await Button('Apply', { id: 'rs-borrowing-filter-updated-apply' }).click();
    await list.has({ hrids: ['DIKU-1005'] });
    assert.equal(lastQuery(),
      'role=="borrowing" and createdDate>="2026-03-02" and createdDate<="2026-03-05" and updatedDate>="2026-03-06" sortby updatedDate/sort.descending');

    // an end before the start is refused, and not sent
    const sent = listCalls().length;
    await DateField('Created to').fillIn('2026-03-01');
    await FieldError('The end date must not be before the start date.').exists();
    await Button('Apply', { id: 'rs-borrowing-filter-created-apply' }).has({ disabled: true });
    assert.equal(listCalls().length, sent);

    await Button('Reset all').click();
    await list.has({ rowCount: 4 });
    await DateField('Created from').has({ value: '' });
    await DateField('Created to').has({ value: '' });
    assert.equal(lastQuery(), 'role=="borrowing" sortby updatedDate/sort.descending');
  });

  it('combines search and every filter into one CQL query, keeping the sort', async () => {
    mount();
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 4 });
    await list.clickHeader('Title');
    await list.has({ hrids: ['DIKU-1005', 'DIKU-1002', 'DIKU-1003', 'DIKU-1001'] });
    await TextField('Search requests').fillIn('Roses');
    await Button('Search').click();
    await CheckBox('Shipped by supplier (1)').click();
    await CheckBox('Loan (1)').click();
    await CheckBox('ISIL:DE-12 (1)').click();
    await CheckBox('Only requests that need attention (1)').click();
    await DateField('Created from').fillIn('2026-03-03');
    await Button('Apply', { id: 'rs-borrowing-filter-created-apply' }).click();
    await DateField('Updated to').fillIn('2026-03-03');
    await Button('Apply', { id: 'rs-borrowing-filter-updated-apply' }).click();
    await list.has({ hrids: ['DIKU-1003'] });
    assert.equal(lastQuery(), 'role=="borrowing" and (title="Roses*" or patronName="Roses*" or hrid=="Roses*" or itemBarcode=="Roses*")'
      + ' and (state=="REQ_SHIPPED") and needsAttention==true and (serviceType=="loan") and (supplierSymbol=="ISIL:DE-12")'
      + ' and createdDate>="2026-03-03" and updatedDate<="2026-03-03" sortby title/sort.ascending');
  });

  it('opens the needs-attention queue with its count, clearing the other filters', async () => {
    mount();
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 4 });
    await CheckBox('Copy (1)').click();
    await list.has({ hrids: ['DIKU-1005'] });
    // the queue counts the whole side, whatever the filters
    await QueueButton('Needs attention queue (1)').has({ pressed: false });
    await QueueButton('Needs attention queue (1)').click();
    await list.has({ hrids: ['DIKU-1003'] });
    assert.equal(lastQuery(), 'role=="borrowing" and needsAttention==true sortby updatedDate/sort.descending');
    await CheckBox('Copy (0)').has({ checked: false });
    await CheckBox('Only requests that need attention (1)').has({ checked: true });
    await QueueButton('Needs attention queue (1)').has({ pressed: true });
  });
});
