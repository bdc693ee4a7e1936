// Inputs a hostile or broken client sends to the public and staff REST API: none may end the
// process, none may give a 500, and every refusal is a FOLIO errors[] body of bounded size.
import assert from 'node:assert/strict';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';

describe('hostile input on the REST API', () => {
  let mod: RunningModule;
  let tenant: string;
  let api: ReturnType<typeof tenantClient>;

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('hostile');
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant);
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  async function alive(): Promise<void> {
    const res = await fetch(`${mod.url}/admin/health`);
    assert.equal(res.status, 200, 'the module still answers');
  }

  it('answers a malformed /_/invoke/tenant/ path with 400 in the FOLIO shape and keeps running', async () => {
    for (const path of ['/_/invoke/tenant/%E0%A4%A/resource-sharing/requests', '/_/invoke/tenant/%/resource-sharing/iso18626']) {
      const res = await fetch(`${mod.url}${path}`);
      assert.equal(res.status, 400, path);
      const body = (await res.json()) as { errors: { code: string; parameters: { key: string }[] }[] };
      assert.equal(body.errors[0].code, 'request.malformedPath');
      assert.equal(body.errors[0].parameters[0].key, 'tenant');
    }
    await alive();
    const ok = await fetch(`${mod.url}/_/invoke/tenant/${tenant}/resource-sharing/requests`);
    assert.equal(ok.status, 200, 'a well-formed invoke path still works');
  });

  it('refuses NUL in a CQL query of every list with 400 and an errors[] body', async () => {
    for (const path of ['/resource-sharing/requests', '/resource-sharing/directory/entries', '/resource-sharing/rotas/profiles']) {
      const res = await api.get(`${path}?query=title%3D%00`);
      assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.errors[0].parameters[0].key, 'query');
    }
    await alive();
  });

  it('refuses NUL and lone surrogates in JSON bodies with 422 naming the field, storing nothing', async () => {
    const nul = await api.post('/resource-sharing/requests', '{"citation":{"title":"a\\u0000b"}}');
    assert.equal(nul.status, 422, JSON.stringify(nul.body));
    assert.equal(nul.body.errors[0].parameters[0].key, 'citation.title');
    const surrogate = await api.post('/resource-sharing/requests', '{"citation":{"title":"\\ud800"}}');
    assert.equal(surrogate.status, 422);
    assert.equal(surrogate.body.errors[0].code, 'validation.unstorableText');
    const entry = await api.post('/resource-sharing/directory/entries', '{"name":"x\\u0000","symbols":[{"authority":"ISIL","symbol":"X1"}]}');
    assert.equal(entry.status, 422);
    assert.equal(entry.body.errors[0].parameters[0].key, 'name');
    const settings = await api.put('/resource-sharing/settings', '{"requestIdPrefix":"\\udc00"}');
    assert.equal(settings.status, 422, JSON.stringify(settings.body));
    assert.equal((await api.get('/resource-sharing/requests')).body.totalRecords, 0, 'nothing was stored');
    assert.equal((await api.get('/resource-sharing/directory/entries')).body.totalRecords, 0);
  });

  it('refuses 10,000-deep JSON with 422 instead of overflowing the stack', async () => {
    const deep = `{"citation":{"title":"x"},"patron":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const res = await api.post('/resource-sharing/requests', deep);
    assert.equal(res.status, 422, JSON.stringify(res.body).slice(0, 300));
    assert.equal(res.body.errors[0].code, 'validation.tooDeep');
    await alive();
  });

  it('cuts the offending value in an error body: a 1 MB title gives a small 422', async () => {
    const res = await api.post('/resource-sharing/requests', { citation: { title: 'x'.repeat(1_000_000) } });
    assert.equal(res.status, 422);
    assert.ok(JSON.stringify(res.body).length < 2_000, `error body of ${JSON.stringify(res.body).length} characters`);
    assert.match(res.body.errors[0].parameters[0].value, /\.\.\.$/);
  });

  it('refuses a requester that is not one of our symbols and a supplier not in the directory (422 naming the field)', async () => {
    assert.equal((await api.put('/resource-sharing/settings', { ownSymbols: ['ISIL:OWN-1'] })).status, 200);
    const partner = await api.post('/resource-sharing/directory/entries', {
      name: 'Partner',
      symbols: [{ authority: 'ISIL', symbol: 'PARTNER-1' }],
      partner: true,
      iso18626Endpoint: 'http://127.0.0.1:9/iso18626',
    });
    assert.equal(partner.status, 201);
    const impersonated = await api.post('/resource-sharing/requests', { citation: { title: 'x' }, requesterSymbol: 'ISIL:IMPERSONATED' });
    assert.equal(impersonated.status, 422, JSON.stringify(impersonated.body));
    assert.equal(impersonated.body.errors[0].parameters[0].key, 'requesterSymbol');
    for (const junk of ["x' or 1=1", 'ISIL:NOBODY']) {
      const res = await api.post('/resource-sharing/requests', { citation: { title: 'x' }, supplierSymbol: junk });
      assert.equal(res.status, 422, junk);
      assert.equal(res.body.errors[0].parameters[0].key, 'supplierSymbol');
    }
    assert.equal((await api.get('/resource-sharing/requests')).body.totalRecords, 0, 'nothing was stored');
    const ok = await api.post('/resource-sharing/requests', { citation: { title: 'x' }, requesterSymbol: 'isil:own-1', supplierSymbol: 'ISIL:PARTNER-1' });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    const stored = (await api.get(`/resource-sharing/requests/${ok.body.id}`)).body;
    const moved = await api.put(`/resource-sharing/requests/${ok.body.id}`, { ...stored, supplierSymbol: 'ISIL:ELSEWHERE' });
    assert.equal(moved.status, 422);
    assert.equal(moved.body.errors[0].parameters[0].key, 'supplierSymbol');
  });
});
