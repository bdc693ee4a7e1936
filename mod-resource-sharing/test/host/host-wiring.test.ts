import assert from 'node:assert/strict';
import { folioClient } from '../../src/host/host-for-tenant.ts';
import { getSettings } from '../../src/settings/settings-store.ts';
import { DEMO_CREDENTIALS, DEMO_PATRONS, demoHostSettings, demoSeed, startFolioSimulator, type FolioSimulator } from '../../../simulators/folio/index.ts';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';

describe('host wiring: settings, secrets and whose token FOLIO sees', function () {
  this.timeout(30_000);
  let mod: RunningModule;
  let sim: FolioSimulator;
  let tenant: string;
  let api: ReturnType<typeof tenantClient>;

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('host');
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant);
    sim = await startFolioSimulator({ tokens: ['staff-token'], tenants: { [tenant]: demoSeed(tenant) } });
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
    await sim.close();
  });

  it('starts with the manual adapter', async () => {
    const res = await api.get('/resource-sharing/settings');
    assert.equal(res.body.hostAdapter, 'manual');
    assert.equal(res.body.folioHost, null);
  });

  it('never answers passwords or shared secrets, and keeps them when the masked value comes back', async () => {
    const folioHost = { ...demoHostSettings(tenant), okapiUrl: sim.url, systemUser: { username: 'rs-system', password: 'top-secret' } };
    const ncipHost = {
      endpoint: 'http://127.0.0.1:9/ncip',
      fromAgencyId: 'ALPHA',
      toAgencyId: 'ILS',
      institutionalPatronId: 'ILL',
      pickupLocation: 'MAIN',
      auth: { username: 'gw', password: 'gateway-secret' },
      fromAgencyAuthentication: 'agency-secret',
    };
    const put = await api.put('/resource-sharing/settings', { hostAdapter: 'folio', folioHost, ncipHost });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const shown = (await api.get('/resource-sharing/settings')).body;
    const text = JSON.stringify(shown);
    for (const secret of ['top-secret', 'gateway-secret', 'agency-secret']) assert.ok(!text.includes(secret), `${secret} is not shown`);
    assert.equal(shown.folioHost.systemUser.password, '********');
    assert.equal(shown.folioHost.systemUser.username, 'rs-system');

    // The settings page saves what it was shown, with one change.
    const again = await api.put('/resource-sharing/settings', { folioHost: { ...shown.folioHost, timeoutMs: 2000 }, ncipHost: shown.ncipHost });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    const stored = await getSettings(mod.db, tenant);
    assert.equal(stored.folioHost?.systemUser?.password, 'top-secret');
    assert.equal(stored.folioHost?.timeoutMs, 2000);
    assert.equal(stored.ncipHost?.auth?.password, 'gateway-secret');
    assert.equal(stored.ncipHost?.fromAgencyAuthentication, 'agency-secret');
  });

  it('refuses host settings FOLIO could not use', async () => {
    const bad = await api.put('/resource-sharing/settings', { folioHost: { ...demoHostSettings(tenant), okapiUrl: sim.url, illLocationId: 'ILL' } });
    assert.ok(bad.status === 400 || bad.status === 422, `${bad.status}`);
    const noUrl = await api.put('/resource-sharing/settings', { folioHost: demoHostSettings(tenant) });
    assert.ok(noUrl.status === 400 || noUrl.status === 422, `${noUrl.status}`);
    const adapter = await api.put('/resource-sharing/settings', { hostAdapter: 'koha' });
    assert.ok(adapter.status === 400 || adapter.status === 422, `${adapter.status}`);
  });

  it("a staff call reaches FOLIO at its own X-Okapi-Url with the caller's token; without one there is the system user or nothing", async () => {
    // Background URL unreachable and no system user: only the caller's own headers can work.
    const put = await api.put('/resource-sharing/settings', {
      hostAdapter: 'folio',
      folioHost: { ...demoHostSettings(tenant), okapiUrl: 'http://127.0.0.1:9', timeoutMs: 1000 },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const body = { citation: { title: 'A book' }, patron: { barcode: DEMO_PATRONS.active } };
    const staff = await api.post('/resource-sharing/requests', body, { 'x-okapi-url': sim.url, 'x-okapi-token': 'staff-token' });
    assert.equal(staff.status, 201);
    const checked = (await api.get(`/resource-sharing/requests/${staff.body.id}`)).body;
    assert.notEqual(checked.state, 'REQ_IDLE', 'the patron check went through');
    assert.equal(checked.hostRecords.patronId !== undefined, true);
    assert.ok(sim.state(tenant).log.some((c) => c.url.startsWith('/users') && c.token === 'staff-token'));

    const background = await api.post('/resource-sharing/requests?allowDuplicate=true', body);
    const stuck = (await api.get(`/resource-sharing/requests/${background.body.id}`)).body;
    assert.equal(stuck.state, 'REQ_IDLE');
    assert.match(stuck.lastError, /No FOLIO system user/);
  });

  it('takes the system user from SYSTEM_USER_NAME / SYSTEM_USER_PASSWORD when the settings name none', async () => {
    const config = { ...demoHostSettings(tenant), okapiUrl: sim.url };
    assert.throws(() => folioClient(tenant, config, {}), /No FOLIO system user/);
    const client = folioClient(tenant, config, { SYSTEM_USER_NAME: DEMO_CREDENTIALS.username, SYSTEM_USER_PASSWORD: DEMO_CREDENTIALS.password });
    const users = await client.get<{ users: unknown[] }>('/users', { query: `barcode=="${DEMO_PATRONS.active}"` });
    assert.equal(users.users.length, 1, 'logged in and asked FOLIO');
  });
});
