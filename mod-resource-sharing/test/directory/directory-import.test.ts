import assert from 'node:assert/strict';
import {
  enableTenant,
  purgeTenant,
  startModule,
  tenantClient,
  uniqueTenant,
  type RunningModule,
} from '../../../test/support/module-harness.ts';

const ENTRIES = '/resource-sharing/directory/entries';
const IMPORT = '/resource-sharing/directory/import';

const member = (code: string, extra: Record<string, unknown> = {}) => ({
  name: `Member ${code}`,
  symbols: [{ authority: 'ISIL', symbol: `SE-${code}` }],
  iso18626Endpoint: `https://peer.example.net/${code}`,
  ...extra,
});

describe('directory import and export', () => {
  let mod: RunningModule;
  let tenant: string;
  let api: ReturnType<typeof tenantClient>;

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('dirimp');
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant);
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  const count = async () => (await api.get(`${ENTRIES}?limit=0&totalRecords=exact`)).body.totalRecords as number;

  it('writes nothing when one entry is invalid, and names the entry and the field', async () => {
    const bad = await api.post(IMPORT, [member('1'), member('2'), member('3', { iso18626Endpoint: 'not a url' })]);
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].parameters[0].key, 'entries[2].iso18626Endpoint');
    assert.equal(await count(), 0);

    const dup = await api.post(IMPORT, { entries: [member('1'), member('2', { symbols: [{ authority: 'ISIL', symbol: 'se-1' }] })] });
    assert.equal(dup.status, 422);
    assert.equal(dup.body.errors[0].parameters[0].key, 'entries[1].symbols');
    assert.match(dup.body.errors[0].message, /also in entries\[0\]/);
    assert.equal(await count(), 0);

    const missing = await api.post(IMPORT, { entries: [member('1'), { symbols: [{ authority: 'ISIL', symbol: 'SE-9' }] }] });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.errors[0].parameters[0].key, 'entries[1].name');

    const shape = await api.post(IMPORT, { members: [] });
    assert.equal(shape.status, 422);
    assert.equal(shape.body.errors[0].parameters[0].key, 'entries');
    assert.equal(await count(), 0);
  });

  it('rolls back entries already written when a later one conflicts with the stored directory', async () => {
    const stored = await api.post(ENTRIES, { name: 'Stored elsewhere', symbols: [{ authority: 'OCLC', symbol: 'XYZ' }, { authority: 'ISIL', symbol: 'NO-1' }] });
    assert.equal(stored.status, 201);
    // entries[1] names symbols of two different stored entries: ambiguous
    await api.post(ENTRIES, { name: 'Another', symbols: [{ authority: 'ISIL', symbol: 'NO-2' }] });
    const res = await api.post(IMPORT, [member('10'), { name: 'Merged', symbols: [{ authority: 'ISIL', symbol: 'NO-1' }, { authority: 'ISIL', symbol: 'NO-2' }] }]);
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].parameters[0].key, 'entries[1].symbols');
    const found = await api.get(`${ENTRIES}?query=${encodeURIComponent('symbols="SE-10"')}`);
    assert.equal(found.body.totalRecords, 0, 'entries[0] was not kept');
    assert.equal(await count(), 2);
  });

  it('upserts by symbol, keeps our own relation to an institution, and exports without secrets', async () => {
    const mine = await api.post(ENTRIES, member('20', { partner: true, sharedSecret: 'only-ours', name: 'Old name' }));
    assert.equal(mine.status, 201);
    const res = await api.post(IMPORT, {
      entries: [
        member('20', { name: 'New name', loanToBorrowRatio: 2 }),
        member('21', { lendingPolicy: { returnables: true, copies: false } }),
      ],
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.created, 1);
    assert.equal(res.body.updated, 1);
    const updated = await api.get(`${ENTRIES}/${mine.body.id}`);
    assert.equal(updated.body.name, 'New name');
    assert.equal(updated.body.loanToBorrowRatio, 2);
    assert.equal(updated.body.partner, true, 'the file does not say, so our agreement stays');
    assert.equal(updated.body.sharedSecret, 'only-ours');

    const exported = await api.get('/resource-sharing/directory/export');
    assert.equal(exported.status, 200);
    const e20 = exported.body.entries.find((e: { name: string }) => e.name === 'New name');
    assert.ok(e20);
    assert.equal(e20.sharedSecret, undefined, 'secrets stay home');
    assert.equal(e20.partner, true);
    const withSecrets = await api.get('/resource-sharing/directory/export?includeSecrets=true');
    assert.equal(withSecrets.body.entries.find((e: { name: string }) => e.name === 'New name').sharedSecret, 'only-ours');

    // the export imports cleanly into another tenant
    const other = uniqueTenant('dirimp2');
    await enableTenant(mod.url, other);
    try {
      const api2 = tenantClient(mod.url, other);
      const again = await api2.post(IMPORT, exported.body);
      assert.equal(again.status, 200);
      assert.equal(again.body.created, exported.body.entries.length);
      assert.equal((await api2.get(`${ENTRIES}?limit=0&totalRecords=exact`)).body.totalRecords, exported.body.entries.length);
    } finally {
      await purgeTenant(mod.url, other);
    }
  });
});
