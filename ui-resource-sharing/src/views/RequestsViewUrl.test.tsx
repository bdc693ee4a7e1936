import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, CheckBox, HTML, Link, TextField } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeBackend } from '../../test/fake-backend.ts';
import { SAMPLE_REQUESTS } from '../../test/fixtures.ts';
import { MultiColumnList, MultiColumnListRow, Pane } from '../../test/interactors.ts';

// Borrowing fixtures: 1001 REQ_IDLE, 1002 REQ_SHIPPED from ISIL:DK-820010 ("Gödel, Escher, Bach"),
// 1003 REQ_SHIPPED from ISIL:DE-12 ("Roses of Picardy", created 03-03, needs attention); lending: 1004.
const SHIPPED = SAMPLE_REQUESTS[1];
const ALL = 'role=="borrowing" sortby updatedDate/sort.descending';

/** A date input (bigtest's TextField leaves out `type=date`), by its label. */
const DateField = HTML.extend<HTMLInputElement>('date field')
  .selector('input[type=date]')
  .locator((el) => (el.labels?.[0]?.textContent ?? '').trim())
  .filters({ value: (el) => el.value });

describe('ui-resource-sharing: request lists keep search, filters and sort in the URL', () => {
  let h: Harness;
  let backend: FakeBackend;
  let mounted: ReturnType<Harness['mountApp']>;

  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  /** the queries of the page requests (facets-only requests ask for no rows) */
  const pageQueries = () => backend.callsTo('/resource-sharing/requests', 'GET')
    .filter((c) => c.path === '/resource-sharing/requests' && c.searchParams.get('limit') !== '0')
    .map((c) => c.searchParams.get('query') ?? '');
  const url = () => {
    const { pathname, search } = mounted.history().location;
    return `${pathname}${search}`;
  };
  /** the URL, once it is `expected` (the app rewrites it after rendering) */
  async function urlBecomes(expected: string): Promise<void> {
    const until = Date.now() + 2000;
    while (url() !== expected && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    assert.equal(url(), expected);
  }

  function mount(path: string) {
    backend = new FakeBackend(SAMPLE_REQUESTS);
    mounted = h.mountApp({ path, backend });
  }

  it('opens a list at a URL with search, filters and sort applied, and sends only that query', async () => {
    mount('/resource-sharing/borrowing?query=Roses&filters=state.REQ_SHIPPED,serviceType.loan,partner.ISIL:DE-12,'
      + 'needsAttention.true,createdDate.2026-03-03:&sort=-title');
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ hrids: ['DIKU-1003'] });
    await TextField('Search requests').has({ value: 'Roses' });
    await CheckBox('Shipped by supplier (1)').is({ checked: true });
    await CheckBox('Loan (1)').is({ checked: true });
    await CheckBox('ISIL:DE-12 (1)').is({ checked: true });
    await CheckBox('Only requests that need attention (1)').is({ checked: true });
    await DateField('Created from').has({ value: '2026-03-03' });
    const expected = 'role=="borrowing" and (title="Roses*" or patronName="Roses*" or hrid=="Roses*" or itemBarcode=="Roses*")'
      + ' and (state=="REQ_SHIPPED") and needsAttention==true and (serviceType=="loan") and (supplierSymbol=="ISIL:DE-12")'
      + ' and createdDate>="2026-03-03" sortby title/sort.descending';
    // no unfiltered list is fetched first
    assert.deepEqual(pageQueries(), [expected]);
  });

  it('writes each change to the URL, keeping parameters it does not own', async () => {
    mount('/resource-sharing/borrowing?locale=en-US');
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 3 });
    await CheckBox('Shipped by supplier (2)').click();
    await list.has({ hrids: ['DIKU-1003', 'DIKU-1002'] });
    assert.equal(url(), '/resource-sharing/borrowing?locale=en-US&filters=state.REQ_SHIPPED');
    await TextField('Search requests').fillIn('Roses');
    await Button('Search').click();
    await list.has({ hrids: ['DIKU-1003'] });
    assert.equal(url(), '/resource-sharing/borrowing?locale=en-US&query=Roses&filters=state.REQ_SHIPPED');
    await list.clickHeader('Title');
    await urlBecomes('/resource-sharing/borrowing?locale=en-US&query=Roses&filters=state.REQ_SHIPPED&sort=title');
    await list.clickHeader('Title');
    await urlBecomes('/resource-sharing/borrowing?locale=en-US&query=Roses&filters=state.REQ_SHIPPED&sort=-title');
    await Button('Reset all').click();
    await list.has({ rowCount: 3 });
    // "Reset all" keeps the sort
    assert.equal(url(), '/resource-sharing/borrowing?locale=en-US&sort=-title');
  });

  it('goes back and forward through earlier filters', async () => {
    mount('/resource-sharing/borrowing');
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 3 });
    await CheckBox('Shipped by supplier (2)').click();
    await list.has({ rowCount: 2 });
    await CheckBox('ISIL:DE-12 (1)').click();
    await list.has({ hrids: ['DIKU-1003'] });
    await TextField('Search requests').fillIn('Roses');
    await Button('Search').click();
    await urlBecomes('/resource-sharing/borrowing?query=Roses&filters=state.REQ_SHIPPED,partner.ISIL:DE-12');

    mounted.history().goBack();
    await urlBecomes('/resource-sharing/borrowing?filters=state.REQ_SHIPPED,partner.ISIL:DE-12');
    await TextField('Search requests').has({ value: '' });
    await CheckBox('ISIL:DE-12 (1)').is({ checked: true });
    mounted.history().goBack();
    await list.has({ hrids: ['DIKU-1003', 'DIKU-1002'] });
    await CheckBox('ISIL:DE-12 (1)').is({ checked: false });
    await CheckBox('Shipped by supplier (2)').is({ checked: true });
    mounted.history().goBack();
    await list.has({ rowCount: 3 });
    await CheckBox('Shipped by supplier (2)').is({ checked: false });
    assert.equal(url(), '/resource-sharing/borrowing');

    mounted.history().go(3);
    await list.has({ hrids: ['DIKU-1003'] });
    await TextField('Search requests').has({ value: 'Roses' });
  });

  it('ignores garbage in the URL', async () => {
    mount('/resource-sharing/borrowing?query=&filters=state.RES_IDLE,state.%3Cscript%3E,serviceType.fax,partner.nope,'
      + 'needsAttention.yes,createdDate.2026-02-30:,updatedDate.2026-03-05:2026-03-01,,.,%ZZ,bogus&sort=-password');
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ rowCount: 3 });
    assert.deepEqual(pageQueries(), [ALL]);
    await CheckBox('Only requests that need attention (1)').is({ checked: false });
    await DateField('Created from').has({ value: '' });
    // the next change writes a clean URL
    await CheckBox('New (1)').click();
    await list.has({ hrids: ['DIKU-1001'] });
    assert.equal(url(), '/resource-sharing/borrowing?filters=state.REQ_IDLE');
    mounted.unmount();

    // valid parts of a partly broken URL still apply
    mount('/resource-sharing/borrowing?filters=state.REQ_SHIPPED,state.NOPE,partner.%&sort=nonsense');
    await MultiColumnList('rs-borrowing-list').has({ hrids: ['DIKU-1003', 'DIKU-1002'] });
    assert.deepEqual(pageQueries(), ['role=="borrowing" and (state=="REQ_SHIPPED") sortby updatedDate/sort.descending']);
  });

  it('keeps each side its own search when switching between borrowing and lending', async () => {
    mount('/resource-sharing/borrowing');
    await MultiColumnList('rs-borrowing-list').has({ rowCount: 3 });
    await CheckBox('Shipped by supplier (2)').click();
    await MultiColumnList('rs-borrowing-list').has({ rowCount: 2 });
    await Link('Lending').click();
    const lending = MultiColumnList('rs-lending-list');
    await lending.has({ hrids: ['DIKU-1004'] });
    assert.equal(url(), '/resource-sharing/lending');
    await lending.clickHeader('Title');
    await urlBecomes('/resource-sharing/lending?sort=title');

    await Link('Borrowing').click();
    await MultiColumnList('rs-borrowing-list').has({ hrids: ['DIKU-1003', 'DIKU-1002'] });
    await CheckBox('Shipped by supplier (2)').is({ checked: true });
    await urlBecomes('/resource-sharing/borrowing?filters=state.REQ_SHIPPED');
    await Link('Lending').click();
    await urlBecomes('/resource-sharing/lending?sort=title');
    // the borrowing list was never fetched unfiltered after coming back
    assert.equal(pageQueries().filter((q) => q === ALL).length, 1);
  });

  it('keeps the open request and the list in the URL, and the list when the request is closed', async () => {
    mount(`/resource-sharing/borrowing/view/${SHIPPED.id}?filters=state.REQ_SHIPPED`);
    await Pane('DIKU-1002').exists();
    const list = MultiColumnList('rs-borrowing-list');
    await list.has({ hrids: ['DIKU-1003', 'DIKU-1002'] });
    await MultiColumnListRow({ index: 1 }).is({ selected: true });

    await MultiColumnListRow({ index: 0 }).click();
    await Pane('DIKU-1003').exists();
    assert.equal(url(), `/resource-sharing/borrowing/view/${SAMPLE_REQUESTS[2].id}?filters=state.REQ_SHIPPED`);
    // a filter changed with the request open keeps it open
    await CheckBox('Only requests that need attention (1)').click();
    await list.has({ hrids: ['DIKU-1003'] });
    assert.equal(url(), `/resource-sharing/borrowing/view/${SAMPLE_REQUESTS[2].id}?filters=state.REQ_SHIPPED,needsAttention.true`);

    await Pane('DIKU-1003').find(Button('×')).click();
    await Pane('DIKU-1003').absent();
    assert.equal(url(), '/resource-sharing/borrowing?filters=state.REQ_SHIPPED,needsAttention.true');
    await list.has({ hrids: ['DIKU-1003'] });
  });

  it('keeps the list when a new request is opened and cancelled', async () => {
    mount('/resource-sharing/borrowing?filters=state.REQ_IDLE');
    await MultiColumnList('rs-borrowing-list').has({ hrids: ['DIKU-1001'] });
    await Link('New').click();
    await urlBecomes('/resource-sharing/borrowing/create?filters=state.REQ_IDLE');
    await Button({ id: 'rs-new-cancel' }).click();
    await urlBecomes('/resource-sharing/borrowing?filters=state.REQ_IDLE');
    await MultiColumnList('rs-borrowing-list').has({ hrids: ['DIKU-1001'] });
    assert.equal(pageQueries().filter((q) => q === ALL).length, 0);
  });
});
