import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, Select, TextField, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeBackend } from '../../test/fake-backend.ts';
import { CANCEL, CANNOT_SUPPLY, SAMPLE_REQUESTS, SHIP, WILL_SUPPLY } from '../../test/fixtures.ts';
import { Callout, FieldError, KeyValue, MultiColumnList, MultiColumnListRow, Pane } from '../../test/interactors.ts';

const LENDING = SAMPLE_REQUESTS[3];
const SHIPPED = SAMPLE_REQUESTS[1];

function lendingBackend(): FakeBackend {
  const backend = new FakeBackend(SAMPLE_REQUESTS);
  backend.actions.set(LENDING.id, [WILL_SUPPLY, CANNOT_SUPPLY]);
  backend.transitions.set(WILL_SUPPLY.code, { toState: 'RES_NEW_AWAIT_PULL_SLIP', nextActions: [SHIP] });
  backend.audit.set(LENDING.id, [{
    id: 'a1', requestId: LENDING.id, timestamp: '2026-03-04T09:00:00.000Z', actor: { type: 'partner', id: 'ISIL:US-NYPL' }, toState: 'RES_IDLE', message: 'Please hurry',
  }]);
  return backend;
}

describe('ui-resource-sharing: request detail', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;

  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  it('opens from the list and shows citation, patron, pickup, due dates, state and timeline', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    backend.audit.set(SHIPPED.id, [
      { id: 'a1', requestId: SHIPPED.id, timestamp: '2026-03-01T09:00:00.000Z', actor: { type: 'user', id: 'staff' }, action: 'validate', fromState: 'REQ_VALIDATED', toState: 'REQ_SENT_TO_SUPPLIER' },
      { id: 'a2', requestId: SHIPPED.id, timestamp: '2026-03-02T09:00:00.000Z', actor: { type: 'partner', id: 'ISIL:DK-820010' }, fromState: 'REQ_SENT_TO_SUPPLIER', toState: 'REQ_SHIPPED', message: 'Loaned' },
    ]);
    mounted = h.mountApp({ path: '/resource-sharing/borrowing', backend });
    await MultiColumnList('rs-borrowing-list').has({ rowCount: 3 });
    await MultiColumnListRow({ index: 1 }).click();
    const detail = Pane('DIKU-1002');
    await detail.has({ subtitle: 'Gödel, Escher, Bach' });
    await KeyValue('Author').has({ value: 'Hofstadter, Douglas' });
    await KeyValue('State').has({ value: 'Shipped by supplier' });
    await KeyValue('Supplier').has({ value: 'ISIL:DK-820010' });
    await KeyValue('Patron name').has({ value: 'Alan Turing' });
    await KeyValue('Item barcode').has({ value: 'IT-9' });
    await KeyValue('Due date (lender)').has({ value: including('Apr 20, 2026') });
    await KeyValue('Patron due date').has({ value: including('Apr 16, 2026') });
    await KeyValue('Pickup location').has({ value: '-No value set' });
    await MultiColumnListRow({ index: 1 }).is({ selected: true });
    const entries = () => Array.from(document.querySelectorAll('[data-test-timeline-entry]')).map((e) => e.textContent ?? '');
    await detail.has({ text: including('Partner ISIL:DK-820010') });
    const timeline = entries();
    assert.equal(timeline.length, 2);
    assert.match(timeline[0], /Partner ISIL:DK-820010.*Sent to supplier → Shipped by supplier.*Loaned/);
    assert.match(timeline[1], /A member of staff: Validate request.*Validated → Sent to supplier/);
  });

  it('the timeline names people, partners and events in words and formats the details given', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    const sam = '00000000-0000-4000-8000-6e6f72746800';
    backend.users = [{ id: sam, username: 'staff', personal: { firstName: 'Sam', lastName: 'Staff' } }];
    backend.audit.set(SHIPPED.id, [
      { id: 'a1', requestId: SHIPPED.id, timestamp: '2026-03-01T09:00:00.000Z', actor: { type: 'user', id: 'patron:1001' }, action: 'create', toState: 'REQ_IDLE' },
      { id: 'a2', requestId: SHIPPED.id, timestamp: '2026-03-02T09:00:00.000Z', actor: { type: 'user', id: sam }, action: 'cannotSupply', fromState: 'REQ_IDLE', toState: 'REQ_CANCEL_PENDING', message: 'reason: OnLoan; dueDate: 2031-02-01T12:00:00.000Z', changes: { parameters: { reason: 'OnLoan', dueDate: '2031-02-01T12:00:00.000Z' } } },
      { id: 'a3', requestId: SHIPPED.id, timestamp: '2026-03-03T09:00:00.000Z', actor: { type: 'system', id: 'host' }, action: 'supplierLoanCompleted:host', message: 'library system updated' },
    ]);
    const cases: Array<[string, RegExp[]]> = [
      ['en-US', [/Library system: Supplier completed the loan: library system updated/, /Staff, Sam: Cannot supply.*Reason\s*On loan.*Due date\s*Feb 1, 2031/, /Patron 1001: Request created.*→ New/]],
      ['de', [/Bibliothekssystem: Lieferant hat die Ausleihe abgeschlossen: Bibliothekssystem aktualisiert/, /Staff, Sam: /, /Benutzer\*in 1001: Anfrage angelegt/]],
    ];
    for (const [locale, expected] of cases) {
      mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${SHIPPED.id}`, backend, locale, interfaces: { 'resource-sharing': '1.0', users: '16.0' } });
      await Pane('DIKU-1002').has({ text: including('Staff, Sam') });
      const timeline = Array.from(document.querySelectorAll('[data-test-timeline-entry]')).map((e) => e.textContent ?? '');
      expected.forEach((re, i) => assert.match(timeline[i], re));
      assert.doesNotMatch(timeline.join(' '), /00000000-|patron:|:host|2031-02-01T/);
      assert.equal(timeline[0].split('library system updated').length, locale === 'de' ? 1 : 2, 'the English note is not repeated');
      mounted.unmount();
    }
    assert.ok(backend.callsTo('/users', 'GET').some((c) => c.searchParams.get('query')?.includes(sam)));
  });

  it('offers the actions in the pane header\'s Actions menu; performing one posts it with the version shown and refreshes the request', async () => {
    const backend = lendingBackend();
    mounted = h.mountApp({ path: `/resource-sharing/lending/view/${LENDING.id}`, backend });
    await Pane('DIKU-1004').exists();
    await KeyValue('State').has({ value: 'New' });
    await Button('Will supply').absent();
    await Button('Actions').click();
    await Button('Will supply').exists();
    await Button('Cannot supply').exists();
    assert.equal(document.querySelector('[data-pane-header-actions-dropdown-menu]')?.getAttribute('role'), 'menu');

    await Button('Will supply').click();
    // choosing an item closes the menu and opens the action's form in the pane
    assert.equal(document.querySelector('[data-pane-header-actions-dropdown-menu]'), null);
    await TextField('Note').fillIn('On the shelf');
    await Button('Confirm: Will supply').click();

    await KeyValue('State').has({ value: 'Awaiting pull slip printing' });
    await Button('Actions').click();
    await Button('Ship').exists();
    await Button('Will supply').absent();
    await Callout(including('Will supply: done.')).has({ type: 'success' });
    const posts = backend.callsTo(`/resource-sharing/requests/${LENDING.id}/actions/`, 'POST');
    assert.equal(posts.length, 1);
    assert.equal(posts[0].path, `/resource-sharing/requests/${LENDING.id}/actions/respondYes`);
    assert.deepEqual(posts[0].body, { parameters: { note: 'On the shelf' }, _version: 1 });
    assert.equal(posts[0].headers.get('X-Okapi-Token'), h.TOKEN);
    // the list behind the detail pane was refreshed too
    await MultiColumnListRow({ index: 0 }).has({ cells: including('Awaiting pull slip printing') as never });
    await Pane('DIKU-1004').has({ text: including('New → Awaiting pull slip printing') });
  });

  it('asks for required parameters and shows the backend error in a callout', async () => {
    const backend = lendingBackend();
    backend.failures.set(CANNOT_SUPPLY.code, { status: 422, body: { errors: [{ message: 'Reason not accepted by the partner agreement', code: 'reason' }] } });
    mounted = h.mountApp({ path: `/resource-sharing/lending/view/${LENDING.id}`, backend });
    await Button('Actions').click();
    await Button('Cannot supply').click();
    await Button('Confirm: Cannot supply').click();
    await FieldError('Please fill this in.').exists();
    assert.equal(backend.callsTo(`/resource-sharing/requests/${LENDING.id}/actions/`, 'POST').length, 0);
    await Select('Reason*').choose('in-use');
    await Button('Confirm: Cannot supply').click();
    await Callout(including('Cannot supply failed: Reason not accepted by the partner agreement')).has({ type: 'error' });
    assert.deepEqual(backend.callsTo(`/resource-sharing/requests/${LENDING.id}/actions/`, 'POST')[0].body, { parameters: { reason: 'in-use' }, _version: 1 });
    await KeyValue('State').has({ value: 'New' });
  });

  it('a date parameter is typed in the platform date picker in the user\'s date format and sent as YYYY-MM-DD', async () => {
    const backend = lendingBackend();
    backend.actions.set(LENDING.id, [SHIP]);
    mounted = h.mountApp({ path: `/resource-sharing/lending/view/${LENDING.id}`, backend, locale: 'de-DE' });
    await Button('Aktionen').click();
    await Button(SHIP.displayName).click();
    await TextField('Exemplar-Barcode*').fillIn('ITEM-9');
    await TextField('Fälligkeitsdatum*').has({ placeholder: 'DD.MM.YYYY' });
    await TextField('Fälligkeitsdatum*').fillIn('1.2.2031');
    await Button(`Bestätigen: ${SHIP.displayName}`).click();
    await Callout().exists();
    assert.deepEqual(backend.callsTo(`/resource-sharing/requests/${LENDING.id}/actions/`, 'POST')[0].body, {
      parameters: { itemBarcode: 'ITEM-9', dueDate: '2031-02-01' }, _version: 1,
    });
  });

  it('a stale pane: the action is refused (409), the callout says what the request is now and the pane shows it', async () => {
    const backend = lendingBackend();
    mounted = h.mountApp({ path: `/resource-sharing/lending/view/${LENDING.id}`, backend });
    await KeyValue('State').has({ value: 'New' });
    await Button('Actions').click();
    await Button('Cannot supply').click();
    // meanwhile a colleague chose "Will supply" in another tab
    const stored = backend.requests.find((r) => r.id === LENDING.id)!;
    stored.state = 'RES_NEW_AWAIT_PULL_SLIP';
    stored._version = 2;
    backend.actions.set(LENDING.id, [SHIP]);
    await Select('Reason*').choose('in-use');
    await Button('Confirm: Cannot supply').click();
    await Callout(including('A colleague changed this request: it is now Awaiting pull slip printing.')).has({ type: 'error' });
    const posts = backend.callsTo(`/resource-sharing/requests/${LENDING.id}/actions/`, 'POST');
    assert.equal(posts.length, 1);
    assert.equal((posts[0].body as { _version?: number })._version, 1);
    // the pane shows the request as it is now, with the actions possible now
    await KeyValue('State').has({ value: 'Awaiting pull slip printing' });
    await Button('Confirm: Cannot supply').absent();
    await Button('Actions').click();
    await Button('Ship').exists();
    await Button('Cannot supply').absent();
  });

  it('a refused action (422) is worded from its code in the user\'s language and the pane is read again', async () => {
    const backend = lendingBackend();
    backend.failures.set(WILL_SUPPLY.code, {
      status: 422,
      body: { errors: [{ message: 'Action respondYes is not allowed in state RES_IDLE', code: 'action.notAllowedInState', parameters: [{ key: 'action', value: 'respondYes' }, { key: 'state', value: 'RES_IDLE' }, { key: 'allowedInStates', value: 'RES_NEW_AWAIT_PULL_SLIP,RES_AWAIT_SHIP' }] }] },
    });
    mounted = h.mountApp({ path: `/resource-sharing/lending/view/${LENDING.id}`, backend, locale: 'de' });
    await Button('Aktionen').click();
    const before = backend.callsTo('/resource-sharing/graphql', 'POST').length;
    await Button('Will supply').click();
    await Button(including('Will supply')).click();
    await Callout(including('ist nicht möglich, solange die Anfrage')).has({ type: 'error' });
    const text = document.querySelector('[data-test-callout-element]')?.textContent ?? '';
    assert.doesNotMatch(text, /RES_/);
    assert.match(text, /Wartet auf Druck des Bestellzettels oder Wartet auf Versand/);
    await Callout(including('Neu')).exists();
    // read again after the failure
    for (let i = 0; i < 50 && backend.callsTo('/resource-sharing/graphql', 'POST').length === before; i += 1) await new Promise((r) => setTimeout(r, 20));
    assert.ok(backend.callsTo('/resource-sharing/graphql', 'POST').length > before);
  });

  it('an action without parameters is confirmed in one step', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    backend.actions.set(SHIPPED.id, [CANCEL]);
    backend.transitions.set(CANCEL.code, { toState: 'REQ_CANCEL_PENDING', nextActions: [] });
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${SHIPPED.id}`, backend });
    await Button('Actions').click();
    await Button('Cancel request').click();
    await Button('Confirm: Cancel request').click();
    await KeyValue('State').has({ value: 'Cancel pending' });
    await Button('Actions').click();
    await Pane('DIKU-1002').has({ text: including('No actions are possible in this state.') });
  });

  it('a user without the manage permission sees no action buttons and no New button', async () => {
    const backend = lendingBackend();
    mounted = h.mountApp({ path: `/resource-sharing/lending/view/${LENDING.id}`, backend, perms: h.VIEW_ONLY_PERMS });
    await KeyValue('State').has({ value: 'New' });
    await Pane('DIKU-1004').has({ text: including('Requesting library') });
    await Button('Will supply').absent();
    await Button('Actions').absent();
    assert.equal(backend.callsTo(`/resource-sharing/requests/${LENDING.id}/actions`, 'GET').length, 0);
    mounted.unmount();
    mounted = h.mountApp({ path: '/resource-sharing/borrowing', backend, perms: h.VIEW_ONLY_PERMS });
    await MultiColumnList('rs-borrowing-list').has({ rowCount: 3 });
    assert.equal(document.querySelector('#clickable-new-borrowing-request'), null);
  });

  it('says so when the request does not exist', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    mounted = h.mountApp({ path: '/resource-sharing/borrowing/view/no-such-id', backend });
    await Pane('Request').has({ text: including('The request could not be loaded: Request no-such-id not found') });
  });
});
