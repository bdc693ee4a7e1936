// The module as a real Okapi drives it: the tenant interface 2.0 (install, upgrade, disable,
// purge), every timer of the descriptor, and staff and patron calls through the proxy with
// Okapi's headers and its empty chunked bodies. The module runs behind Okapi here (no
// stand-alone mode), so it trusts only the permissions Okapi lists.
import assert from 'node:assert/strict';
import { resolvedDescriptor } from '../../../scripts/build-descriptor.ts';
import { OkapiHarness, OkapiInstallError, type ModuleDescriptorLike } from '../../../test/support/okapi-harness.ts';
import { MODULE_ID, startModule, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';
import { signPatronToken } from '../../src/patron/patron-token.ts';

const md = resolvedDescriptor() as unknown as ModuleDescriptorLike;
const STAFF = { token: 'staff-token', userId: '3b0e5f6e-1111-4c4c-8d8d-000000000001', permissions: ['resource-sharing.all'] };
const CLERK = { token: 'clerk-token', userId: '3b0e5f6e-1111-4c4c-8d8d-000000000002', permissions: ['resource-sharing.requests.item.get', 'resource-sharing.requests.collection.get'] };
const PARAMS = 'loadReference=true,loadSample=false';
const SECRET = 'a-patron-secret-of-enough-length';

describe('behind Okapi: the tenant interface, timers and proxied calls as Okapi makes them', () => {
  let mod: RunningModule;
  let okapi: OkapiHarness;
  const tenants: string[] = [];
  const savedPassword = process.env.SYSTEM_USER_PASSWORD;
  const warnings: string[] = [];

  const fresh = (prefix: string) => {
    const t = uniqueTenant(prefix);
    tenants.push(t);
    return t;
  };
  const staff = (tenant: string) => ({ 'X-Okapi-Tenant': tenant, Authorization: `Bearer ${STAFF.token}` });

  before(async () => {
    delete process.env.SYSTEM_USER_PASSWORD;
    mod = await startModule({ standalone: false });
    const log = mod.app.log as unknown as { warn: (...args: unknown[]) => void };
    log.warn = (...args: unknown[]) => {
      warnings.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    };
    okapi = new OkapiHarness({ moduleUrl: mod.url, descriptor: md });
    okapi.addUser(STAFF);
    okapi.addUser(CLERK);
  });
  after(async () => {
    if (savedPassword !== undefined) process.env.SYSTEM_USER_PASSWORD = savedPassword;
    for (const t of tenants) await okapi.purge(t).catch(() => undefined);
    await mod.close();
  });

  it('installs: POST /_/tenant with module_to and parameters, polls GET without wait, DELETEs the job with a JSON content type and no body', async () => {
    const tenant = fresh('install');
    const from = okapi.sent.length;
    const { post, job, polls } = await okapi.install(tenant, { tenantParameters: PARAMS });
    assert.equal(post.status, 201);
    assert.equal(job?.complete, true);
    assert.equal(job?.error, undefined);
    assert.ok(polls >= 1);

    const calls = okapi.sent.slice(from);
    const [first] = calls;
    assert.deepEqual(JSON.parse(first.body), {
      module_to: MODULE_ID,
      purge: false,
      parameters: [{ key: 'loadReference', value: 'true' }, { key: 'loadSample', value: 'false' }],
    });
    const gets = calls.filter((c) => c.method === 'GET');
    assert.ok(gets.every((c) => !c.path.includes('?')), 'Okapi polls without ?wait');
    const del = calls.at(-1)!;
    assert.equal(del.method, 'DELETE');
    assert.equal(del.path, `/_/tenant/${String(job?.id)}`);
    assert.equal(del.headers['Content-Type'], 'application/json; charset=UTF-8');
    assert.equal(del.headers['Content-Length'], '0');

    // the job is gone, the tenant answers staff through the proxy
    assert.equal((await okapi.systemCall(tenant, 'GET', `/_/tenant/${String(job?.id)}`)).status, 404);
    const list = await okapi.proxy('GET', '/resource-sharing/requests', { headers: staff(tenant) });
    assert.equal(list.status, 200, list.text);
  });

  it('says loudly at enable time that without SYSTEM_USER_* there is no FOLIO system user (job message and warn log)', async () => {
    const tenant = fresh('nosys');
    warnings.length = 0;
    // Okapi reads the job before deleting it: the same answer the operator sees in GET /_/tenant/{id}
    const { job } = await okapi.install(tenant, { tenantParameters: PARAMS });
    const messages = (job?.messages ?? []) as string[];
    const warning = messages.find((m) => m.startsWith('WARNING:'));
    assert.ok(warning, JSON.stringify(messages));
    assert.match(warning, /SYSTEM_USER_PASSWORD is not set/);
    assert.match(warning, /No FOLIO system user/);
    assert.match(warning, /SYSTEM_USER_NAME and SYSTEM_USER_PASSWORD/);
    assert.ok(warnings.some((w) => w.includes(tenant) && w.includes('no FOLIO system user')), JSON.stringify(warnings));

  });

  it('upgrades with module_from: the 0.1 schema gains the newer tables; a patch upgrade keeps the data', async () => {
    const tenant = fresh('upgrade');
    const old = await okapi.install(tenant, { moduleTo: 'mod-resource-sharing-0.1.0', tenantParameters: PARAMS });
    assert.equal(old.job?.complete, true);
    const from = okapi.sent.length;
    const up = await okapi.upgrade(tenant, 'mod-resource-sharing-0.1.0', { tenantParameters: PARAMS });
    assert.deepEqual(JSON.parse(okapi.sent[from].body).module_from, 'mod-resource-sharing-0.1.0');
    assert.deepEqual(JSON.parse(okapi.sent[from].body).module_to, MODULE_ID);
    assert.ok(((up.job?.messages ?? []) as string[]).some((m) => /migrations applied/.test(m)), JSON.stringify(up.job?.messages));
    const directory = await okapi.proxy('GET', '/resource-sharing/directory/entries', { headers: staff(tenant) });
    assert.equal(directory.status, 200, 'the 0.2 tables exist after the upgrade');

    const created = await okapi.proxy('POST', '/resource-sharing/requests', {
      headers: { ...staff(tenant), 'Content-Type': 'application/json' },
      body: { citation: { title: 'Kept across the upgrade' } },
    });
    assert.equal(created.status, 201, created.text);
    const patch = await okapi.upgrade(tenant, MODULE_ID, { moduleTo: 'mod-resource-sharing-0.2.1', tenantParameters: PARAMS });
    assert.equal(patch.job?.error, undefined);
    const kept = await okapi.proxy('GET', `/resource-sharing/requests/${created.body.id}`, { headers: staff(tenant) });
    assert.equal(kept.status, 200);
    assert.equal(kept.body.citation.title, 'Kept across the upgrade');
  });

  it('refuses an upgrade from a module id without a version, and Okapi fails the install', async () => {
    const tenant = fresh('badup');
    await okapi.install(tenant, { tenantParameters: PARAMS });
    await assert.rejects(okapi.upgrade(tenant, 'mod-resource-sharing'), (e: unknown) => e instanceof OkapiInstallError && e.status === 400);
  });

  it('disables with module_from only (data kept, calls refused), enables again, then purges', async () => {
    const tenant = fresh('disable');
    await okapi.install(tenant, { tenantParameters: PARAMS });
    const created = await okapi.proxy('POST', '/resource-sharing/requests', {
      headers: { ...staff(tenant), 'Content-Type': 'application/json' },
      body: { citation: { title: 'Survives a disable' } },
    });
    assert.equal(created.status, 201);

    const from = okapi.sent.length;
    const off = await okapi.disable(tenant);
    assert.deepEqual(JSON.parse(okapi.sent[from].body), { module_from: MODULE_ID, purge: false });
    assert.ok(off.post.status >= 200 && off.post.status < 300);
    const refused = await okapi.proxy('GET', '/resource-sharing/requests', { headers: staff(tenant) });
    assert.equal(refused.status, 400);

    await okapi.install(tenant, { tenantParameters: PARAMS });
    const back = await okapi.proxy('GET', `/resource-sharing/requests/${created.body.id}`, { headers: staff(tenant) });
    assert.equal(back.status, 200, 'enabling again finds the data');

    await okapi.purge(tenant);
    assert.deepEqual(JSON.parse(okapi.sent.filter((c) => c.method === 'POST').at(-1)!.body), { module_from: MODULE_ID, purge: true });
    const { rows } = await mod.db.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [`${tenant}_mod_resource_sharing`]);
    assert.equal(rows.length, 0, 'purge dropped the schema');
  });

  it('fires every timer the descriptor declares, with its method and path, and each answers 2xx', async () => {
    const tenant = fresh('timers');
    await okapi.install(tenant, { tenantParameters: PARAMS });
    const timers = okapi.timers();
    const declared = md.provides.find((i) => i.id === '_timer')?.handlers ?? [];
    assert.equal(timers.length, declared.length);
    assert.ok(timers.length >= 6, 'outbox, workflow, overdue, stale-requests, needed-before, host');
    for (const timer of timers) {
      const res = await okapi.fireTimer(tenant, timer);
      assert.ok(res.status >= 200 && res.status < 300, `${timer.method} ${timer.path}: ${res.status} ${res.text}`);
      const sent = okapi.sent.at(-1)!;
      assert.equal(sent.headers['Content-Type'], 'application/json; charset=UTF-8');
      assert.equal(sent.body, '');
    }
  });

  it('proxies body-less DELETEs, an action without parameters and an outbox retry as empty chunked bodies, with or without a Content-Type', async () => {
    const tenant = fresh('bodyless');
    await okapi.install(tenant, { tenantParameters: PARAMS });
    const json = { ...staff(tenant), 'Content-Type': 'application/json' };
    const create = async (title: string) =>
      (await okapi.proxy('POST', '/resource-sharing/requests', { headers: json, body: { citation: { title } } })).body as { id: string };

    const one = await create('Deleted with a JSON content type');
    const del = await okapi.proxy('DELETE', `/resource-sharing/requests/${one.id}`, { headers: json });
    assert.equal(del.status, 204, del.text);
    assert.equal(okapi.sent.at(-1)!.framing, 'chunked');
    const two = await create('Deleted without a content type');
    assert.equal((await okapi.proxy('DELETE', `/resource-sharing/requests/${two.id}`, { headers: staff(tenant) })).status, 204);

    const three = await create('Cancelled without parameters');
    const cancel = await okapi.proxy('POST', `/resource-sharing/requests/${three.id}/actions/cancel`, { headers: staff(tenant) });
    assert.equal(cancel.status, 200, cancel.text);
    assert.notEqual(cancel.body.state, 'REQ_END_OF_ROTA');

    const entry = await okapi.proxy('POST', '/resource-sharing/directory/entries', {
      headers: json,
      body: { name: 'Short-lived library', symbols: [{ authority: 'ISIL', symbol: 'DK-990' }] },
    });
    assert.equal(entry.status, 201, entry.text);
    assert.equal((await okapi.proxy('DELETE', `/resource-sharing/directory/entries/${entry.body.id}`, { headers: json })).status, 204);

    const partner = await okapi.proxy('POST', '/resource-sharing/directory/entries', {
      headers: json,
      body: { name: 'Rota library', symbols: [{ authority: 'ISIL', symbol: 'DK-991' }], partner: true },
    });
    assert.equal(partner.status, 201, partner.text);
    const rota = await okapi.proxy('POST', '/resource-sharing/rotas', {
      headers: json,
      body: { name: 'Short-lived rota', ordered: true, entries: [{ symbol: 'ISIL:DK-991' }] },
    });
    assert.equal(rota.status, 201, rota.text);
    assert.equal((await okapi.proxy('DELETE', `/resource-sharing/rotas/${rota.body.id}`, { headers: staff(tenant) })).status, 204);

    // an outbox retry of a message that is not there: the module's 404, not a 400/415 about the body
    const retry = await okapi.proxy('POST', '/resource-sharing/outbox/6f1c1f9e-0000-4000-8000-000000000000/retry', { headers: json });
    assert.equal(retry.status, 404, retry.text);
    assert.match(retry.text, /Outbox message/);

    // a route that needs a body still says so, in FOLIO's shape
    const empty = await okapi.proxy('POST', '/resource-sharing/requests', { headers: json });
    assert.equal(empty.status, 422);
    assert.ok(Array.isArray(empty.body.errors) && empty.body.errors.length > 0, empty.text);
  });

  it('behind Okapi, trusts only the permissions Okapi lists: no X-Okapi-Permissions means none', async () => {
    const tenant = fresh('perms');
    await okapi.install(tenant, { tenantParameters: PARAMS });
    const created = await okapi.proxy('POST', '/resource-sharing/requests', {
      headers: { ...staff(tenant), 'Content-Type': 'application/json' },
      body: { citation: { title: 'Whose is it?' }, patron: { name: 'Ada Lovelace', barcode: '100200' } },
    });
    assert.equal(created.status, 201, created.text);
    const path = `/resource-sharing/requests/${created.body.id}`;

    const asStaff = await okapi.proxy('GET', path, { headers: staff(tenant) });
    assert.equal(asStaff.body.patron.name, 'Ada Lovelace', 'resource-sharing.all includes requests.patron.view');
    const asClerk = await okapi.proxy('GET', path, { headers: { 'X-Okapi-Tenant': tenant, 'X-Okapi-Token': CLERK.token } });
    assert.equal(asClerk.status, 200);
    assert.equal(asClerk.body.patron?.name, undefined, 'a clerk without requests.patron.view does not see the patron');

    // the module reached without the gateway (no X-Okapi-Permissions): nothing desired is granted
    const direct = await fetch(`${mod.url}${path}`, { headers: { 'x-okapi-tenant': tenant } });
    assert.equal(direct.status, 200);
    assert.equal(((await direct.json()) as { patron?: { name?: string } }).patron?.name, undefined);
    // a caller cannot grant itself permissions through Okapi either
    const claimed = await okapi.proxy('GET', path, {
      headers: { 'X-Okapi-Tenant': tenant, 'X-Okapi-Token': CLERK.token, 'X-Okapi-Permissions': '["resource-sharing.requests.patron.view"]' },
    });
    assert.equal(claimed.body.patron?.name, undefined);

    // the same rule for directory secrets and GraphQL field groups
    const entry = await okapi.proxy('POST', '/resource-sharing/directory/entries', {
      headers: { ...staff(tenant), 'Content-Type': 'application/json' },
      body: { name: 'Secretive library', symbols: [{ authority: 'ISIL', symbol: 'DK-777' }], sharedSecret: 'pw-777' },
    });
    assert.equal(entry.status, 201, entry.text);
    const entryPath = `/resource-sharing/directory/entries/${entry.body.id}`;
    assert.equal((await okapi.proxy('GET', entryPath, { headers: staff(tenant) })).body.sharedSecret, 'pw-777');
    const entryDirect = (await (await fetch(`${mod.url}${entryPath}`, { headers: { 'x-okapi-tenant': tenant } })).json()) as { sharedSecret?: string };
    assert.equal(entryDirect.sharedSecret, '********');
    const query = JSON.stringify({ query: `{ statistics { borrowing { open } } }` });
    const stats = await okapi.proxy('POST', '/resource-sharing/graphql', { headers: { ...staff(tenant), 'Content-Type': 'application/json' }, body: query });
    assert.equal(stats.body.errors, undefined, stats.text);
    const statsDirect = (await (
      await fetch(`${mod.url}/resource-sharing/graphql`, { method: 'POST', headers: { 'x-okapi-tenant': tenant, 'content-type': 'application/json' }, body: query })
    ).json()) as { errors?: { message: string }[] };
    assert.match(statsDirect.errors?.[0]?.message ?? '', /resource-sharing\.statistics\.get/);
  });

  it('in stand-alone mode (demo, tests) a call without X-Okapi-Permissions is trusted; with the header only the listed ones count', async () => {
    const standalone = await startModule({ standalone: true });
    try {
      const tenant = fresh('alone');
      const direct = new OkapiHarness({ moduleUrl: standalone.url, descriptor: md });
      await direct.install(tenant, { tenantParameters: PARAMS });
      const res = await fetch(`${standalone.url}/resource-sharing/requests`, {
        method: 'POST',
        headers: { 'x-okapi-tenant': tenant, 'content-type': 'application/json' },
        body: JSON.stringify({ citation: { title: 'Demo' }, patron: { name: 'Ada Lovelace' } }),
      });
      const { id } = (await res.json()) as { id: string };
      const open = (await (await fetch(`${standalone.url}/resource-sharing/requests/${id}`, { headers: { 'x-okapi-tenant': tenant } })).json()) as {
        patron?: { name?: string };
      };
      assert.equal(open.patron?.name, 'Ada Lovelace');
      const listed = (await (
        await fetch(`${standalone.url}/resource-sharing/requests/${id}`, { headers: { 'x-okapi-tenant': tenant, 'x-okapi-permissions': '[]' } })
      ).json()) as { patron?: { name?: string } };
      assert.equal(listed.patron?.name, undefined);
      await direct.purge(tenant);
    } finally {
      await standalone.close();
    }
  });

  describe('the patron API behind Okapi', () => {
    let tenant: string;
    let ada: string;
    before(async () => {
      tenant = fresh('patron');
      await okapi.install(tenant, { tenantParameters: PARAMS });
      const put = await okapi.proxy('PUT', '/resource-sharing/settings', {
        headers: { ...staff(tenant), 'Content-Type': 'application/json' },
        body: { patronRequests: { enabled: true, tokenSecret: SECRET, pickupLocations: [{ code: 'main', name: 'Main library' }] } },
      });
      assert.equal(put.status, 200, put.text);
      ada = await signPatronToken(SECRET, { barcode: '100200', name: 'Ada Lovelace' });
    });

    it('takes the patron token as Okapi delivers it (X-Okapi-Token) and as a direct call sends it (Authorization), and renews with an empty chunked body', async () => {
      // An Okapi without an auth filter for the tenant passes the token on; it moves Authorization into X-Okapi-Token.
      const open = new OkapiHarness({ moduleUrl: mod.url, descriptor: md, auth: false });
      const placed = await open.proxy('POST', '/resource-sharing/patron/requests', {
        headers: { 'X-Okapi-Tenant': tenant, Authorization: `Bearer ${ada}`, 'Content-Type': 'application/json' },
        body: { citation: { title: 'Dune' }, pickupLocation: 'main' },
      });
      assert.equal(placed.status, 201, placed.text);
      const arrived = open.sent.at(-1)!.headers;
      assert.equal(arrived['x-okapi-token'], ada);
      assert.equal(arrived.authorization, undefined, 'Okapi removes Authorization');

      const renew = await open.proxy('POST', `/resource-sharing/patron/requests/${placed.body.id}/renew`, {
        headers: { 'X-Okapi-Tenant': tenant, Authorization: `Bearer ${ada}`, 'Content-Type': 'application/json' },
      });
      assert.equal(renew.status, 422, 'the empty chunked body reaches the renew rule (nothing to renew yet), not a 400/415');
      assert.ok(Array.isArray(renew.body.errors), renew.text);

      const viaHeader = await fetch(`${mod.url}/resource-sharing/patron/requests`, { headers: { 'x-okapi-tenant': tenant, 'x-okapi-token': ada } });
      assert.equal(viaHeader.status, 200);
      const viaBearer = await fetch(`${mod.url}/resource-sharing/patron/requests`, { headers: { 'x-okapi-tenant': tenant, authorization: `Bearer ${ada}` } });
      assert.equal(viaBearer.status, 200);
      assert.equal(((await viaBearer.json()) as { totalRecords: number }).totalRecords, 1);
      const bob = await signPatronToken(SECRET, { barcode: '300400' });
      const both = await fetch(`${mod.url}/resource-sharing/patron/requests`, {
        headers: { 'x-okapi-tenant': tenant, 'x-okapi-token': ada, authorization: `Bearer ${bob}` },
      });
      assert.equal(both.status, 400, 'two different tokens are refused, as Okapi refuses them');
      const none = await fetch(`${mod.url}/resource-sharing/patron/requests`, { headers: { 'x-okapi-tenant': tenant } });
      assert.equal(none.status, 401);
    });

    it('through an Okapi with mod-authtoken the patron token travels in X-Patron-Token (authtoken refuses a token it did not issue)', async () => {
      // mod-authtoken validates every X-Okapi-Token against its own key: a patron token there never reaches the module
      const refused = await okapi.proxy('GET', '/resource-sharing/patron/requests', { headers: { 'X-Okapi-Tenant': tenant, Authorization: `Bearer ${ada}` } });
      assert.equal(refused.status, 401);
      assert.equal(refused.text, 'Invalid token');
      const mine = await okapi.proxy('GET', '/resource-sharing/patron/requests', { headers: { 'X-Okapi-Tenant': tenant, 'X-Patron-Token': ada } });
      assert.equal(mine.status, 200, mine.text);
      assert.equal(mine.body.totalRecords, 1);
      // a discovery layer calling with its own FOLIO login still names the patron in X-Patron-Token
      const withLogin = await okapi.proxy('GET', '/resource-sharing/patron/requests', {
        headers: { 'X-Okapi-Tenant': tenant, 'X-Okapi-Token': CLERK.token, 'X-Patron-Token': ada },
      });
      assert.equal(withLogin.status, 200, withLogin.text);
      assert.equal(withLogin.body.totalRecords, 1);
      const forged = await okapi.proxy('GET', '/resource-sharing/patron/requests', {
        headers: { 'X-Okapi-Tenant': tenant, 'X-Patron-Token': await signPatronToken('not-the-secret-at-all', { barcode: '100200' }) },
      });
      assert.equal(forged.status, 401);
    });
  });
});
