import '../../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, CheckBox, Select, TextField, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../../test/setup.ts';
import { FakeConfigBackend } from '../../../test/fake-config-backend.ts';
import { FieldErrorAt } from '../../../test/editor-interactors.ts';
import { Callout } from '../../../test/interactors.ts';

const lastPut = (b: FakeConfigBackend) => {
  const puts = b.callsTo('/resource-sharing/settings', 'PUT');
  return puts[puts.length - 1]?.body as Record<string, unknown> | undefined;
};

describe('ui-resource-sharing: settings pages', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;
  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  it('requests and lending: delivery offset, thresholds, auto-responder and request id prefix are saved', async () => {
    const backend = new FakeConfigBackend();
    mounted = h.mountApp({ path: '/settings/resource-sharing/workflow', backend });
    await TextField(including('Delivery offset')).has({ value: '3' });
    await TextField('Request id prefix').fillIn('NF');
    await TextField(including('Delivery offset')).fillIn('5');
    await TextField(including('Lending threshold')).fillIn('40');
    await CheckBox(including('Auto-responder')).click();
    await Button('Save').click();
    await Callout(including('Settings saved.')).exists();
    assert.deepEqual(lastPut(backend), {
      requestIdPrefix: 'NF', deliveryOffsetDays: 5, lendingLoanPeriodDays: 28, lendingThreshold: 40, staleLendingDays: null, autoResponder: true,
    });
    assert.equal(backend.settings.autoResponder, true);
  });

  it('shows the server\'s 422 at the field it names, and local checks before sending', async () => {
    const backend = new FakeConfigBackend();
    mounted = h.mountApp({ path: '/settings/resource-sharing/workflow', backend });
    await TextField(including('Delivery offset')).fillIn('90');
    await Button('Save').click();
    await FieldErrorAt('rs-setting-deliveryOffsetDays').has({ text: 'deliveryOffsetDays must be <= 60' });
    assert.equal(backend.settings.deliveryOffsetDays, 3);
    const sent = backend.callsTo('/resource-sharing/settings', 'PUT').length;
    await TextField(including('Loan period we grant')).fillIn('');
    await Button('Save').click();
    await FieldErrorAt('rs-setting-lendingLoanPeriodDays').has({ text: 'Please fill this in.' });
    assert.equal(backend.callsTo('/resource-sharing/settings', 'PUT').length, sent);
  });

  it('host adapter and mapping: FOLIO shows its mapping; a bad Okapi URL is shown at its field', async () => {
    const backend = new FakeConfigBackend();
    mounted = h.mountApp({ path: '/settings/resource-sharing/host', backend });
    await TextField(including('Okapi URL')).absent();
    await Select('Library system*').choose('FOLIO');
    const uuid = '5bf370e0-8cca-4d9c-82e4-5170ab2a0a39';
    await TextField('Okapi URL*').fillIn('okapi.local:9130');
    for (const label of ['Instance type (UUID)', 'Location for borrowed items (UUID)', 'Holdings source (UUID)', 'Material type (UUID)', 'Loan type (UUID)', 'Pickup service point (UUID)', 'Default service point (UUID)']) {
      await TextField(`${label}*`).fillIn(uuid);
    }
    await TextField('Instance source*').fillIn('RS');
    await TextField('Institutional patron barcode*').fillIn('ILL-INST');
    await Button('Save').click();
    await FieldErrorAt('rs-setting-folioHost-okapiUrl').has({ text: including('folioHost.okapiUrl must match pattern') });
    await TextField('Okapi URL*').fillIn('http://okapi.local:9130');
    await Button('Save').click();
    await Callout(including('Settings saved.')).exists();
    const body = lastPut(backend) as { hostAdapter: string; folioHost: Record<string, unknown> };
    assert.equal(body.hostAdapter, 'folio');
    assert.equal(body.folioHost.okapiUrl, 'http://okapi.local:9130');
    assert.equal(body.folioHost.materialTypeId, uuid);
    assert.equal('systemUser' in body.folioHost, false, 'no system user without a name');
    assert.equal('ncipHost' in body, false, 'the NCIP settings are left alone');
  });

  it('host mapping: ids are chosen by name from the library system\'s reference data', async () => {
    const backend = new FakeConfigBackend();
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    backend.referenceData = {
      hostAdapter: 'folio',
      instanceTypes: [{ id: id(1), name: 'text', code: 'txt' }],
      locations: [{ id: id(2), name: 'Interlibrary loan shelf', code: 'ILL' }],
      materialTypes: [{ id: id(3), name: 'book' }],
      loanTypes: [{ id: id(4), name: 'Can circulate' }],
      servicePoints: [{ id: id(5), name: 'Circulation desk', code: 'CIRC' }, { id: id(6), name: 'Branch desk', code: 'BR' }],
    };
    mounted = h.mountApp({ path: '/settings/resource-sharing/host', backend });
    await Select('Library system*').choose('FOLIO');
    await Select('Instance type*').choose('text (txt)');
    await Select('Location for borrowed items*').choose('Interlibrary loan shelf (ILL)');
    await Select('Material type*').choose('book');
    await Select('Loan type*').choose('Can circulate');
    await Select('Pickup service point*').choose('Branch desk (BR)');
    await Select('Default service point*').choose('Circulation desk (CIRC)');
    // holdings source is not in the lists: typed
    await TextField('Holdings source (UUID)*').fillIn(id(7));
    await TextField('Okapi URL*').fillIn('http://okapi.local:9130');
    await TextField('Instance source*').fillIn('RS');
    await TextField('Institutional patron barcode*').fillIn('ILL-INST');
    await Button('Save').click();
    await Callout(including('Settings saved.')).exists();
    const body = lastPut(backend) as { folioHost: Record<string, unknown> };
    assert.deepEqual(
      [body.folioHost.instanceTypeId, body.folioHost.illLocationId, body.folioHost.materialTypeId, body.folioHost.permanentLoanTypeId, body.folioHost.pickupServicePointId, body.folioHost.defaultServicePointId],
      [id(1), id(2), id(3), id(4), id(6), id(5)],
    );
  });

  it('ranking: the weights go back as one object with the overload threshold', async () => {
    const backend = new FakeConfigBackend();
    mounted = h.mountApp({ path: '/settings/resource-sharing/ranking', backend });
    await TextField(including('Weight: overload')).has({ value: '1' });
    await TextField(including('Weight: lending/borrowing balance')).fillIn('a lot');
    await Button('Save').click();
    await FieldErrorAt('rs-setting-rankingWeights-balance').has({ text: 'Please enter a number.' });
    assert.equal(lastPut(backend), undefined);
    await TextField(including('Weight: lending/borrowing balance')).fillIn('1');
    await TextField(including('Weight: speed and fill rate')).fillIn('2.5');
    await TextField(including('Overload threshold')).fillIn('12');
    await Button('Save').click();
    await Callout(including('Settings saved.')).exists();
    assert.deepEqual(lastPut(backend), {
      overloadThreshold: 12,
      rankingWeights: { overload: 1, balance: 1, performance: 2.5, loanToBorrowRatio: 0.5 },
    });
  });
});
