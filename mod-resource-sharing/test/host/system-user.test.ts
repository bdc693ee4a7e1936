import assert from 'node:assert/strict';
import { resolvedDescriptor } from '../../../scripts/build-descriptor.ts';
import { schemaOf } from '../../src/db/tenant-schema.ts';
import { OkapiClient } from '../../src/okapi/okapi-client.ts';
import { ensureSystemUser, SYSTEM_USER_PERMISSIONS, systemUserFromEnv } from '../../src/host/system-user.ts';
import { DEMO_PATRONS, demoHostSettings, demoSeed, startFolioSimulator, type FolioSimulator } from '../../../simulators/folio/index.ts';
import { MODULE_ID, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule, type TenantJobBody } from '../../../test/support/module-harness.ts';

/** What Okapi sends on /_/tenant: its URL and a token carrying the handler's modulePermissions. */
const OKAPI_TOKEN = 'okapi-module-token';
const USERNAME = 'rs-background';
const PASSWORD = 'bg-secret-1';

interface Handler {
  methods: string[];
  pathPattern: string;
  modulePermissions?: string[];
}

async function enableWith(url: string, tenant: string, headers: Record<string, string>, moduleFrom?: string): Promise<TenantJobBody> {
  const res = await fetch(`${url}/_/tenant`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-okapi-tenant': tenant, ...headers },
    body: JSON.stringify({ module_to: MODULE_ID, module_from: moduleFrom, parameters: [{ key: 'loadReference', value: 'true' }] }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const job = await fetch(`${url}${res.headers.get('location')}?wait=30000`, { headers: { 'x-okapi-tenant': tenant } });
  return (await job.json()) as TenantJobBody;
}

describe('FOLIO system user, created when the module is enabled', function () {
  this.timeout(30_000);
  let mod: RunningModule;
  let sim: FolioSimulator;
  const saved = { name: process.env.SYSTEM_USER_NAME, password: process.env.SYSTEM_USER_PASSWORD };
  const tenants: string[] = [];
  const okapi = () => ({ 'x-okapi-url': sim.url, 'x-okapi-token': OKAPI_TOKEN });
  const newTenant = (prefix: string) => {
    const t = uniqueTenant(prefix);
    tenants.push(t);
    sim.seed(t, demoSeed(t));
    return t;
  };
  const simUsers = (tenant: string) => [...sim.state(tenant).users.values()].filter((u) => u.username === USERNAME);
  const permsOf = (tenant: string, userId: string) => [...sim.state(tenant).permissionUsers.values()].filter((p) => p.userId === userId);

  before(async () => {
    process.env.SYSTEM_USER_NAME = USERNAME;
    process.env.SYSTEM_USER_PASSWORD = PASSWORD;
    mod = await startModule();
    sim = await startFolioSimulator({ tokens: [OKAPI_TOKEN], hangMs: 2000 });
  });
  after(async () => {
    for (const t of tenants) await purgeTenant(mod.url, t);
    await mod.close();
    await sim.close();
    if (saved.name === undefined) delete process.env.SYSTEM_USER_NAME;
    else process.env.SYSTEM_USER_NAME = saved.name;
    if (saved.password === undefined) delete process.env.SYSTEM_USER_PASSWORD;
    else process.env.SYSTEM_USER_PASSWORD = saved.password;
  });

  it('gives the system user exactly the modulePermissions of the timers and the ISO 18626 endpoint; the descriptor lets /_/tenant create it', () => {
    const md = resolvedDescriptor() as { provides: { id: string; handlers?: Handler[] }[]; requires: { id: string }[] };
    const background = new Set<string>();
    for (const iface of md.provides) {
      for (const h of iface.handlers ?? []) {
        if (iface.id === '_timer' || h.pathPattern.endsWith('/iso18626')) for (const p of h.modulePermissions ?? []) background.add(p);
      }
    }
    assert.deepEqual([...SYSTEM_USER_PERMISSIONS].sort(), [...background].sort());
    const tenantPost = md.provides.find((i) => i.id === '_tenant')?.handlers?.find((h) => h.methods.includes('POST'));
    for (const p of ['users.collection.get', 'users.item.post', 'login.item.post', 'perms.users.get', 'perms.users.item.post', 'perms.users.assign.immutable']) {
      assert.ok(tenantPost?.modulePermissions?.includes(p), `/_/tenant has modulePermission ${p}`);
    }
    const required = md.requires.map((r) => r.id);
    for (const id of ['users', 'login', 'permissions']) assert.ok(required.includes(id), `requires ${id}`);
  });

  it('takes SYSTEM_USER_NAME / SYSTEM_USER_PASSWORD; the name defaults to mod-resource-sharing only when a password is given', () => {
    assert.equal(systemUserFromEnv({}), undefined);
    assert.equal(systemUserFromEnv({ SYSTEM_USER_NAME: 'x' }), undefined);
    assert.deepEqual(systemUserFromEnv({ SYSTEM_USER_PASSWORD: 'p' }), { username: 'mod-resource-sharing', password: 'p' });
    assert.deepEqual(systemUserFromEnv({ SYSTEM_USER_NAME: 'x', SYSTEM_USER_PASSWORD: 'p' }), { username: 'x', password: 'p' });
  });

  it('creates the user, its password and its permissions on enable; enabling again changes nothing', async () => {
    const tenant = newTenant('sysu');
    const job = await enableWith(mod.url, tenant, okapi());
    assert.equal(job.error, undefined);
    assert.ok(job.messages?.some((m) => m.includes(`${USERNAME}: created, password set, ${SYSTEM_USER_PERMISSIONS.length} permission(s) granted`)), JSON.stringify(job.messages));

    const [user, ...others] = simUsers(tenant);
    assert.equal(others.length, 0);
    assert.equal(user.type, 'system');
    assert.equal(user.active, true);
    assert.equal(user.personal?.lastName, 'System');
    assert.deepEqual(permsOf(tenant, user.id).map((p) => [...p.permissions].sort()), [[...SYSTEM_USER_PERMISSIONS].sort()]);
    const client = new OkapiClient({ url: sim.url, tenant, login: { username: USERNAME, password: PASSWORD } });
    const token = await client.login();
    assert.equal(sim.state(tenant).tokenOwners.get(token), USERNAME, 'FOLIO accepts the password');
    const setUpCalls = sim.state(tenant).log.filter((c) => c.method !== 'GET' && c.url !== '/authn/login');
    assert.ok(setUpCalls.every((c) => c.token === OKAPI_TOKEN), "set up with Okapi's token");

    const writesBefore = sim.state(tenant).log.filter((c) => c.method !== 'GET' && c.url !== '/authn/login').length;
    const again = await enableWith(mod.url, tenant, okapi(), MODULE_ID);
    assert.equal(again.error, undefined);
    assert.ok(again.messages?.some((m) => m.includes(`${USERNAME}: already set up`)), JSON.stringify(again.messages));
    assert.equal(simUsers(tenant).length, 1, 'no second user');
    assert.equal(permsOf(tenant, user.id).length, 1, 'no second permission user');
    assert.equal(permsOf(tenant, user.id)[0].permissions.length, SYSTEM_USER_PERMISSIONS.length, 'no permission twice');
    const writesAfter = sim.state(tenant).log.filter((c) => c.method !== 'GET' && c.url !== '/authn/login').length;
    assert.equal(writesAfter, writesBefore, 'nothing written the second time');
  });

  it('an upgrade repairs what changed: adds missing permissions, resets a changed password, reactivates the user', async () => {
    const tenant = newTenant('sysu');
    assert.equal((await enableWith(mod.url, tenant, okapi())).error, undefined);
    const [user] = simUsers(tenant);
    const perms = permsOf(tenant, user.id)[0];
    perms.permissions = perms.permissions.filter((p) => !p.startsWith('circulation.'));
    sim.state(tenant).credentials.set(USERNAME, 'someone-changed-it');
    user.active = false;

    const job = await enableWith(mod.url, tenant, okapi(), 'mod-resource-sharing-0.1.0');
    assert.equal(job.error, undefined);
    const circulationPerms = SYSTEM_USER_PERMISSIONS.filter((p) => p.startsWith('circulation.'));
    assert.ok(job.messages?.some((m) => m.includes(`reactivated, password set, ${circulationPerms.length} permission(s) granted`)), JSON.stringify(job.messages));
    assert.deepEqual([...permsOf(tenant, user.id)[0].permissions].sort(), [...SYSTEM_USER_PERMISSIONS].sort());
    assert.equal(sim.state(tenant).users.get(user.id)?.active, true);
    assert.equal(sim.state(tenant).credentials.get(USERNAME), PASSWORD);
    assert.equal(simUsers(tenant).length, 1);
  });

  it('fails the enable with the step and FOLIO’s answer when FOLIO refuses, and leaves the module disabled', async () => {
    const tenant = newTenant('sysu');
    sim.failNext(tenant, 'POST /perms/users', 403);
    const job = await enableWith(mod.url, tenant, okapi());
    assert.match(job.error ?? '', new RegExp(`System user ${USERNAME}: granting permissions \\(/perms/users\\) failed: .*HTTP 403`));
    const api = tenantClient(mod.url, tenant);
    const refused = await api.get('/resource-sharing/settings');
    assert.equal(refused.status, 400, 'the tenant is not enabled');

    const noToken = await enableWith(mod.url, tenant, { 'x-okapi-url': sim.url });
    assert.match(noToken.error ?? '', /looking up the user \(GET \/users\) failed: .*HTTP 401/);

    const retried = await enableWith(mod.url, tenant, okapi());
    assert.equal(retried.error, undefined, 'enabling again once FOLIO agrees finishes the job');
    assert.equal(simUsers(tenant).length, 1, 'the user made by the failed attempt is reused');
    assert.equal(permsOf(tenant, simUsers(tenant)[0].id)[0].permissions.length, SYSTEM_USER_PERMISSIONS.length);
  });

  it('does nothing without an Okapi URL (standalone) or without SYSTEM_USER_PASSWORD', async () => {
    const tenant = newTenant('sysu');
    const standalone = await enableWith(mod.url, tenant, {});
    assert.equal(standalone.error, undefined);
    assert.ok(standalone.messages?.includes('set-up: system user (skipped: no X-Okapi-Url)'), JSON.stringify(standalone.messages));
    delete process.env.SYSTEM_USER_PASSWORD;
    try {
      const noPassword = await enableWith(mod.url, tenant, okapi(), MODULE_ID);
      assert.equal(noPassword.error, undefined);
      assert.ok(noPassword.messages?.some((m) => m.startsWith('WARNING: set-up: system user: no FOLIO system user: SYSTEM_USER_PASSWORD is not set')), JSON.stringify(noPassword.messages));
    } finally {
      process.env.SYSTEM_USER_PASSWORD = PASSWORD;
    }
    assert.equal(simUsers(tenant).length, 0);
    assert.equal(sim.state(tenant).log.length, 0, 'FOLIO was not called');

    // Standalone with the FOLIO host settings naming Okapi's URL: set up there on the next enable.
    const api = tenantClient(mod.url, tenant);
    const put = await api.put('/resource-sharing/settings', { hostAdapter: 'folio', folioHost: { ...demoHostSettings(tenant), okapiUrl: sim.url } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const fromSettings = await enableWith(mod.url, tenant, { 'x-okapi-token': OKAPI_TOKEN }, MODULE_ID);
    assert.equal(fromSettings.error, undefined);
    assert.equal(simUsers(tenant).length, 1);
  });

  it("the workflow's background calls to FOLIO log in as that user (workflow timer retrying a patron check)", async () => {
    const tenant = newTenant('sysu');
    assert.equal((await enableWith(mod.url, tenant, okapi())).error, undefined);
    const api = tenantClient(mod.url, tenant); // no token: like a timer or a partner message
    const put = await api.put('/resource-sharing/settings', { hostAdapter: 'folio', folioHost: { ...demoHostSettings(tenant), okapiUrl: sim.url, timeoutMs: 1500 } });
    assert.equal(put.status, 200, JSON.stringify(put.body));

    sim.failNext(tenant, 'GET /users', 500);
    const created = await api.post('/resource-sharing/requests', {
      citation: { title: 'The dispossessed' },
      patron: { barcode: DEMO_PATRONS.active },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    let request = (await api.get(`/resource-sharing/requests/${id}`)).body;
    for (let i = 0; i < 50 && !request.lastError; i++) {
      await new Promise((r) => setTimeout(r, 100));
      request = (await api.get(`/resource-sharing/requests/${id}`)).body;
    }
    assert.equal(request.state, 'REQ_IDLE');
    assert.match(request.lastError, /Library system/);

    // Ten minutes later the workflow timer tries the patron check again.
    await mod.db.query(`UPDATE ${schemaOf(tenant)}.requests SET updated_date = now() - interval '11 minutes' WHERE id = $1`, [id]);
    const timer = await api.post('/resource-sharing/timers/workflow', {});
    assert.equal(timer.status, 200, JSON.stringify(timer.body));
    request = (await api.get(`/resource-sharing/requests/${id}`)).body;
    assert.ok(request.hostRecords?.patronId, `patron found in FOLIO: ${JSON.stringify(request)}`);
    assert.notEqual(request.state, 'REQ_IDLE');

    const state = sim.state(tenant);
    const lookups = state.log.filter((c) => c.method === 'GET' && c.url.startsWith('/users?') && c.url.includes('barcode'));
    assert.ok(lookups.length >= 2, 'asked FOLIO twice');
    for (const call of lookups) assert.equal(state.tokenOwners.get(call.token ?? ''), USERNAME, `${call.url} as the system user`);
  });

  it('ensureSystemUser works on its own against any Okapi client (e.g. a script)', async () => {
    const tenant = newTenant('sysu');
    const client = new OkapiClient({ url: sim.url, tenant, token: OKAPI_TOKEN });
    const first = await ensureSystemUser(client, { username: 'script-user', password: 'pw' }, ['users.collection.get']);
    assert.equal(first.created, true);
    const second = await ensureSystemUser(client, { username: 'script-user', password: 'pw' }, ['users.collection.get', 'circulation.loans.collection.get']);
    assert.deepEqual(second, { userId: first.userId, created: false, reactivated: false, credentialsSet: false, permissionsAdded: ['circulation.loans.collection.get'] });
  });
});
