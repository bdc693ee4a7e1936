// Sets up the demo libraries in a running module: each tenant enabled, its settings (own symbol,
// request id prefix), a directory entry for itself, partner entries for the other two at their
// ISO 18626 endpoints, and two rota profiles. Runs only for a tenant that has no own symbol yet,
// so a restart keeps what staff changed. The host adapter is pointed at the FOLIO simulator on
// every start.
import { DEMO_CREDENTIALS, demoHostSettings } from '../../simulators/folio/index.ts';
import { demoApi, expectStatus, type DemoApi } from './demo-api.ts';
import { DEMO_LIBRARIES, iso18626Endpoint, neighboursOf, type DemoLibrary } from './demo-libraries.ts';

const MODULE_ID = 'mod-resource-sharing-0.2.0';

/** Enables (or upgrades) the module for `tenant` and waits for the tenant job. */
export async function enableDemoTenant(baseUrl: string, tenant: string): Promise<void> {
  const headers = { 'content-type': 'application/json', 'x-okapi-tenant': tenant };
  const res = await fetch(`${baseUrl}/_/tenant`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ module_to: MODULE_ID, parameters: [{ key: 'loadReference', value: 'true' }] }),
  });
  if (res.status !== 201) throw new Error(`enabling ${tenant}: ${res.status} ${await res.text()}`);
  const job = (await (await fetch(`${baseUrl}${res.headers.get('location')}?wait=60000`, { headers })).json()) as { error?: string };
  if (job.error) throw new Error(`enabling ${tenant}: ${job.error}`);
}

function splitSymbol(symbol: string): { authority: string; symbol: string } {
  const [authority, code] = symbol.split(':');
  return { authority, symbol: code };
}

async function isConfigured(api: DemoApi): Promise<boolean> {
  const res = expectStatus(await api.get<{ ownSymbols?: string[] }>('/resource-sharing/settings'), [200], 'reading settings');
  return (res.body.ownSymbols ?? []).length > 0;
}

async function configureLibrary(baseUrl: string, lib: DemoLibrary): Promise<void> {
  const api = demoApi(baseUrl, lib.tenant);
  expectStatus(
    await api.put('/resource-sharing/settings', { ownSymbols: [lib.symbol], requestIdPrefix: lib.requestIdPrefix }),
    [200, 204],
    `${lib.tenant} settings`,
  );
  expectStatus(
    await api.post('/resource-sharing/directory/entries', { name: lib.name, symbols: [splitSymbol(lib.symbol)], self: true }),
    [201],
    `${lib.tenant} own directory entry`,
  );
  const partners = neighboursOf(lib.tenant);
  for (const peer of partners) {
    expectStatus(
      await api.post('/resource-sharing/directory/entries', {
        name: peer.name,
        symbols: [splitSymbol(peer.symbol)],
        partner: true,
        iso18626Endpoint: iso18626Endpoint(baseUrl, peer.tenant),
        iso18626Version: '2021',
      }),
      [201],
      `${lib.tenant} partner entry for ${peer.tenant}`,
    );
  }
  expectStatus(
    await api.post('/resource-sharing/rotas', {
      name: 'Neighbours first',
      description: `Loans: ask ${partners[0].name} first, then ${partners[1].name}.`,
      ordered: true,
      entries: partners.map((p) => ({ symbol: p.symbol })),
      rules: [{ serviceType: 'loan' }],
    }),
    [201],
    `${lib.tenant} rota profile for loans`,
  );
  expectStatus(
    await api.post('/resource-sharing/rotas', {
      name: 'Copies: best ranked partner',
      description: 'Copies go to the partner ranked best (balance, speed, fill rate).',
      ordered: false,
      entries: partners.map((p) => ({ symbol: p.symbol })),
      rules: [{ serviceType: 'copy' }],
    }),
    [201],
    `${lib.tenant} rota profile for copies`,
  );
}

/**
 * Enables every demo tenant and configures those not configured yet. Answers the tenants that
 * were configured now (empty on a restart with data kept in the data folder).
 */
export async function setUpDemoNetwork(baseUrl: string): Promise<string[]> {
  for (const lib of DEMO_LIBRARIES) await enableDemoTenant(baseUrl, lib.tenant);
  const fresh: string[] = [];
  for (const lib of DEMO_LIBRARIES) {
    if (await isConfigured(demoApi(baseUrl, lib.tenant))) continue;
    await configureLibrary(baseUrl, lib);
    fresh.push(lib.tenant);
  }
  return fresh;
}

interface DirectoryEntry {
  id: string;
  iso18626Endpoint?: string;
  [key: string]: unknown;
}

/**
 * Points partner entries at this run's port: the data folder keeps the endpoints of the first
 * start, and `PORT` may differ now. Only the demo's own loopback endpoints are touched.
 */
export async function repointDemoEndpoints(baseUrl: string): Promise<number> {
  let changed = 0;
  for (const lib of DEMO_LIBRARIES) {
    const api = demoApi(baseUrl, lib.tenant);
    const list = expectStatus(await api.get<{ entries: DirectoryEntry[] }>('/resource-sharing/directory/entries?limit=100'), [200], 'directory');
    for (const entry of list.body.entries) {
      const m = /^http:\/\/127\.0\.0\.1:\d+(\/_\/invoke\/tenant\/([a-z0-9_]+)\/resource-sharing\/iso18626)$/.exec(entry.iso18626Endpoint ?? '');
      if (!m || !DEMO_LIBRARIES.some((l) => l.tenant === m[2])) continue;
      const wanted = iso18626Endpoint(baseUrl, m[2]);
      if (entry.iso18626Endpoint === wanted) continue;
      const { metadata: _metadata, ...rest } = entry;
      expectStatus(await api.put(`/resource-sharing/directory/entries/${entry.id}`, { ...rest, iso18626Endpoint: wanted }), [200, 204], 'directory update');
      changed += 1;
    }
  }
  return changed;
}

/**
 * Points every demo library's host adapter at the FOLIO simulator (settings `hostAdapter: folio`,
 * `folioHost` with the simulator's URL, the demo seed's reference ids and its system user). Runs on
 * every start: the simulator gets a new port (and fresh in-memory data) each time.
 */
export async function useHostSimulator(baseUrl: string, simulatorUrl: string): Promise<void> {
  for (const lib of DEMO_LIBRARIES) {
    const folioHost = { ...demoHostSettings(lib.tenant), okapiUrl: simulatorUrl, systemUser: { ...DEMO_CREDENTIALS } };
    expectStatus(
      await demoApi(baseUrl, lib.tenant).put('/resource-sharing/settings', { hostAdapter: 'folio', folioHost }),
      [200, 204],
      `${lib.tenant} host adapter settings`,
    );
  }
}
