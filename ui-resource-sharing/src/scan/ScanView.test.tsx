import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, HTML, Link, TextField, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { WorkFake, action, deskRequest } from '../../test/work-fake.ts';
import { Banner, DateField } from '../../test/work-interactors.ts';
import { defaultDueDate } from './scan-workflows.ts';

const ScanEntry = HTML.extend('scan entry').selector('[data-test-scan-entry]').filters({ kind: (el) => el.getAttribute('data-test-scan-entry') ?? '' });

async function scan(label: string, value: string) {
  await TextField(label).fillIn(value);
  await Button('Enter').click();
}

describe('ui-resource-sharing: scan workflows', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']> | undefined;

  before(async () => { h = await loadHarness(); });
  afterEach(() => { mounted?.unmount(); mounted = undefined; });

  it('receive: the item barcode finds the shipped borrowing request and marks it received', async () => {
    const shipped = deskRequest({ role: 'borrowing', state: 'REQ_SHIPPED', hrid: 'DIKU-2001', itemBarcode: 'IT-9', citation: { title: 'Gödel, Escher, Bach' } });
    const backend = new WorkFake([shipped]);
    backend.actions.set(shipped.id, [action('markReceived')]);
    backend.transitions.set('markReceived', { toState: 'REQ_RECEIVED', nextActions: [action('patronReturned')] });
    mounted = h.mountApp({ path: '/resource-sharing/scan/receive', backend });

    await scan('Request ID or item barcode', 'IT-9');
    await Banner('Received: DIKU-2001 “Gödel, Escher, Bach”. Now: Received.').has({ type: 'success' });
    assert.equal(backend.callsTo(`/resource-sharing/requests/${shipped.id}/actions/markReceived`, 'POST').length, 1);

    await scan('Request ID or item barcode', 'NO-SUCH');
    await Banner('Nothing found for “NO-SUCH”. Check the barcode and scan again.').has({ type: 'error' });

    // scanned twice: the second time nothing applies, and the desk is told why
    await scan('Request ID or item barcode', 'DIKU-2001');
    await Banner(including('Nothing done: DIKU-2001 “Gödel, Escher, Bach” is Received')).exists();
    assert.equal(backend.callsTo(`/resource-sharing/requests/${shipped.id}/actions/markReceived`, 'POST').length, 1);

    await HTML('Scans in this session (3)').exists();
    assert.deepEqual(Array.from(document.querySelectorAll('[data-test-scan-entry]')).map((e) => e.getAttribute('data-test-scan-entry')), ['problem', 'problem', 'ok']);
  });

  it('ship: the pull slip id, then the item barcode, with the due date from the loan period', async () => {
    const picking = deskRequest({ role: 'lending', state: 'RES_AWAIT_PICKING', hrid: 'DIKU-3001', requesterSymbol: 'DEMO:NORTHFIELD', citation: { title: 'The dispossessed' } });
    const waiting = deskRequest({ role: 'lending', state: 'RES_NEW_AWAIT_PULL_SLIP', hrid: 'DIKU-3002', citation: { title: 'Persuasion' } });
    const backend = new WorkFake([picking, waiting]);
    backend.actions.set(picking.id, [action('markShipped')]);
    backend.actions.set(waiting.id, [action('printPullSlip')]);
    backend.transitions.set('markShipped', { toState: 'RES_ITEM_SHIPPED', nextActions: [] });
    mounted = h.mountApp({ path: '/resource-sharing/scan/ship', backend });

    await scan('Request ID (pull slip)', 'DIKU-3002');
    await Banner(including('Nothing done: DIKU-3002 “Persuasion” is Awaiting pull slip printing. Print its pull slip')).exists();

    await scan('Request ID (pull slip)', 'DIKU-3001');
    await Banner('DIKU-3001 “The dispossessed” for DEMO:NORTHFIELD: now scan the item barcode.').exists();
    await DateField('Due date').has({ value: defaultDueDate(21) });
    await TextField('Item barcode*').fillIn('SOUTH-0001');
    await Button('Mark shipped').click();
    await Banner('Shipped: DIKU-3001 “The dispossessed” with item SOUTH-0001. Now: Shipped.').has({ type: 'success' });
    const post = backend.callsTo(`/resource-sharing/requests/${picking.id}/actions/markShipped`, 'POST')[0];
    const params = (post.body as { parameters: { itemBarcode: string; dueDate: string } }).parameters;
    assert.equal(params.itemBarcode, 'SOUTH-0001');
    assert.equal(params.dueDate, new Date(`${defaultDueDate(21)}T23:59:59`).toISOString());
    // ready for the next pull slip
    await TextField('Request ID (pull slip)').exists();
  });

  it('return: a borrowed item is checked in and shipped back; our own item is marked returned', async () => {
    const borrowed = deskRequest({ role: 'borrowing', state: 'REQ_RECEIVED', hrid: 'DIKU-4001', itemBarcode: 'B-1', citation: { title: 'Frankenstein' } });
    const lent = deskRequest({ role: 'lending', state: 'RES_ITEM_RETURNED', hrid: 'DIKU-4002', itemBarcode: 'L-1', citation: { title: 'Dracula' } });
    const backend = new WorkFake([borrowed, lent]);
    backend.actions.set(borrowed.id, [action('patronReturned')]);
    backend.actions.set(lent.id, [action('markReturned')]);
    backend.transitions.set('patronReturned', { toState: 'REQ_AWAITING_RETURN_SHIPPING', nextActions: [action('shipReturn')] });
    backend.transitions.set('shipReturn', { toState: 'REQ_SHIPPED_TO_SUPPLIER', nextActions: [] });
    backend.transitions.set('markReturned', { toState: 'RES_COMPLETE', nextActions: [] });
    mounted = h.mountApp({ path: '/resource-sharing/scan/return', backend });

    await scan('Item barcode', 'B-1');
    await Banner('Returned by the patron and shipped back to the lender: DIKU-4001 “Frankenstein”. Now: Returned to supplier.').has({ type: 'success' });
    const performed = backend.calls.filter((c) => c.method === 'POST').map((c) => c.path.split('/').pop());
    assert.deepEqual(performed, ['patronReturned', 'shipReturn']);

    await scan('Item barcode', 'L-1');
    await Banner('Back from the borrower and marked returned: DIKU-4002 “Dracula”. Now: Complete.').has({ type: 'success' });
    await ScanEntry({ kind: 'ok' }).exists();
  });

  it('return: says so when the item was checked in but could not be shipped back', async () => {
    const borrowed = deskRequest({ role: 'borrowing', state: 'REQ_RECEIVED', hrid: 'DIKU-5001', itemBarcode: 'B-2', citation: { title: 'Emma' } });
    const backend = new WorkFake([borrowed]);
    backend.actions.set(borrowed.id, [action('patronReturned')]);
    backend.transitions.set('patronReturned', { toState: 'REQ_AWAITING_RETURN_SHIPPING', nextActions: [action('shipReturn')] });
    backend.failures.set('shipReturn', { status: 422, body: { errors: [{ message: 'Library system: the courier service is closed' }] } });
    mounted = h.mountApp({ path: '/resource-sharing/scan/return', backend });
    await scan('Item barcode', 'B-2');
    await Banner('DIKU-5001 “Emma” was checked in as returned by the patron, but shipping it back failed: Library system: the courier service is closed').has({ type: 'error' });
  });

  it('is reached from the lists, and only by users who may act on requests', async () => {
    const backend = new WorkFake([deskRequest({ role: 'lending', state: 'RES_IDLE', hrid: 'DIKU-6001' })]);
    mounted = h.mountApp({ path: '/resource-sharing/lending', backend });
    await Link('Scan').click();
    await TextField('Request ID (pull slip)').exists();
    await Link('Return').click();
    await TextField('Item barcode').exists();
    mounted.unmount();
    mounted = h.mountApp({ path: '/resource-sharing/lending', backend, perms: h.VIEW_ONLY_PERMS });
    await HTML('Lending requests').exists();
    await Link('Scan').absent();
    mounted.unmount();
    mounted = h.mountApp({ path: '/resource-sharing/scan/receive', backend, perms: h.VIEW_ONLY_PERMS });
    // what the permission allows, and which one to ask for
    await Banner(including('You can view requests but not scan items: ask for “Resource sharing: Create, edit and act on requests”.')).exists();
    await TextField('Request ID or item barcode').absent();
    mounted.unmount();
    mounted = h.mountApp({ path: '/resource-sharing/pull-slips', backend, perms: h.VIEW_ONLY_PERMS });
    await Banner(including('You can view requests but not print pull slips')).exists();
  });
});
