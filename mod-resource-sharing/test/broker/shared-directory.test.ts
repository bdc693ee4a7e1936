// The shared directory: entries read from a directory service in CrossLink's Directory API shape
// (GET /directory/entries -> {items, about: {count, nextLink}}), merged into ours by the timer.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';

interface Entry {
  id: string;
  name: string;
  type?: string;
  symbols?: { id: string; authority: string; symbol: string }[];
  endpoints?: { id: string; name: string; type: string; address: string }[];
  addresses?: { id: string; entry: string; type: string; addressComponents: { seq: number; type: string; value: string }[] }[];
  illConfig?: { iso18626Url?: string };
}

const entry = (n: number, name: string, code: string, extra: Partial<Entry> = {}): Entry => ({
  id: `00000000-0000-0000-0000-00000000000${n}`,
  name,
  type: 'Institution',
  symbols: [{ id: `60000000-0000-0000-0000-00000000000${n}`, authority: 'isil', symbol: code }],
  endpoints: [{ id: `10000000-0000-0000-0000-00000000000${n}`, name: 'ISO18626', type: 'ISO18626', address: `https://${code.toLowerCase()}.example.org/iso18626` }],
  ...extra,
});

describe('shared directory (CrossLink directory API) merged by the timer', () => {
  let mod: RunningModule;
  let server: Server;
  let base: string;
  let items: Entry[];
  let failing = false;
  const tenant = uniqueTenant('shdir');
  let api: ReturnType<typeof tenantClient>;

  before(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (failing) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        return res.end('Internal server error');
      }
      if (url.pathname !== '/directory/entries') {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('Not found');
      }
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const page = items.slice(offset, offset + limit);
      const about: Record<string, unknown> = { count: items.length };
      if (offset + limit < items.length) about.nextLink = `/directory/entries?limit=${limit}&offset=${offset + limit}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: page, about }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/directory/entries?limit=2`;
    mod = await startModule();
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant);
    await api.put('/resource-sharing/settings', { ownSymbols: ['ISIL:OWN'] });
    assert.equal((await api.post('/resource-sharing/directory/entries', { name: 'Us', symbols: [{ authority: 'ISIL', symbol: 'OWN' }], self: true })).status, 201);
    const local = await api.post('/resource-sharing/directory/entries', {
      name: 'Southbank (typed in here)',
      symbols: [{ authority: 'ISIL', symbol: 'SB' }],
      partner: true,
      iso18626Endpoint: 'https://local.example.org/sb',
    });
    assert.equal(local.status, 201, JSON.stringify(local.body));
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const timer = () => api.post('/resource-sharing/timers/shared-directory', {});
  const entries = async () => (await api.get('/resource-sharing/directory/entries?limit=100')).body.entries as Record<string, any>[];
  const byName = async (name: string) => (await entries()).find((e) => e.name === name);

  it('does nothing until a shared directory is set', async () => {
    const res = await timer();
    assert.equal(res.status, 200);
    assert.equal(res.body.ran, false);
    assert.match(res.body.skipped, /sharedDirectory/);
  });

  it('rejects a shared directory URL that is not http(s) (422), and a broker setting without its endpoint', async () => {
    const bad = await api.put('/resource-sharing/settings', { sharedDirectory: { url: 'ftp://dir.example.org' } });
    assert.equal(bad.status, 422, JSON.stringify(bad.body));
    const noEndpoint = await api.put('/resource-sharing/settings', { broker: { routing: 'broker', symbol: 'ISIL:BROKER', mode: 'opaque' } });
    assert.equal(noEndpoint.status, 422, JSON.stringify(noEndpoint.body));
    const badMode = await api.put('/resource-sharing/settings', { broker: { routing: 'broker', symbol: 'ISIL:BROKER', endpoint: 'https://b.example.org', mode: 'secret' } });
    assert.equal(badMode.status, 422, JSON.stringify(badMode.body));
    assert.equal((await api.get('/resource-sharing/settings')).body.broker, null, 'nothing was stored');
  });

  it('reads every page, adds the institutions as shared partners, leaves local entries alone and says why', async () => {
    items = [
      entry(1, 'Northgate University', 'NG', {
        addresses: [
          {
            id: '20000000-0000-0000-0000-000000000001',
            entry: '00000000-0000-0000-0000-000000000001',
            type: 'Shipping',
            addressComponents: [
              { seq: 2, type: 'Locality', value: 'Northgate' },
              { seq: 1, type: 'Thoroughfare', value: '3 Gate Road' },
              { seq: 3, type: 'PostalCode', value: '3000' },
              { seq: 4, type: 'CountryCode', value: 'dk' },
            ],
          },
        ],
      }),
      entry(2, 'Southbank College', 'SB'),
      entry(3, 'Eastbrook Library', 'EB', { endpoints: [], illConfig: { iso18626Url: 'https://eb.example.org/custom-iso' } }),
      { id: '00000000-0000-0000-0000-000000000004', name: 'The Consortium', type: 'Consortium' },
      entry(5, 'Ourselves, as the consortium lists us', 'OWN'),
    ];
    assert.equal((await api.put('/resource-sharing/settings', { sharedDirectory: { url: base } })).status, 200);
    const run = (await timer()).body;
    assert.equal(run.ran, true, JSON.stringify(run));
    assert.equal(run.read, 5, 'all three pages were read');
    assert.equal(run.created, 2);
    const reasons = Object.fromEntries(run.notTaken.map((n: { name: string; reason: string }) => [n.name, n.reason]));
    assert.match(reasons['Southbank College'], /local entries win/);
    assert.match(reasons['The Consortium'], /no symbol/);
    assert.match(reasons['Ourselves, as the consortium lists us'], /our own library/);

    const ng = await byName('Northgate University');
    assert.equal(ng?.source, 'shared');
    assert.equal(ng?.sourceUrl, base);
    assert.equal(ng?.partner, true);
    assert.equal(ng?.iso18626Endpoint, 'https://ng.example.org/iso18626');
    assert.deepEqual(ng?.symbols, [{ authority: 'ISIL', symbol: 'NG' }]);
    assert.deepEqual(ng?.shippingAddress, { line1: '3 Gate Road', locality: 'Northgate', postalCode: '3000', country: 'DK' });
    assert.equal((await byName('Eastbrook Library'))?.iso18626Endpoint, 'https://eb.example.org/custom-iso', 'illConfig.iso18626Url wins over endpoints');
    const local = await byName('Southbank (typed in here)');
    assert.equal(local?.source, 'local');
    assert.equal(local?.iso18626Endpoint, 'https://local.example.org/sb');
    assert.equal(await byName('Southbank College'), undefined);
  });

  it('a second run changes only what changed, keeps our own relation (partner: false) and removes what the service dropped', async () => {
    const ng = (await byName('Northgate University'))!;
    const put = await api.put(`/resource-sharing/directory/entries/${ng.id}`, { ...ng, partner: false });
    assert.equal(put.status, 204, JSON.stringify(put.body));
    assert.equal((await byName('Northgate University'))?.source, 'shared', 'an edit that keeps the source keeps the entry shared');
    items = [{ ...items[0], name: 'Northgate University Library' }, items[1], items[3]];
    const run = (await timer()).body;
    assert.equal(run.updated, 1, JSON.stringify(run));
    assert.equal(run.removed, 1);
    assert.equal(run.created, 0);
    const renamed = await byName('Northgate University Library');
    assert.equal(renamed?.partner, false, 'our own decision stays');
    assert.equal(await byName('Eastbrook Library'), undefined, 'gone from the service, gone here');
    const again = (await timer()).body;
    assert.equal(again.unchanged, 1);
    assert.equal(again.updated, 0);
  });

  it('a service that fails leaves the directory as it was and says why', async () => {
    const before = (await entries()).length;
    failing = true;
    try {
      const run = (await timer()).body;
      assert.equal(run.ran, true);
      assert.match(run.error, /HTTP 500/);
    } finally {
      failing = false;
    }
    assert.equal((await entries()).length, before);
  });
});
