// Several libraries in one process: each a tenant of one running module, with its own symbol,
// a directory that names the others as partners at their real ISO 18626 endpoints (loopback
// HTTP through the /_/invoke/tenant/ path), so their messages travel exactly as between sites.
import assert from 'node:assert/strict';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule } from './module-harness.ts';

export interface Library {
  name: string;
  tenant: string;
  symbol: string;
  api: ReturnType<typeof tenantClient>;
  endpoint: string;
}

export interface Network {
  mod: RunningModule;
  libraries: Record<string, Library>;
  close(): Promise<void>;
}

export interface LibrarySpec {
  name: string;
  version?: '2017' | '2021';
  /** names of the libraries it has partner agreements with (default: all others) */
  partners?: string[];
  settings?: Record<string, unknown>;
  /**
   * Authenticates its partners: with every other library that also has `secrets`, it shares a
   * secret and account id, entered on both sides (as two libraries agree them), so each side's
   * messages carry what the other requires. Libraries without it agree no secret.
   */
  secrets?: boolean;
}

/** The secret and account id two libraries of a network agreed (the same on both sides). */
export function agreedCredentials(a: Library, b: Library): { sharedSecret: string; accountId: string } {
  const [x, y] = [a.tenant, b.tenant].sort();
  return { sharedSecret: `secret-${x}-${y}`, accountId: `acct-${x}-${y}` };
}

export async function startNetwork(specs: LibrarySpec[], existing?: RunningModule): Promise<Network> {
  const mod = existing ?? (await startModule());
  const libraries: Record<string, Library> = {};
  for (const spec of specs) {
    const tenant = uniqueTenant(spec.name.toLowerCase());
    await enableTenant(mod.url, tenant);
    libraries[spec.name] = {
      name: spec.name,
      tenant,
      symbol: `ISIL:${spec.name.toUpperCase()}-${tenant.slice(-4)}`,
      api: tenantClient(mod.url, tenant, { 'x-okapi-user-id': '6a0e5b7c-1111-4a8b-9c2d-000000000001' }),
      endpoint: `${mod.url}/_/invoke/tenant/${tenant}/resource-sharing/iso18626`,
    };
  }
  for (const spec of specs) {
    const lib = libraries[spec.name];
    const settings = await lib.api.put('/resource-sharing/settings', { ownSymbols: [lib.symbol], ...spec.settings });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    const [authority, code] = lib.symbol.split(':');
    const self = await lib.api.post('/resource-sharing/directory/entries', {
      name: `${spec.name} library`,
      symbols: [{ authority, symbol: code }],
      self: true,
    });
    assert.equal(self.status, 201, JSON.stringify(self.body));
    for (const other of specs) {
      if (other.name === spec.name) continue;
      const peer = libraries[other.name];
      const [a, c] = peer.symbol.split(':');
      const isPartner = spec.partners ? spec.partners.includes(other.name) : true;
      const res = await lib.api.post('/resource-sharing/directory/entries', {
        name: `${other.name} library`,
        symbols: [{ authority: a, symbol: c }],
        partner: isPartner,
        iso18626Endpoint: peer.endpoint,
        iso18626Version: other.version ?? '2017',
        ...(spec.secrets && other.secrets ? agreedCredentials(lib, peer) : {}),
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  }
  return {
    mod,
    libraries,
    async close() {
      for (const lib of Object.values(libraries)) await purgeTenant(mod.url, lib.tenant);
      if (!existing) await mod.close();
    },
  };
}

/** Polls `probe` until it returns a value that is not undefined (messages travel asynchronously). */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the request is in `state` and answers it. */
export async function inState(lib: Library, id: string, state: string): Promise<Record<string, any>> {
  let seen = '';
  return eventually(async () => {
    const res = await lib.api.get(`/resource-sharing/requests/${id}`);
    seen = res.body?.state ?? `no state: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
    return res.body.state === state ? res.body : undefined;
  }, `${lib.name} request ${id} to reach ${state} (last seen ${seen})`);
}

/** The lending request a borrower's request created at the supplier. */
export async function lendingRequestFor(lib: Library, borrowerHrid: string): Promise<Record<string, any>> {
  return eventually(async () => {
    const res = await lib.api.get(`/resource-sharing/requests?query=${encodeURIComponent(`role==lending and peerRequestId=="${borrowerHrid}"`)}`);
    return res.body.requests?.[0];
  }, `${lib.name} to receive ${borrowerHrid}`);
}

/** How many lending requests `lib` holds (a refused partner message must not change it). */
export async function lendingCount(lib: Library): Promise<number> {
  const res = await lib.api.get('/resource-sharing/requests?limit=0&query=role%3D%3Dlending');
  return res.body.totalRecords;
}

export async function act(lib: Library, id: string, action: string, parameters: Record<string, unknown> = {}) {
  const res = await lib.api.post(`/resource-sharing/requests/${id}/actions/${action}`, { parameters });
  assert.equal(res.status, 200, `${lib.name} ${action}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
