import '../../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, CheckBox, Select, TextField, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../../test/setup.ts';
import { FakeConfigBackend } from '../../../test/fake-config-backend.ts';
import { FieldErrorAt } from '../../../test/editor-interactors.ts';
import { Callout, MultiColumnList, MultiColumnListRow, Pane } from '../../../test/interactors.ts';

function backendWithDirectory(): FakeConfigBackend {
  const b = new FakeConfigBackend();
  b.directory = [
    { id: 'd1', name: 'Library A', symbols: [{ authority: 'ISIL', symbol: 'DK-A' }], partner: true, _version: 1 },
    { id: 'd2', name: 'Library B', symbols: [{ authority: 'ISIL', symbol: 'DK-B' }], partner: true, _version: 1 },
    { id: 'd3', name: 'Library C', symbols: [{ authority: 'ISIL', symbol: 'DK-C' }], partner: true, _version: 1 },
  ];
  return b;
}

describe('ui-resource-sharing: rota profiles editor', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;
  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  it('creates a profile: suppliers chosen from the directory, reordered with up/down, ranked, with a rule', async () => {
    const backend = backendWithDirectory();
    mounted = h.mountApp({ path: '/settings/resource-sharing/rotas', backend });
    await MultiColumnList('rs-rota-list').has({ rowCount: 0 });
    await Button('New').click();
    await TextField('Name*').fillIn('Quick to respond');
    for (const [n, label] of [[1, 'ISIL:DK-A (Library A)'], [2, 'ISIL:DK-B (Library B)'], [3, 'ISIL:DK-C (Library C)']] as const) {
      await Button('Add supplier').click();
      await Select(`Supplier ${n}`).choose(label);
    }
    await TextField('Note for supplier 3').fillIn('fastest');
    await Button({ id: 'rs-rota-entry-2-up' }).click();
    assert.equal(document.getElementById('rs-rota-entry-2-up')?.getAttribute('aria-label'), 'Move supplier 3 up');
    await Button({ id: 'rs-rota-entry-0-down' }).click();
    await CheckBox(including('Ask the suppliers in the order listed')).click();
    await Button('Add rule').click();
    await Select('Service type (rule 1)').choose('Copy');
    await TextField('Needed within days (rule 1)').fillIn('7');
    await Button('Save').click();
    await Callout(including('Quick to respond saved.')).has({ type: 'success' });
    const post = backend.callsTo('/resource-sharing/rotas', 'POST')[0];
    assert.deepEqual(post.body, {
      name: 'Quick to respond',
      ordered: false,
      entries: [{ symbol: 'ISIL:DK-C', note: 'fastest' }, { symbol: 'ISIL:DK-A' }, { symbol: 'ISIL:DK-B' }],
      rules: [{ serviceType: 'copy', neededWithinDays: 7 }],
    });
    await MultiColumnList('rs-rota-list').has({ rowCount: 1 });
    await MultiColumnListRow({ index: 0 }).has({ cells: ['Quick to respond', 'Ranked', 'ISIL:DK-C, ISIL:DK-A, ISIL:DK-B'] as never });
    await Pane('New rota profile').absent();
  });

  it('edits a profile: the new order goes back with its version', async () => {
    const backend = backendWithDirectory();
    backend.rotas = [{ id: 'r1', name: 'E-experts', ordered: true, entries: [{ symbol: 'ISIL:DK-A' }, { symbol: 'ISIL:DK-B' }], rules: [], _version: 3 }];
    mounted = h.mountApp({ path: '/settings/resource-sharing/rotas', backend });
    await MultiColumnListRow({ index: 0 }).click();
    await Pane('Edit rota profile E-experts').exists();
    await Button({ id: 'rs-rota-entry-1-up' }).click();
    await Button('Save').click();
    await Callout(including('E-experts saved.')).exists();
    const put = backend.callsTo('/resource-sharing/rotas/r1', 'PUT')[0];
    assert.deepEqual((put.body as { entries: unknown }).entries, [{ symbol: 'ISIL:DK-B' }, { symbol: 'ISIL:DK-A' }]);
    assert.equal((put.body as { _version: number })._version, 3);
    assert.equal(backend.rotas[0]._version, 4);
  });

  it('keeps what the form does not show (the ranking strategy) and sends a profile through the broker', async () => {
    const backend = backendWithDirectory();
    backend.rotas = [{
      id: 'r1', name: 'Copies', ordered: false, strategy: 'mostLikelyFastest', entries: [{ symbol: 'ISIL:DK-A' }], rules: [{ serviceType: 'copy' }], _version: 1,
      metadata: { createdDate: '2026-12-01T10:00:00Z' },
    }];
    mounted = h.mountApp({ path: '/settings/resource-sharing/rotas', backend });
    await MultiColumnListRow({ index: 0 }).click();
    await Pane('Edit rota profile Copies').exists();
    await CheckBox('Send these requests through the broker').has({ checked: false });
    await CheckBox('Send these requests through the broker').click();
    await Button('Save').click();
    await Callout(including('Copies saved.')).exists();
    const put = backend.callsTo('/resource-sharing/rotas/r1', 'PUT')[0].body as Record<string, unknown>;
    assert.equal(put.useBroker, true);
    assert.equal(put.strategy, 'mostLikelyFastest', 'a field the form does not show goes back as it was');
    assert.equal('metadata' in put, false, 'the module keeps the metadata');

    await MultiColumnListRow({ index: 0 }).click();
    await CheckBox('Send these requests through the broker').has({ checked: true });
    await CheckBox('Send these requests through the broker').click();
    await Button('Save').click();
    await Pane('Edit rota profile Copies').absent();
    const second = backend.callsTo('/resource-sharing/rotas/r1', 'PUT')[1].body as Record<string, unknown>;
    assert.equal('useBroker' in second, false, 'unticked: the profile no longer goes through the broker');
    assert.equal(second.strategy, 'mostLikelyFastest');
  });

  it('shows checks and the server\'s 422 at the field they name', async () => {
    const backend = backendWithDirectory();
    backend.rotas = [{ id: 'r1', name: 'Expensive', ordered: true, entries: [], _version: 1 }];
    mounted = h.mountApp({ path: '/settings/resource-sharing/rotas', backend });
    await Button('New').click();
    await Button('Add supplier').click();
    await Button('Save').click();
    await FieldErrorAt('rs-rota-name').has({ text: 'Please fill this in.' });
    await FieldErrorAt('rs-rota-entry-0-symbol').has({ text: 'Please fill this in.' });
    assert.equal(backend.callsTo('/resource-sharing/rotas', 'POST').length, 0, 'nothing sent while the form has errors');

    await TextField('Name*').fillIn('expensive');
    await Select('Supplier 1').choose('ISIL:DK-A (Library A)');
    await Button('Save').click();
    await FieldErrorAt('rs-rota-name').has({ text: 'A rota profile named "expensive" already exists' });
    await Pane('New rota profile').exists();
    assert.equal(backend.rotas.length, 1);
  });
});
