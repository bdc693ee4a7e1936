import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { schemaOf } from '../../src/db/tenant-schema.ts';
import {
  enableTenant,
  purgeTenant,
  startModule,
  tenantClient,
  uniqueTenant,
  type RunningModule,
} from '../../../test/support/module-harness.ts';

describe('platform contract: health and the tenant API', () => {
  let mod: RunningModule;
  const tenants: string[] = [];
  const fresh = (p: string) => {
    const t = uniqueTenant(p);
    tenants.push(t);
    return t;
  };

  before(async () => {
    mod = await startModule();
  });
  after(async () => {
    for (const t of tenants) await purgeTenant(mod.url, t);
    await mod.close();
  });

  it('answers /admin/health with 200 without any tenant', async () => {
    const res = await fetch(`${mod.url}/admin/health`);
    assert.equal(res.status, 200);
  });

  it('enables a tenant through an async job that reports completion and can be deleted', async () => {
    const tenant = fresh('enable');
    const res = await fetch(`${mod.url}/_/tenant`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-okapi-tenant': tenant },
      body: JSON.stringify({ module_to: 'mod-resource-sharing-0.2.0', parameters: [{ key: 'loadReference', value: 'true' }] }),
    });
    assert.equal(res.status, 201);
    const location = res.headers.get('location');
    assert.match(location ?? '', /^\/_\/tenant\/[0-9a-f-]{36}$/);
    const api = tenantClient(mod.url, tenant);
    const job = await api.get(`${location}?wait=30000`);
    assert.equal(job.status, 200);
    assert.equal(job.body.complete, true);
    assert.equal(job.body.error, undefined);
    assert.equal(job.body.tenant, tenant);
    assert.equal((await api.get('/resource-sharing/requests')).status, 200);
    assert.equal((await api.delete(location!)).status, 204);
    assert.equal((await api.get(location!)).status, 404);
  });

  it('creates the schema <tenant>_mod_resource_sharing', async () => {
    const tenant = fresh('schema');
    await enableTenant(mod.url, tenant);
    const { rows } = await mod.db.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
      `${tenant}_mod_resource_sharing`,
    ]);
    assert.equal(rows.length, 1);
  });

  it('refuses calls without a tenant, with a malformed tenant, or for a tenant never enabled, in plain text', async () => {
    const none = await fetch(`${mod.url}/resource-sharing/requests`);
    assert.equal(none.status, 400);
    assert.match(none.headers.get('content-type') ?? '', /text\/plain/);
    assert.match(await none.text(), /X-Okapi-Tenant/);

    const bad = await fetch(`${mod.url}/resource-sharing/requests`, { headers: { 'x-okapi-tenant': 'Robert"); DROP' } });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /Invalid tenant id/);

    const unknown = await fetch(`${mod.url}/resource-sharing/requests`, { headers: { 'x-okapi-tenant': 'neverenabled' } });
    assert.equal(unknown.status, 400);
    assert.match(await unknown.text(), /does not have mod-resource-sharing enabled/);
  });

  it('disable keeps the data and a later enable finds it; purge removes it', async () => {
    const tenant = fresh('disable');
    await enableTenant(mod.url, tenant);
    const api = tenantClient(mod.url, tenant);
    const created = await api.post('/resource-sharing/requests', { citation: { title: 'Kept across disable' } });
    assert.equal(created.status, 201);

    const disable = await api.post('/_/tenant', { module_from: 'mod-resource-sharing-0.2.0' });
    assert.equal(disable.status, 204);
    assert.equal((await api.get('/resource-sharing/requests')).status, 400);

    await enableTenant(mod.url, tenant, { moduleFrom: 'mod-resource-sharing-0.2.0' });
    const back = await api.get(`/resource-sharing/requests/${created.body.id}`);
    assert.equal(back.status, 200);
    assert.equal(back.body.citation.title, 'Kept across disable');

    const purge = await api.post('/_/tenant', { module_from: 'mod-resource-sharing-0.2.0', purge: true });
    assert.equal(purge.status, 204);
    assert.equal((await api.get('/resource-sharing/requests')).status, 400);
    const { rows } = await mod.db.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
      `${tenant}_mod_resource_sharing`,
    ]);
    assert.equal(rows.length, 0);
  });

  it('an upgrade from 0.1.0 keeps every request and makes it searchable by the new columns', async () => {
    const tenant = fresh('upgrade');
    const job = await enableTenant(mod.url, tenant, { moduleTo: 'mod-resource-sharing-0.1.0' });
    assert.deepEqual(job.messages?.filter((m) => m.startsWith('migrations')), ['migrations applied: 001-requests']);
    // Data as version 0.1.0 wrote it.
    const s = schemaOf(tenant);
    const ids = [randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries()) {
      const record = {
        id, hrid: `OLD-${i + 1}`, role: 'borrowing', state: 'REQ_IDLE', stateModel: 'borrowing-returnable',
        needsAttention: false, serviceType: 'loan', citation: { title: `Old title ${i + 1}` },
        metadata: { createdDate: '2025-01-01T00:00:00.000Z' },
      };
      await mod.db.query(
        `INSERT INTO ${s}.requests (id, hrid, role, state, created_date, updated_date, jsonb)
         VALUES ($1, $2, 'borrowing', 'REQ_IDLE', now(), now(), $3)`,
        [id, record.hrid, JSON.stringify(record)],
      );
    }
    const upgraded = await enableTenant(mod.url, tenant, {
      moduleFrom: 'mod-resource-sharing-0.1.0',
      moduleTo: 'mod-resource-sharing-0.2.0',
    });
    assert.match(upgraded.messages?.find((m) => m.startsWith('migrations')) ?? '', /^migrations applied: 002-list-indexes-and-settings\b/);
    assert.doesNotMatch(upgraded.messages?.join() ?? '', /001-requests/, 'an upgrade does not run a migration twice');
    const api = tenantClient(mod.url, tenant);
    const list = await api.get(`/resource-sharing/requests?query=${encodeURIComponent('title=="old title*" sortby hrid')}`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.requests.map((r: { id: string }) => r.id), ids);
    assert.equal(list.body.totalRecords, 2);
  });

  it('rejects a malformed tenant attributes body with 422 and a job id that does not exist with 404', async () => {
    const tenant = fresh('badattrs');
    const api = tenantClient(mod.url, tenant);
    const res = await api.post('/_/tenant', { module_to: 42 });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].parameters[0].key, 'module_to');
    assert.equal((await api.get(`/_/tenant/${randomUUID()}`)).status, 404);
  });

  it('reaches a tenant through the /_/invoke/tenant/{tenant}/ path without headers', async () => {
    const tenant = fresh('invoke');
    await enableTenant(mod.url, tenant);
    const res = await fetch(`${mod.url}/_/invoke/tenant/${tenant}/resource-sharing/requests`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { requests: [], totalRecords: 0 });
  });
});
