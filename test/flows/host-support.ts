// Libraries backed by a simulated library system: a network of tenants (library-network.ts) whose
// settings point at the FOLIO simulator (one process, one simulated FOLIO tenant per library,
// named like the module's tenant) or at an NCIP responder simulator each.
import assert from 'node:assert/strict';
import { OkapiClient } from '../../mod-resource-sharing/src/okapi/okapi-client.ts';
import { DEMO_CREDENTIALS, demoHostSettings, demoSeed, type FolioSimulator, type SeedData } from '../../simulators/folio/index.ts';
import type { Library } from '../support/library-network.ts';

/** demoSeed with the lendable items' barcodes prefixed, so two libraries' barcodes differ. */
export function seedWithBarcodes(tenant: string, prefix: string, rename: Record<string, string> = {}): SeedData {
  const seed = demoSeed(tenant);
  return {
    ...seed,
    items: (seed.items ?? []).map((i) => {
      const barcode = String(i.barcode);
      return { ...i, barcode: rename[barcode] ?? `${prefix}${barcode}` };
    }),
  };
}

/** Points the library at its simulated FOLIO tenant (seeded first). */
export async function useFolio(lib: Library, sim: FolioSimulator, seed: SeedData, extra: Record<string, unknown> = {}): Promise<void> {
  sim.seed(lib.tenant, seed);
  const res = await lib.api.put('/resource-sharing/settings', {
    hostAdapter: 'folio',
    folioHost: { ...demoHostSettings(lib.tenant), okapiUrl: sim.url, systemUser: { ...DEMO_CREDENTIALS }, timeoutMs: 1500, ...extra },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

/** A FOLIO client logged in as staff at the simulated desk (patrons checking out and returning). */
export function deskClient(sim: FolioSimulator, lib: Library): OkapiClient {
  return new OkapiClient({ url: sim.url, tenant: lib.tenant, login: { ...DEMO_CREDENTIALS } });
}

export async function runHostTimer(lib: Library): Promise<Record<string, any>> {
  const res = await lib.api.post('/resource-sharing/timers/host', {});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

/** POST an action and expect it refused because the library system failed; answers the error text. */
export async function refusedByHost(lib: Library, id: string, action: string, parameters: Record<string, unknown> = {}): Promise<string> {
  const res = await lib.api.post(`/resource-sharing/requests/${id}/actions/${action}`, { parameters });
  assert.equal(res.status, 422, `${lib.name} ${action} should fail in the library system: ${res.status} ${JSON.stringify(res.body)}`);
  const message = String(res.body.errors?.[0]?.message ?? '');
  assert.match(message, /Library system/);
  return message;
}

export async function getRequest(lib: Library, id: string): Promise<Record<string, any>> {
  const res = await lib.api.get(`/resource-sharing/requests/${id}`);
  assert.equal(res.status, 200);
  return res.body;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
