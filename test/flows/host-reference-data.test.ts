// What the settings and the request form offer to choose from comes from the library system:
// FOLIO's instance types, locations, material types, loan types and service points through the
// host adapter; without FOLIO, the pickup points the library configured for patrons.
import assert from 'node:assert/strict';
import { startFolioSimulator, type FolioSimulator } from '../../simulators/folio/index.ts';
import { startNetwork, type Network } from '../support/library-network.ts';
import { seedWithBarcodes, useFolio } from './host-support.ts';

interface Item { id: string; name: string; code?: string }

describe('flow: reference data from the library system for the settings and the request form', function () {
  this.timeout(60_000);
  let sim: FolioSimulator;
  let net: Network;

  before(async () => {
    sim = await startFolioSimulator({});
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta' }]);
    await useFolio(net.libraries.Alpha, sim, seedWithBarcodes(net.libraries.Alpha.tenant, ''));
  });
  after(async () => {
    await net.close();
    await sim.close();
  });

  it('FOLIO: names and ids of each list, pickup service points first among the pickup locations', async () => {
    const { Alpha: a } = net.libraries;
    const res = await a.api.get('/resource-sharing/host/reference-data');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.hostAdapter, 'folio');
    assert.equal(res.body.unavailable, undefined, JSON.stringify(res.body.unavailable));
    const state = sim.state(a.tenant);
    for (const [key, records] of [
      ['instanceTypes', state.instanceTypes], ['locations', state.locations], ['materialTypes', state.materialTypes],
      ['loanTypes', state.loanTypes], ['servicePoints', state.servicePoints],
    ] as const) {
      const list = res.body[key] as Item[];
      assert.ok(list.length > 0 && list.length === (records as Map<string, unknown>).size, `${key}: ${list.length}`);
      assert.ok(list.every((i) => i.id && i.name), key);
    }
    const pickup = res.body.pickupLocations as Item[];
    const folioPickup = [...state.servicePoints.values()].filter((s) => (s as { pickupLocation?: boolean }).pickupLocation === true);
    assert.deepEqual(pickup.slice(0, folioPickup.length).map((p) => p.id).sort(), folioPickup.map((s) => (s as { id: string }).id).sort());
  });

  it('without FOLIO: no FOLIO lists, only the configured pickup points', async () => {
    const { Beta: b } = net.libraries;
    const res = await b.api.get('/resource-sharing/host/reference-data');
    assert.equal(res.status, 200);
    assert.equal(res.body.hostAdapter, 'manual');
    assert.equal(res.body.instanceTypes, undefined);
    assert.ok(Array.isArray(res.body.pickupLocations));
  });
});
