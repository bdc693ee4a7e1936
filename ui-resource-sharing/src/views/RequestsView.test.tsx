import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, CheckBox, Link, TextField, including, some } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeBackend } from '../../test/fake-backend.ts';
import { graphqlExtras } from '../../test/fake-graphql.ts';
import { SAMPLE_REQUESTS } from '../../test/fixtures.ts';
import { MultiColumnList, MultiColumnListRow, Pane } from '../../test/interactors.ts';

describe('ui-resource-sharing: request lists', () => {
  let h: Harness;
  let backend: FakeBackend;
  let mounted: ReturnType<Harness['mountApp']>;

  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  /** the queries of the list's page requests (not the facets-only ones, which ask for no rows) */
  function listQueries(): string[] {
    return backend.callsTo('/resource-sharing/requests', 'GET')
      .filter((c) => c.path === '/resource-sharing/requests' && c.searchParams.get('limit') !== '0')
      .map((c) => c.searchParams.get('query') ?? '');
  }

  it('shows the borrowing requests with hrid, title, patron, state and partner, newest first', async () => {
    backend = new FakeBackend(SAMPLE_REQUESTS);
    mounted = h.mountApp({ path: '/resource-sharing', backend });
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 3 });
    await list.has({ columns: ['Request ID', 'Title', 'Patron', 'State', 'Partner', 'Updated'] });
    await list.has({ hrids: ['DIKU-1003', 'DIKU-1002', 'DIKU-1001'] });
    const updated = new Date('2026-03-02T10:00:00.000Z');
    const date = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(updated);
    const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: 'numeric', timeZone: 'UTC' }).format(updated);
    await MultiColumnListRow({ index: 1 }).has({
      cells: ['DIKU-1002', 'Gödel, Escher, Bach', 'Alan Turing', 'Shipped by supplier', 'ISIL:DK-820010', `${date} ${time}`],
    });
    await MultiColumnListRow({ index: 0 }).has({ cells: some('Shipped by supplier Needs attention') });
    await Pane('Borrowing requests').has({ subtitle: '3 records found' });
    const call = backend.callsTo('/resource-sharing/requests', 'GET')[0];
    assert.equal(call.headers.get('X-Okapi-Tenant'), h.TENANT);
    assert.equal(call.headers.get('X-Okapi-Token'), h.TOKEN);
    assert.equal(call.searchParams.get('query'), 'role=="borrowing" sortby updatedDate/sort.descending');
    assert.equal(call.searchParams.get('offset'), '0');
  });

  it('names partners by their directory name in the list and the partner filter', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    graphqlExtras(backend).directory.push({ id: 'd1', name: 'Royal Danish Library', symbols: ['ISIL:DK-820010'], partner: true });
    mounted = h.mountApp({ path: '/resource-sharing/borrowing', backend });
    await MultiColumnList('rs-borrowing-list').has({ rowCount: 3 });
    await MultiColumnListRow({ index: 1 }).has({ cells: including('Royal Danish Library') as never });
    // a partner the directory does not know keeps its symbol
    await MultiColumnListRow({ index: 0 }).has({ cells: including('ISIL:DE-12') as never });
    await CheckBox(including('Royal Danish Library')).exists();
  });

  it('filters by state and by needs-attention', async () => {
    backend = new FakeBackend(SAMPLE_REQUESTS);
    mounted = h.mountApp({ path: '/resource-sharing/borrowing', backend });
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 3 });
    await CheckBox('Shipped by supplier (2)').click();
    await list.has({ hrids: ['DIKU-1003', 'DIKU-1002'] });
    assert.ok(listQueries().includes('role=="borrowing" and (state=="REQ_SHIPPED") sortby updatedDate/sort.descending'));
    await CheckBox('New (1)').click();
    await list.has({ rowCount: 3 });
    await CheckBox('Only requests that need attention (1)').click();
    await list.has({ hrids: ['DIKU-1003'] });
    assert.equal(listQueries().at(-1), 'role=="borrowing" and (state=="REQ_SHIPPED" or state=="REQ_IDLE") and needsAttention==true sortby updatedDate/sort.descending');
    await Button('Reset all').click();
    await list.has({ rowCount: 3 });
  });

  it('searches title, patron, request id and item barcode with one CQL query', async () => {
    backend = new FakeBackend(SAMPLE_REQUESTS);
    mounted = h.mountApp({ path: '/resource-sharing/borrowing', backend });
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 3 });
    await TextField('Search requests').fillIn('Rose');
    await Button('Search').click();
    await list.has({ hrids: ['DIKU-1003', 'DIKU-1001'] });
    assert.equal(listQueries().at(-1),
      'role=="borrowing" and (title="Rose*" or patronName="Rose*" or hrid=="Rose*" or itemBarcode=="Rose*") sortby updatedDate/sort.descending');
    await TextField('Search requests').fillIn('say "hi"*');
    await Button('Search').click();
    await list.has({ rowCount: 0, emptyMessage: 'No requests match your search and filters.' });
    assert.match(listQueries().at(-1) ?? '', /title="say \\"hi\\"\\\*\*"/);
  });

  it('sorts by a column when its header is clicked, toggling the direction', async () => {
    backend = new FakeBackend(SAMPLE_REQUESTS);
    mounted = h.mountApp({ path: '/resource-sharing/borrowing', backend });
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 3 });
    await list.clickHeader('Title');
    await list.has({ hrids: ['DIKU-1002', 'DIKU-1003', 'DIKU-1001'] });
    assert.equal(listQueries().at(-1), 'role=="borrowing" sortby title/sort.ascending');
    await list.clickHeader('Title');
    await list.has({ hrids: ['DIKU-1001', 'DIKU-1003', 'DIKU-1002'] });
    await list.clickHeader('Patron');
    assert.equal(listQueries().at(-1), 'role=="borrowing" sortby patronName/sort.ascending');
  });

  it('loads more rows on request until all are shown', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      ...SAMPLE_REQUESTS[0],
      id: `22222222-2222-4222-8222-${String(i).padStart(12, '0')}`,
      hrid: `BULK-${String(i).padStart(3, '0')}`,
    }));
    backend = new FakeBackend(many);
    mounted = h.mountApp({ path: '/resource-sharing/borrowing', backend });
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 50, totalCount: 60 });
    await Button('Load more').click();
    await list.has({ rowCount: 60 });
    await Button('Load more').absent();
    assert.deepEqual(listQueries().length, 2);
    assert.equal(backend.callsTo('/resource-sharing/requests', 'GET').at(-1)?.searchParams.get('offset'), '50');
    // the counts come with the first page only
    assert.deepEqual(backend.callsTo('/resource-sharing/requests', 'GET').map((c) => c.searchParams.has('facets')), [true, false]);
  });

  it('shows the lending list separately, and an empty state', async () => {
    backend = new FakeBackend(SAMPLE_REQUESTS);
    mounted = h.mountApp({ path: '/resource-sharing/borrowing', backend });
    await MultiColumnList('rs-borrowing-list').has({ rowCount: 3 });
    await Link('Lending').click();
    await MultiColumnList('rs-lending-list').has({ hrids: ['DIKU-1004'] });
    await Pane('Lending requests').exists();
    mounted.unmount();
    backend = new FakeBackend([]);
    mounted = h.mountApp({ path: '/resource-sharing/lending', backend });
    await MultiColumnList('rs-lending-list').has({ rowCount: 0, emptyMessage: 'There are no requests yet.' });
  });

  it('shows the backend error when the list cannot be loaded', async () => {
    backend = new FakeBackend(SAMPLE_REQUESTS);
    backend.failures.set('list', { status: 400, body: 'CQL: unsupported index' });
    mounted = h.mountApp({ path: '/resource-sharing/borrowing', backend });
    await Pane('Borrowing requests').has({ text: including('The requests could not be loaded: CQL: unsupported index') });
  });
});
