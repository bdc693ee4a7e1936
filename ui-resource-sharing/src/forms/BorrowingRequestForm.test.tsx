import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, Link, Select, TextField, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeBackend } from '../../test/fake-backend.ts';
import { FakeConfigBackend } from '../../test/fake-config-backend.ts';
import { SAMPLE_REQUESTS } from '../../test/fixtures.ts';
import { Callout, FieldError, KeyValue, MultiColumnList, Pane } from '../../test/interactors.ts';

/**
 * react-final-form subscribes a field in an effect after the form is first shown; typed within that
 * first moment (a test, never a person) the text is dropped. Types again until the field holds it.
 */
async function fillInWhenReady(label: string, value: string) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await TextField(label).fillIn(value);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const labelled = [...document.querySelectorAll('label')].find((l) => l.textContent === label);
    if ((labelled?.control as HTMLInputElement | null)?.value === value) return;
  }
  throw new Error(`the field did not take ${value}`);
}

describe('ui-resource-sharing: new borrowing request', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;

  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  it('refuses an empty title with a visible message and sends nothing', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    mounted = h.mountApp({ path: '/resource-sharing/borrowing', backend });
    await Link('New').click();
    await Pane('New borrowing request').exists();
    await TextField('Author').fillIn('Knuth, Donald');
    await Button('Save & close').click();
    await FieldError('Please enter a title.').exists();
    assert.equal(document.getElementById('rs-new-title')?.getAttribute('aria-invalid'), 'true');
    await Pane('New borrowing request').has({ text: including('Please correct the marked fields.') });
    assert.equal(backend.callsTo('/resource-sharing/requests', 'POST').length, 0);
  });

  it('creates the request and opens it', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    mounted = h.mountApp({ path: '/resource-sharing/borrowing/create', backend });
    await fillInWhenReady('Title*', 'The Art of Computer Programming');
    await TextField('ISBN').fillIn('978-0201896831');
    await TextField('Patron barcode').fillIn('P-100');
    await TextField('Pickup location').fillIn('Main desk');
    await Select('Service type').choose('Copy');
    await TextField('Pages').fillIn('1-20');
    await Button('Save & close').click();
    await Pane('NEW-1').exists();
    await KeyValue('State').has({ value: 'New' });
    await Callout(including('Borrowing request NEW-1 was created.')).exists();
    const post = backend.callsTo('/resource-sharing/requests', 'POST')[0];
    assert.deepEqual(post.body, {
      serviceType: 'copy',
      citation: { title: 'The Art of Computer Programming', isbn: '978-0201896831', pages: '1-20' },
      patron: { barcode: 'P-100', pickupLocation: 'Main desk' },
    });
    await MultiColumnList('rs-borrowing-list').has({ rowCount: 4 });
  });

  it('chooses the pickup location from the library system\'s pickup points, and the request shows its name', async () => {
    const backend = new FakeConfigBackend();
    backend.referenceData = {
      hostAdapter: 'folio',
      pickupLocations: [{ id: 'sp-1', code: 'CIRC', name: 'Circulation desk' }, { id: 'sp-2', code: 'BR', name: 'Branch desk' }],
    };
    mounted = h.mountApp({ path: '/resource-sharing/borrowing/create', backend });
    await fillInWhenReady('Title*', 'Dune');
    await TextField('Pickup location').absent();
    await Select('Pickup location').choose('Branch desk');
    await Button('Save & close').click();
    await Pane('NEW-1').exists();
    assert.deepEqual(backend.callsTo('/resource-sharing/requests', 'POST')[0].body, {
      serviceType: 'loan', citation: { title: 'Dune' }, patron: { pickupLocation: 'BR' },
    });
    await KeyValue('Pickup location').has({ value: 'Branch desk' });
  });

  it('types "needed before" in the platform date picker, in the locale\'s format, and sends the date', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    mounted = h.mountApp({ path: '/resource-sharing/borrowing/create', backend });
    await fillInWhenReady('Title*', 'Dune');
    assert.ok(document.querySelector('[data-test-datepicker-container] #rs-new-neededBefore'));
    await TextField('Needed before').has({ placeholder: 'MM/DD/YYYY' });
    await TextField('Needed before').fillIn('13/45/2031');
    await Button('Save & close').click();
    await FieldError('This is not a date.').exists();
    await TextField('Needed before').fillIn('01/02/2000');
    await FieldError('The date must not be in the past.').exists();
    assert.equal(backend.callsTo('/resource-sharing/requests', 'POST').length, 0);
    await TextField('Needed before').fillIn('2/1/2031');
    await Button('Save & close').click();
    await Pane('NEW-1').exists();
    assert.deepEqual(backend.callsTo('/resource-sharing/requests', 'POST')[0].body, {
      serviceType: 'loan', citation: { title: 'Dune' }, patron: { neededBefore: '2031-02-01' },
    });
  });

  it('asks before leaving with unsaved changes, and stays when the user says no', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    const asked: string[] = [];
    let answer = false;
    mounted = h.mountApp({
      path: '/resource-sharing/borrowing/create', backend, confirmLeave: (message) => { asked.push(message); return answer; },
    });
    // nothing typed: leaving asks nothing
    await Button('Cancel').click();
    await Pane('New borrowing request').absent();
    assert.deepEqual(asked, []);
    await Link('New').click();
    await TextField('Title*').fillIn('Dune');
    await Button('Cancel').click();
    assert.deepEqual(asked, ['You have unsaved changes. Leave this form and lose them?']);
    await Pane('New borrowing request').exists();
    await TextField('Title*').has({ value: 'Dune' });
    answer = true;
    await Button('Cancel').click();
    await Pane('New borrowing request').absent();
    assert.equal(asked.length, 2);
    // saving leaves without asking
    await Link('New').click();
    await TextField('Title*').fillIn('Dune');
    await Button('Save & close').click();
    await Pane('NEW-1').exists();
    assert.equal(asked.length, 2);
  });

  it('previews the rota the request would get: through the broker, the broker alone with its reason', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    backend.rotaPreview = {
      profile: null,
      entries: [{ symbol: 'ISIL:BROKER', rank: 1, broker: true, brokerSuppliers: [], reason: 'ranked 1st: this library borrows through the broker ISIL:BROKER, which finds the supplier' }],
      broker: { symbol: 'ISIL:BROKER', routing: 'broker', mode: 'opaque', used: true },
    };
    mounted = h.mountApp({ path: '/resource-sharing/borrowing/create', backend });
    await Button('Preview rota').is({ disabled: true });
    await fillInWhenReady('Title*', 'Dune');
    await Select('Service type').choose('Copy');
    await TextField('Pages').fillIn('3-9');
    await Button('Preview rota').click();
    await Pane('New borrowing request').has({ text: including('This request would go through the broker ISIL:BROKER, which finds the supplier.') });
    await MultiColumnList('rs-request-rota').has({ rowCount: 1 });
    const row = document.querySelector('#rs-request-rota [data-row-inner]')?.textContent ?? '';
    assert.match(row, /Broker.*ISIL:BROKER/);
    assert.match(row, /borrows through the broker ISIL:BROKER/);
    assert.deepEqual(backend.callsTo('/resource-sharing/rotas/preview', 'POST')[0].body, {
      serviceType: 'copy', citation: { title: 'Dune', pages: '3-9' },
    });
    // nothing was created: a preview stores nothing
    assert.equal(backend.callsTo('/resource-sharing/requests', 'POST').length, 0);

    // peer to peer although broker mode is on: said so, and the peers listed
    backend.rotaPreview = {
      profile: { id: 'p1', name: 'Loans', ordered: true },
      entries: [{ symbol: 'ISIL:DK-1', name: 'Southbank library', rank: 1, reason: '1st in the profile' }],
      broker: { symbol: 'ISIL:BROKER', routing: 'both', mode: 'opaque', used: false },
    };
    await Select('Service type').choose('Loan');
    await Button('Preview rota').click();
    await Pane('New borrowing request').has({ text: including('this request would go peer to peer (not through ISIL:BROKER)') });
    await Pane('New borrowing request').has({ text: including('Rota profile: Loans') });
    assert.match(document.querySelector('#rs-request-rota [data-row-inner]')?.textContent ?? '', /Southbank library/);
  });

  it('is not offered to a user without the manage permission', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    mounted = h.mountApp({ path: '/resource-sharing/borrowing/create', backend, perms: h.VIEW_ONLY_PERMS });
    await MultiColumnList('rs-borrowing-list').has({ rowCount: 3 });
    await Link('New').absent();
    await Pane('New borrowing request').absent();
  });
});
