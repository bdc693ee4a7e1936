// An empty body is no body, whatever Content-Type comes with it (Okapi's own calls send
// `application/json; charset=UTF-8` with zero bytes; its proxy forwards a body-less POST or DELETE
// as a chunked body of zero bytes, often without a Content-Type). Every route that writes is tried
// with each of those habits, in process and on a real socket.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { resolvedDescriptor } from '../../../scripts/build-descriptor.ts';
import { OkapiHarness, type ModuleDescriptorLike } from '../../../test/support/okapi-harness.ts';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A FOLIO-shaped refusal: errors[] for 422 (and JSON 400), plain text otherwise; never a body-parsing complaint. */
function assertNotABodyComplaint(what: string, status: number, type: string | undefined, text: string): void {
  assert.notEqual(status, 415, `${what}: 415 ${text}`);
  assert.ok(status < 500, `${what}: ${status} ${text}`);
  assert.doesNotMatch(text, /Body cannot be empty|not valid JSON|Unsupported Media Type|FST_ERR/, what);
  if (status === 422) {
    assert.match(type ?? '', /application\/json/, what);
    const body = JSON.parse(text) as { errors?: { message: string }[] };
    assert.ok(Array.isArray(body.errors) && body.errors.length > 0, `${what}: ${text}`);
  }
}

describe('empty bodies: no body with any or no Content-Type, on every route that writes', () => {
  let mod: RunningModule;
  let tenant: string;
  let okapi: OkapiHarness;
  let routes: { method: string; url: string }[];

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('empty');
    await enableTenant(mod.url, tenant);
    okapi = new OkapiHarness({ moduleUrl: mod.url, descriptor: resolvedDescriptor() as unknown as ModuleDescriptorLike, auth: false });
    routes = mod.app.registeredRoutes
      .filter((r) => WRITES.has(r.method) && r.url !== '/resource-sharing/iso18626')
      .map((r) => ({ method: r.method, url: r.url.replace(/:[A-Za-z]+/g, randomUUID()) }));
    assert.ok(routes.length >= 20, `found ${routes.length} routes`);
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  const injected: [string, Record<string, string>][] = [
    ["Okapi's JSON content type with Content-Length: 0", { 'content-type': 'application/json; charset=UTF-8', 'content-length': '0' }],
    ['no Content-Type, no body', {}],
    ['text/plain, zero bytes', { 'content-type': 'text/plain', 'content-length': '0' }],
    ['application/xml, zero bytes', { 'content-type': 'application/xml', 'content-length': '0' }],
    ['an unparseable Content-Type, zero bytes', { 'content-type': 'not a type;;', 'content-length': '0' }],
  ];
  for (const [name, headers] of injected) {
    it(`in process (inject): ${name}`, async () => {
      for (const r of routes) {
        const res = await mod.app.inject({ method: r.method as 'POST', url: r.url, headers: { 'x-okapi-tenant': tenant, ...headers } });
        assertNotABodyComplaint(`${r.method} ${r.url}`, res.statusCode, res.headers['content-type'] as string | undefined, res.body);
      }
    });
  }

  const chunked: [string, Record<string, string>][] = [
    ['a chunked body of zero bytes without Content-Type (a proxied body-less call)', {}],
    ['a chunked body of zero bytes with application/json', { 'Content-Type': 'application/json' }],
    ['a chunked body of only whitespace with application/json', { 'Content-Type': 'application/json' }],
  ];
  for (const [name, headers] of chunked) {
    it(`on a real socket: ${name}`, async () => {
      const body = name.includes('whitespace') ? ' \r\n ' : '';
      for (const r of routes) {
        const res = await okapi.send(r.method, r.url, { 'X-Okapi-Tenant': tenant, ...headers }, body, 'chunked');
        assertNotABodyComplaint(`${r.method} ${r.url}`, res.status, res.headers['content-type'], res.text);
      }
    });
  }

  it('the timers answer 200 to an empty chunked body and to an empty JSON one', async () => {
    const timers = mod.app.registeredRoutes.filter((r) => r.url.startsWith('/resource-sharing/timers/'));
    assert.ok(timers.length >= 6);
    for (const t of timers) {
      for (const framing of ['chunked', 'length'] as const) {
        const res = await okapi.send(t.method, t.url, { 'X-Okapi-Tenant': tenant, 'Content-Type': 'application/json; charset=UTF-8' }, '', framing);
        assert.equal(res.status, 200, `${t.method} ${t.url} (${framing}): ${res.text}`);
      }
    }
  });

  it('a route that needs a body answers 422 in FOLIO shape, naming the body', async () => {
    for (const [method, url] of [
      ['POST', '/resource-sharing/requests'],
      ['PUT', '/resource-sharing/settings'],
      ['POST', '/resource-sharing/directory/entries'],
      ['POST', '/resource-sharing/rotas'],
    ]) {
      const res = await okapi.send(method, url, { 'X-Okapi-Tenant': tenant }, '', 'chunked');
      assert.equal(res.status, 422, `${method} ${url}: ${res.text}`);
      const body = JSON.parse(res.text) as { errors: { message: string; parameters: { key: string }[] }[] };
      assert.equal(body.errors[0].parameters[0].key, '(body)', res.text);
    }
    const settings = await tenantClient(mod.url, tenant).get('/resource-sharing/settings');
    assert.equal(settings.status, 200, 'nothing was half-written');
  });

  it('a body that is there is still read: bad JSON is 400, a type the module does not read is 415, both in plain text', async () => {
    const bad = await okapi.send('POST', '/resource-sharing/requests', { 'X-Okapi-Tenant': tenant, 'Content-Type': 'application/json' }, '{"citation":', 'chunked');
    assert.equal(bad.status, 400);
    assert.match(bad.headers['content-type'] ?? '', /text\/plain/);
    const xml = await okapi.send('POST', '/resource-sharing/requests', { 'X-Okapi-Tenant': tenant, 'Content-Type': 'application/xml' }, '<request/>', 'chunked');
    assert.equal(xml.status, 415);
    assert.match(xml.headers['content-type'] ?? '', /text\/plain/);
    assert.match(xml.text, /application\/xml/);
    const untyped = await okapi.send('POST', '/resource-sharing/requests', { 'X-Okapi-Tenant': tenant }, '{"citation":{"title":"x"}}', 'chunked');
    assert.equal(untyped.status, 415, untyped.text);
    const ok = await okapi.send('POST', '/resource-sharing/requests', { 'X-Okapi-Tenant': tenant, 'Content-Type': 'application/json; charset=UTF-8' }, '{"citation":{"title":"Chunked and fine"}}', 'chunked');
    assert.equal(ok.status, 201, ok.text);
  });

  it('the ISO 18626 endpoint keeps its own rules: an empty message is an ISO 18626 refusal, not a body-parsing error', async () => {
    const res = await okapi.send('POST', '/resource-sharing/iso18626', { 'X-Okapi-Tenant': tenant, 'Content-Type': 'application/xml' }, '', 'chunked');
    assert.equal(res.status, 400);
    assert.match(res.text, /ISO18626Message/);
  });
});
