import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, CheckBox, Select, TextField, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeConfigBackend } from '../../test/fake-config-backend.ts';
import { FieldErrorAt } from '../../test/editor-interactors.ts';
import { Callout } from '../../test/interactors.ts';

const PATH = '/settings/resource-sharing/broker';
const puts = (backend: FakeConfigBackend) => backend.callsTo('/resource-sharing/settings', 'PUT').map((c) => c.body as Record<string, unknown>);

describe('ui-resource-sharing: broker mode settings', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;
  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  it('turns broker mode on: the broker, its credentials and the shared directory; a bad symbol or endpoint is caught first', async () => {
    const backend = new FakeConfigBackend();
    mounted = h.mountApp({ path: PATH, backend });
    await Select('How requests travel').choose("Through the consortium's broker");
    await TextField('Broker symbol*').fillIn('BROKER');
    await TextField('Broker ISO 18626 endpoint*').fillIn('ftp://broker.example');
    await Button('Save').click();
    await FieldErrorAt('rs-broker-symbol').has({ text: 'Give the symbol as AUTHORITY:CODE, e.g. ISIL:BROKER.' });
    await FieldErrorAt('rs-broker-endpoint').has({ text: 'Please enter an http or https URL.' });
    assert.equal(puts(backend).length, 0, 'nothing is sent while the form has mistakes');

    await TextField('Broker symbol*').fillIn('ISIL:BROKER');
    await TextField('Broker ISO 18626 endpoint*').fillIn('https://broker.example/iso18626');
    await Select('ISO 18626 version').choose('ISO 18626:2021');
    await Select('Broker mode').choose('Transparent (the real libraries in the headers)');
    await TextField('Shared secret agreed with the broker').fillIn('b-secret');
    await Select("The broker's messages must carry these credentials").choose('Always');
    await TextField('Shared directory service URL').fillIn('https://directory.example/entries');
    await CheckBox('Make new institutions from the shared directory partners').click();
    await Button('Save').click();
    await Callout(including('saved')).exists();
    assert.deepEqual(puts(backend)[0], {
      broker: { routing: 'broker', symbol: 'ISIL:BROKER', endpoint: 'https://broker.example/iso18626', version: '2021', mode: 'transparent', sharedSecret: 'b-secret', authentication: 'required' },
      sharedDirectory: { url: 'https://directory.example/entries', partners: false },
    });
    assert.equal((backend.settings.broker as { sharedSecret?: string }).sharedSecret, 'b-secret');
  });

  it('shows refusals in the broker\'s name; a change elsewhere keeps the masked secret and the count; the module\'s 422 lands at its field', async () => {
    const backend = new FakeConfigBackend();
    backend.settings.broker = {
      routing: 'both', symbol: 'ISIL:BROKER', endpoint: 'https://broker.example/iso18626', version: '2017', mode: 'opaque', sharedSecret: 'stored-secret',
      authenticationFailures: { count: 3, lastDate: '2026-12-07T08:30:00Z', lastReason: 'securityCode does not match' },
    };
    mounted = h.mountApp({ path: PATH, backend });
    await TextField('Broker symbol*').has({ value: 'ISIL:BROKER' });
    const refused = document.getElementById('rs-broker-refused')?.textContent ?? '';
    assert.match(refused, /^3 messages in the broker's name were refused for wrong credentials, the last on .*: securityCode does not match\./);
    assert.equal((document.getElementById('rs-broker-sharedSecret') as HTMLInputElement).value, '********', 'the secret is shown masked');

    await Select('ISO 18626 version').choose('ISO 18626:2021');
    await Button('Save').click();
    await Callout(including('saved')).exists();
    const sent = puts(backend)[0].broker as Record<string, unknown>;
    assert.equal(sent.sharedSecret, '********', 'the mask goes back, which keeps the stored secret');
    assert.equal(sent.version, '2021');
    assert.equal((backend.settings.broker as { sharedSecret: string }).sharedSecret, 'stored-secret');
    assert.deepEqual((backend.settings.broker as { authenticationFailures: unknown }).authenticationFailures, { count: 3, lastDate: '2026-12-07T08:30:00Z', lastReason: 'securityCode does not match' });

    // the module refuses required authentication without a secret, naming the field
    await TextField('Shared secret agreed with the broker').fillIn('');
    await Select("The broker's messages must carry these credentials").choose('Always');
    await Button('Save').click();
    await FieldErrorAt('rs-broker-authentication').has({ text: including('required authentication needs the sharedSecret') });
  });

  it('peer to peer with no broker named turns broker mode off (broker: null)', async () => {
    const backend = new FakeConfigBackend();
    backend.settings.broker = { routing: 'broker', symbol: 'ISIL:BROKER', endpoint: 'https://broker.example/iso18626', mode: 'opaque' };
    mounted = h.mountApp({ path: PATH, backend });
    await Select('How requests travel').choose('Peer to peer');
    await TextField('Broker symbol*').fillIn('');
    await TextField('Broker ISO 18626 endpoint*').fillIn('');
    await Button('Save').click();
    await Callout(including('saved')).exists();
    assert.equal(puts(backend)[0].broker, null);
    assert.equal(backend.settings.broker, null);
  });
});
