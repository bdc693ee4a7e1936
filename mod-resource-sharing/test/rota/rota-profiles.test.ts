import assert from 'node:assert/strict';
import {
  enableTenant,
  purgeTenant,
  startModule,
  tenantClient,
  uniqueTenant,
  type RunningModule,
} from '../../../test/support/module-harness.ts';
import { chooseRotaProfile } from '../../src/rota/index.ts';

const ROTAS = '/resource-sharing/rotas';

describe('rota profiles API', () => {
  let mod: RunningModule;
  let tenant: string;
  let api: ReturnType<typeof tenantClient>;

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('rotap');
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant);
    for (const code of ['A', 'B', 'C']) {
      const res = await api.post('/resource-sharing/directory/entries', {
        name: `Library ${code}`,
        symbols: [{ authority: 'ISIL', symbol: `DK-${code}` }],
        partner: true,
        iso18626Endpoint: `http://127.0.0.1:9/${code}`,
      });
      assert.equal(res.status, 201);
    }
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  it('creates, lists, updates and deletes a profile', async () => {
    const created = await api.post(ROTAS, {
      name: 'Quick to respond',
      ordered: true,
      entries: [{ symbol: 'isil:DK-B' }, { symbol: 'ISIL:DK-A', note: 'slow on Mondays' }],
      rules: [{ serviceType: 'copy', priority: 5 }],
    });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body.entries, [{ symbol: 'ISIL:DK-B' }, { symbol: 'ISIL:DK-A', note: 'slow on Mondays' }]);
    const list = await api.get(`${ROTAS}?query=${encodeURIComponent('name="quick"')}`);
    assert.equal(list.body.totalRecords, 1);
    assert.equal(list.body.rotas[0].id, created.body.id);
    const bySymbol = await api.get(`${ROTAS}?query=${encodeURIComponent('symbols="DK-A"')}`);
    assert.equal(bySymbol.body.totalRecords, 1);

    const put = await api.put(`${ROTAS}/${created.body.id}`, { ...created.body, ordered: false, entries: [{ symbol: 'ISIL:DK-C' }] });
    assert.equal(put.status, 204);
    const read = await api.get(`${ROTAS}/${created.body.id}`);
    assert.equal(read.body.ordered, false);
    assert.equal(read.body._version, 2);
    assert.deepEqual(read.body.entries, [{ symbol: 'ISIL:DK-C' }]);
    assert.equal((await api.put(`${ROTAS}/${created.body.id}`, { ...created.body, _version: 1 })).status, 409);

    assert.equal((await api.delete(`${ROTAS}/${created.body.id}`)).status, 204);
    assert.equal((await api.get(`${ROTAS}/${created.body.id}`)).status, 404);
  });

  it('answers 422 naming entries[i].symbol for an unknown, a malformed or a repeated symbol', async () => {
    const unknown = await api.post(ROTAS, { name: 'x', ordered: false, entries: [{ symbol: 'ISIL:DK-A' }, { symbol: 'ISIL:DK-NOPE' }] });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.errors[0].parameters[0].key, 'entries[1].symbol');
    assert.match(unknown.body.errors[0].message, /ISIL:DK-NOPE is not in the directory/);

    const twice = await api.post(ROTAS, { name: 'x', ordered: false, entries: [{ symbol: 'ISIL:DK-A' }, { symbol: 'ISIL:DK-B' }, { symbol: 'isil:dk-a' }] });
    assert.equal(twice.status, 422);
    assert.equal(twice.body.errors[0].parameters[0].key, 'entries[2].symbol');

    const malformed = await api.post(ROTAS, { name: 'x', ordered: false, entries: [{ symbol: 'DK-A' }] });
    assert.equal(malformed.status, 422);
    assert.equal(malformed.body.errors[0].parameters[0].key, 'entries[0].symbol');

    const rule = await api.post(ROTAS, { name: 'x', ordered: false, entries: [], rules: [{ serviceType: 'fax' }] });
    assert.equal(rule.status, 422);
    assert.equal(rule.body.errors[0].parameters[0].key, 'rules[0].serviceType');

    const noOrdered = await api.post(ROTAS, { name: 'x', entries: [] });
    assert.equal(noOrdered.status, 422);
    assert.equal(noOrdered.body.errors[0].parameters[0].key, 'ordered');

    assert.equal((await api.post(ROTAS, { name: 'Same', ordered: false, entries: [] })).status, 201);
    const same = await api.post(ROTAS, { name: 'same ', ordered: false, entries: [] });
    assert.equal(same.status, 422);
    assert.equal(same.body.errors[0].parameters[0].key, 'name');
  });

  it('refuses to delete a directory entry or drop a symbol a profile still uses', async () => {
    const p = await api.post(ROTAS, { name: 'Uses C', ordered: true, entries: [{ symbol: 'ISIL:DK-C' }] });
    assert.equal(p.status, 201);
    const c = (await api.get(`/resource-sharing/directory/entries?query=${encodeURIComponent('symbols="DK-C"')}`)).body.entries[0];
    const del = await api.delete(`/resource-sharing/directory/entries/${c.id}`);
    assert.equal(del.status, 422);
    assert.match(del.body.errors[0].message, /used by the rota profile "Uses C"/);
    const drop = await api.put(`/resource-sharing/directory/entries/${c.id}`, { ...c, symbols: [{ authority: 'ISIL', symbol: 'DK-C2' }] });
    assert.equal(drop.status, 422);
    assert.equal(drop.body.errors[0].parameters[0].key, 'symbols');
    await api.delete(`${ROTAS}/${p.body.id}`);
    assert.equal((await api.delete(`/resource-sharing/directory/entries/${c.id}`)).status, 204);
  });

  it('chooses the profile whose matching rule has the highest priority, by service type, format, patron group and urgency', async () => {
    const mk = async (name: string, rules: object[]) =>
      (await api.post(ROTAS, { name, ordered: false, entries: [{ symbol: 'ISIL:DK-A' }], rules })).body.id as string;
    const copies = await mk('Copies', [{ serviceType: 'copy', priority: 1 }]);
    const dvds = await mk('DVD experts', [{ format: 'DVD', priority: 1 }]);
    const staff = await mk('Staff first', [{ patronGroup: 'staff', priority: 2 }]);
    const urgent = await mk('Urgent', [{ neededWithinDays: 7, priority: 10 }]);
    const now = new Date('2030-03-01T10:00:00Z');

    const pick = async (request: Parameters<typeof chooseRotaProfile>[2]) => (await chooseRotaProfile(mod.db, tenant, request, now))?.profile.id ?? null;
    assert.equal(await pick({ serviceType: 'copy', citation: { title: 'x' } }), copies);
    assert.equal(await pick({ serviceType: 'loan', citation: { title: 'x', format: 'dvd' } }), dvds);
    assert.equal(await pick({ serviceType: 'copy', citation: { title: 'x' }, patron: { patronGroup: 'Staff' } }), staff, 'priority 2 beats 1');
    assert.equal(await pick({ serviceType: 'copy', citation: { title: 'x' }, patron: { patronGroup: 'staff', neededBefore: '2030-03-06' } }), urgent);
    assert.equal(await pick({ serviceType: 'copy', citation: { title: 'x' }, patron: { neededBefore: '2030-04-30' } }), copies, 'not urgent');
    assert.equal(await pick({ serviceType: 'loan', citation: { title: 'x', format: 'book' } }), null);
  });
});
