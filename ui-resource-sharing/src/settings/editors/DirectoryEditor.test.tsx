import '../../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, CheckBox, Select, TextField, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../../test/setup.ts';
import { FakeConfigBackend } from '../../../test/fake-config-backend.ts';
import { FieldErrorAt } from '../../../test/editor-interactors.ts';
import { Callout, MultiColumnList, MultiColumnListRow, Pane } from '../../../test/interactors.ts';

describe('ui-resource-sharing: directory and partners editor', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;
  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  it('creates an entry with symbols, partner flag, endpoint and version, secret, SRU, lending policy and address', async () => {
    const backend = new FakeConfigBackend();
    mounted = h.mountApp({ path: '/settings/resource-sharing/directory', backend });
    await Button('New').click();
    await TextField('Institution*').fillIn('Royal Danish Library');
    await TextField('Symbol 1*').fillIn('DK-820010');
    await Button('Add symbol').click();
    await TextField('Authority of symbol 2*').fillIn('oclc');
    await TextField('Symbol 2*').fillIn('KBD');
    await TextField('ISO 18626 endpoint').fillIn('https://kb.example/iso18626');
    await Select('ISO 18626 version').choose('ISO 18626:2021');
    await TextField('Shared secret').fillIn('s3cret');
    await TextField('SRU endpoint (holdings check)').fillIn('https://kb.example/sru');
    await CheckBox(including('has a lending policy')).click();
    await CheckBox('Supplies copies').click();
    await TextField('Formats it lends (comma separated)').fillIn('book, dvd');
    await TextField('Loan period (days)').fillIn('28');
    await TextField('Shipping address: city').fillIn('Copenhagen');
    await TextField('Shipping address: country (2 letters)').fillIn('dk');
    assert.equal((document.getElementById('rs-directory-sharedSecret') as HTMLInputElement).type, 'password', 'the secret is masked while typed');
    await Button('Save').click();
    await Callout(including('Royal Danish Library saved.')).exists();
    assert.deepEqual(backend.callsTo('/resource-sharing/directory/entries', 'POST')[0].body, {
      name: 'Royal Danish Library',
      symbols: [{ authority: 'ISIL', symbol: 'DK-820010' }, { authority: 'OCLC', symbol: 'KBD' }],
      self: false,
      partner: true,
      iso18626Version: '2021',
      iso18626Endpoint: 'https://kb.example/iso18626',
      sharedSecret: 's3cret',
      sruEndpoint: 'https://kb.example/sru',
      lendingPolicy: { returnables: true, copies: false, formats: ['book', 'dvd'], loanPeriodDays: 28 },
      shippingAddress: { locality: 'Copenhagen', country: 'DK' },
    });
    await MultiColumnListRow({ index: 0 }).has({ cells: ['Royal Danish Library', 'ISIL:DK-820010, OCLC:KBD', 'Yes', '2021', 'Local', ''] as never });
  });

  it('edits an entry: a masked secret goes back unchanged, fields the form does not show are kept', async () => {
    const backend = new FakeConfigBackend();
    backend.directory = [{
      id: 'd1', name: 'Library A', symbols: [{ authority: 'ISIL', symbol: 'DK-A' }], partner: true, iso18626Endpoint: 'https://a.example/iso', iso18626Version: '2017',
      sharedSecret: '********', contacts: [{ name: 'ILL desk', email: 'ill@a.example' }], countries: ['DK'], _version: 2,
    }];
    mounted = h.mountApp({ path: '/settings/resource-sharing/directory', backend });
    await MultiColumnListRow({ index: 0 }).click();
    await Pane('Edit Library A').exists();
    await CheckBox(including('Partner: we send it requests')).click();
    await Button('Save').click();
    await Callout(including('Library A saved.')).exists();
    const put = backend.callsTo('/resource-sharing/directory/entries/d1', 'PUT')[0].body as Record<string, unknown>;
    assert.equal(put.partner, false);
    assert.equal(put.sharedSecret, '********');
    assert.deepEqual(put.contacts, [{ name: 'ILL desk', email: 'ill@a.example' }]);
    assert.deepEqual(put.countries, ['DK']);
    assert.equal(put._version, 2);
    await MultiColumnListRow({ index: 0 }).has({ cells: including('No') as never });
  });

  it('tells staff about a library that cannot be reached and messages refused in its name: a word in the list, the whole story on its form', async () => {
    const backend = new FakeConfigBackend();
    backend.directory = [
      {
        id: 'd1', name: 'Library A', symbols: [{ authority: 'ISIL', symbol: 'DK-A' }], partner: true, iso18626Version: '2021', _version: 4,
        reachability: { unreachableSince: '2026-12-07T08:00:00Z', lastError: 'HTTP 502 from https://a.example/iso', nextAttemptAt: '2026-12-07T09:10:00Z', waiting: 3 },
        authenticationFailures: { count: 12, lastDate: '2026-12-07T08:30:00Z', lastReason: 'securityCode does not match' },
      },
      { id: 'd2', name: 'Library B', symbols: [{ authority: 'ISIL', symbol: 'DK-B' }], partner: true, iso18626Version: '2021', _version: 1 },
    ];
    mounted = h.mountApp({ path: '/settings/resource-sharing/directory', backend });
    await MultiColumnListRow({ index: 0 }).has({ text: including('Unreachable since') });
    await MultiColumnListRow({ index: 0 }).has({ text: including('12 messages refused') });
    await MultiColumnListRow({ index: 1 }).has({ cells: ['Library B', 'ISIL:DK-B', 'Yes', '2021', 'Local', ''] as never });

    await MultiColumnListRow({ index: 0 }).click();
    await Pane('Edit Library A').exists();
    const banner = (id: string) => document.getElementById(id)?.textContent ?? '';
    assert.match(banner('rs-directory-unreachable'), /have not been delivered since .*\(3 messages wait; next try .*\)\..* Last error: HTTP 502 from https:\/\/a\.example\/iso/);
    assert.match(banner('rs-directory-refused'), /^12 messages in this library's name were refused for wrong credentials, the last on .*: securityCode does not match\. If the library changed its shared secret, enter the new one\.$/);
    await TextField('Shared secret').fillIn('new-secret');
    await Button('Save').click();
    await Callout(including('Library A saved.')).exists();
    // the count is the module's: saving the form does not reset it
    assert.equal(backend.directory[0].authenticationFailures?.count, 12);

    await MultiColumnListRow({ index: 1 }).click();
    await Pane('Edit Library B').exists();
    assert.equal(document.getElementById('rs-directory-unreachable'), null);
    assert.equal(document.getElementById('rs-directory-refused'), null);
  });

  it('marks a library as reached through the broker, and shows which entries the shared directory brought', async () => {
    const backend = new FakeConfigBackend();
    backend.directory = [
      { id: 'd1', name: 'Library A', symbols: [{ authority: 'ISIL', symbol: 'DK-A' }], partner: true, iso18626Version: '2017', _version: 1 },
      { id: 'd2', name: 'Library S', symbols: [{ authority: 'ISIL', symbol: 'DK-S' }], partner: true, iso18626Version: '2021', source: 'shared', viaBroker: true, _version: 1 },
    ];
    mounted = h.mountApp({ path: '/settings/resource-sharing/directory', backend });
    await MultiColumnListRow({ index: 1 }).has({ cells: ['Library S', 'ISIL:DK-S', 'Yes', '2021', 'Shared directory', ''] as never });
    await MultiColumnListRow({ index: 0 }).click();
    await CheckBox('Reached through the broker').click();
    await Button('Save').click();
    await Callout(including('Library A saved.')).exists();
    assert.equal((backend.callsTo('/resource-sharing/directory/entries/d1', 'PUT')[0].body as Record<string, unknown>).viaBroker, true);

    await MultiColumnListRow({ index: 1 }).click();
    await CheckBox('Reached through the broker').has({ checked: true });
    await CheckBox('Reached through the broker').click();
    await Button('Save').click();
    await Callout(including('Library S saved.')).exists();
    const put = backend.callsTo('/resource-sharing/directory/entries/d2', 'PUT')[0].body as Record<string, unknown>;
    assert.equal('viaBroker' in put, false, 'unticked: no longer reached through the broker');
    assert.equal(put.source, 'shared', 'where the entry came from is kept');
  });

  it('shows local checks and the server\'s 422 at the field they name', async () => {
    const backend = new FakeConfigBackend();
    backend.directory = [{ id: 'd1', name: 'Our library', self: true, symbols: [{ authority: 'ISIL', symbol: 'DK-US' }], _version: 1 }];
    mounted = h.mountApp({ path: '/settings/resource-sharing/directory', backend });
    await Button('New').click();
    await TextField('ISO 18626 endpoint').fillIn('ftp://nope');
    await Button('Save').click();
    await FieldErrorAt('rs-directory-name').has({ text: 'Please fill this in.' });
    await FieldErrorAt('rs-directory-iso18626Endpoint').has({ text: 'Please enter an http or https URL.' });
    assert.equal(backend.callsTo('/resource-sharing/directory/entries', 'POST').length, 0);

    await TextField('Institution*').fillIn('Second us');
    await TextField('Symbol 1*').fillIn('DK-2');
    await TextField('ISO 18626 endpoint').fillIn('');
    await CheckBox('This is our own library').click();
    await Button('Save').click();
    await FieldErrorAt('rs-directory-self').has({ text: '"Our library" is already marked as this library\'s own entry' });

    await CheckBox('This is our own library').click();
    await TextField('Symbol 1*').fillIn('dk-us');
    await Button('Save').click();
    await Pane('New directory entry').has({ text: including('ISIL:DK-US already belongs to the directory entry "Our library"') });
    await MultiColumnList('rs-directory-list').has({ rowCount: 1 });
  });
});
