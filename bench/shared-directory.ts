// Shared directory merge: a CrossLink-shaped directory service with N institutions (pages of 200),
// merged into one tenant's directory by the `_timer` handler. Prints the time of the first run (all
// created), of a second run (nothing changed) and of a run where every tenth entry changed. Uses
// PGlite, or PostgreSQL when DB_HOST is set.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant } from '../test/support/module-harness.ts';

const N = Number(process.env.BENCH_DIRECTORY_ENTRIES ?? 1000);

export async function run(): Promise<void> {
  let rename = 0;
  const items = () =>
    Array.from({ length: N }, (_, i) => ({
      id: `e-${i}`,
      name: `Library ${i}${rename && i % 10 === 0 ? ` (renamed ${rename})` : ''}`,
      type: 'Institution',
      symbols: [{ id: `s-${i}`, authority: 'ISIL', symbol: `BENCH-${i}` }],
      endpoints: [{ id: `p-${i}`, name: 'ISO18626', type: 'ISO18626', address: `https://lib${i}.example.org/iso18626` }],
    }));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const limit = Number(url.searchParams.get('limit') ?? 10);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const all = items();
    const about: Record<string, unknown> = { count: all.length };
    if (offset + limit < all.length) about.nextLink = `/directory/entries?limit=${limit}&offset=${offset + limit}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: all.slice(offset, offset + limit), about }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const mod = await startModule();
  const tenant = uniqueTenant('benchdir');
  await enableTenant(mod.url, tenant);
  const api = tenantClient(mod.url, tenant);
  await api.put('/resource-sharing/settings', { sharedDirectory: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/directory/entries` } });
  const timed = async (label: string) => {
    const t = performance.now();
    const res = await api.post('/resource-sharing/timers/shared-directory', {});
    const ms = performance.now() - t;
    const b = res.body;
    console.log(`${label}: ${ms.toFixed(0)} ms (read ${b.read}, created ${b.created}, updated ${b.updated}, unchanged ${b.unchanged}, removed ${b.removed})`);
  };
  console.log(`${N} institutions, ${process.env.DB_HOST ? 'PostgreSQL' : 'PGlite'}`);
  await timed('first run');
  await timed('nothing changed');
  rename = 1;
  await timed('every tenth renamed');
  await purgeTenant(mod.url, tenant);
  await mod.close();
  await new Promise<void>((r) => server.close(() => r()));
}
