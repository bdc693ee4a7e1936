// Shared secrets and account ids in directory entries: masked for readers without the desired
// permission resource-sharing.directory.secrets.view, kept when an edit echoes the mask.
import assert from 'node:assert/strict';
import {
  enableTenant,
  purgeTenant,
  startModule,
  tenantClient,
  uniqueTenant,
  type RunningModule,
} from '../../../test/support/module-harness.ts';
import { partnerEndpoint } from '../../src/directory/index.ts';
import { SECRET_MASK, SECRETS_VIEW_PERMISSION } from '../../src/directory/secrets.ts';

const ENTRIES = '/resource-sharing/directory/entries';
/** Okapi lists the desired permissions the caller holds in X-Okapi-Permissions. */
const READER = { 'x-okapi-permissions': JSON.stringify(['resource-sharing.directory.item.get']) };
const KEEPER = { 'x-okapi-permissions': JSON.stringify([SECRETS_VIEW_PERMISSION]) };

describe('directory: shared secrets are masked without resource-sharing.directory.secrets.view', () => {
  let mod: RunningModule;
  let tenant: string;
  let api: ReturnType<typeof tenantClient>;
  let id: string;

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('sec');
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant);
    const created = await api.post(ENTRIES, {
      name: 'Secretive library',
      symbols: [{ authority: 'ISIL', symbol: 'DK-700' }],
      partner: true,
      iso18626Endpoint: 'https://ill.example.org/700/iso18626',
      sharedSecret: 'pw-700',
      accountId: 'us-at-700',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    id = created.body.id;
    await api.post(ENTRIES, { name: 'Open library', symbols: [{ authority: 'ISIL', symbol: 'DK-701' }] });
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  it('a reader without the permission sees the mask in the entry and in the list; a holder sees the values', async () => {
    const masked = await api.get(`${ENTRIES}/${id}`, READER);
    assert.equal(masked.status, 200);
    assert.equal(masked.body.sharedSecret, SECRET_MASK);
    assert.equal(masked.body.accountId, SECRET_MASK);
    assert.ok(!JSON.stringify(masked.body).includes('pw-700'));

    const list = await api.get(`${ENTRIES}?query=${encodeURIComponent('name=library')}`, READER);
    assert.equal(list.body.totalRecords, 2);
    assert.ok(!JSON.stringify(list.body).includes('pw-700') && !JSON.stringify(list.body).includes('us-at-700'));
    const open = list.body.entries.find((e: { name: string }) => e.name === 'Open library');
    assert.ok(!('sharedSecret' in open), 'an entry without a secret shows no mask');

    const shown = await api.get(`${ENTRIES}/${id}`, KEEPER);
    assert.equal(shown.body.sharedSecret, 'pw-700');
    assert.equal(shown.body.accountId, 'us-at-700');
    // Called directly (no gateway, no X-Okapi-Permissions), the module trusts the caller.
    assert.equal((await api.get(`${ENTRIES}/${id}`)).body.sharedSecret, 'pw-700');
  });

  it('an edit that sends the mask back keeps the stored secret; a new value replaces it', async () => {
    const masked = await api.get(`${ENTRIES}/${id}`, READER);
    const { metadata: _m, ...edited } = masked.body;
    const put = await api.put(`${ENTRIES}/${id}`, { ...edited, name: 'Secretive library (renamed)' }, READER);
    assert.equal(put.status, 204, JSON.stringify(put.body));
    const endpoint = await partnerEndpoint(mod.db, tenant, 'ISIL:DK-700');
    assert.equal(endpoint?.name, 'Secretive library (renamed)');
    assert.equal(endpoint?.sharedSecret, 'pw-700', 'the masked round trip kept the secret');
    assert.equal(endpoint?.accountId, 'us-at-700');

    const again = await api.get(`${ENTRIES}/${id}`, READER);
    const { metadata: _n, ...next } = again.body;
    assert.equal((await api.put(`${ENTRIES}/${id}`, { ...next, sharedSecret: 'pw-new' }, READER)).status, 204);
    assert.equal((await partnerEndpoint(mod.db, tenant, 'ISIL:DK-700'))?.sharedSecret, 'pw-new');
    assert.equal((await partnerEndpoint(mod.db, tenant, 'ISIL:DK-700'))?.accountId, 'us-at-700');
  });

  it('a new entry cannot take the mask as its secret (422 naming the field)', async () => {
    const res = await api.post(ENTRIES, { name: 'Copied', symbols: [{ authority: 'ISIL', symbol: 'DK-702' }], sharedSecret: SECRET_MASK });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].parameters[0].key, 'sharedSecret');
  });

  it('the export includes secrets only for holders of the permission', async () => {
    const refused = await api.get('/resource-sharing/directory/export?includeSecrets=true', READER);
    assert.equal(refused.status, 403);
    assert.match(refused.body, /resource-sharing\.directory\.secrets\.view/);
    const plain = await api.get('/resource-sharing/directory/export', READER);
    assert.equal(plain.status, 200);
    assert.ok(!JSON.stringify(plain.body).includes('pw-new'));
    const full = await api.get('/resource-sharing/directory/export?includeSecrets=true', KEEPER);
    assert.equal(full.status, 200);
    assert.ok(JSON.stringify(full.body).includes('pw-new'));
  });
});
