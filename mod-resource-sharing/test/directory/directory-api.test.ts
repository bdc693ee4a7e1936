import assert from 'node:assert/strict';
import {
  enableTenant,
  purgeTenant,
  startModule,
  tenantClient,
  uniqueTenant,
  type RunningModule,
} from '../../../test/support/module-harness.ts';
import { findEntryBySymbol, isPartner, partnerEndpoint } from '../../src/directory/index.ts';

const ENTRIES = '/resource-sharing/directory/entries';

function entry(code: string, extra: Record<string, unknown> = {}) {
  return {
    name: `Library ${code}`,
    symbols: [{ authority: 'ISIL', symbol: `DK-${code}` }],
    iso18626Endpoint: `https://ill.example.org/${code}/iso18626`,
    iso18626Version: '2021',
    ...extra,
  };
}

function firstError(body: { errors: { message: string; parameters: { key: string; value: string }[] }[] }) {
  return { key: body.errors[0].parameters[0].key, value: body.errors[0].parameters[0].value, message: body.errors[0].message };
}

describe('directory API', () => {
  let mod: RunningModule;
  let tenant: string;
  let api: ReturnType<typeof tenantClient>;

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('dir');
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant);
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  it('creates, reads, lists by CQL, updates and deletes an entry', async () => {
    const created = await api.post(ENTRIES, entry('100', { symbols: [{ authority: 'isil', symbol: 'DK-100' }, { authority: 'OCLC', symbol: 'ABC' }] }));
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('location'), `${ENTRIES}/${created.body.id}`);
    assert.deepEqual(created.body.symbols, [{ authority: 'ISIL', symbol: 'DK-100' }, { authority: 'OCLC', symbol: 'ABC' }]);
    assert.equal(created.body.partner, false);
    assert.equal(created.body._version, 1);

    const read = await api.get(`${ENTRIES}/${created.body.id}`);
    assert.deepEqual(read.body, created.body);

    await api.post(ENTRIES, entry('101', { name: 'Aarhus University Library' }));
    const bySymbol = await api.get(`${ENTRIES}?query=${encodeURIComponent('symbols="OCLC:ABC"')}`);
    assert.equal(bySymbol.status, 200);
    assert.deepEqual(bySymbol.body.entries.map((e: { name: string }) => e.name), ['Library 100']);
    const byName = await api.get(`${ENTRIES}?query=${encodeURIComponent('name=aarhus')}`);
    assert.deepEqual(byName.body.entries.map((e: { name: string }) => e.name), ['Aarhus University Library']);
    assert.equal(byName.body.totalRecords, 1);
    const badField = await api.get(`${ENTRIES}?query=${encodeURIComponent('colour=red')}`);
    assert.equal(badField.status, 422);

    const put = await api.put(`${ENTRIES}/${created.body.id}`, { ...entry('100'), partner: true, _version: 1 });
    assert.equal(put.status, 204);
    const after = await api.get(`${ENTRIES}/${created.body.id}`);
    assert.equal(after.body.partner, true);
    assert.equal(after.body._version, 2);
    assert.deepEqual(after.body.symbols, [{ authority: 'ISIL', symbol: 'DK-100' }], 'OCLC:ABC was dropped');
    assert.equal(await findEntryBySymbol(mod.db, tenant, 'OCLC:ABC'), null, 'a dropped symbol no longer resolves');

    const stale = await api.put(`${ENTRIES}/${created.body.id}`, { ...entry('100'), _version: 1 });
    assert.equal(stale.status, 409);

    assert.equal((await api.delete(`${ENTRIES}/${created.body.id}`)).status, 204);
    assert.equal((await api.get(`${ENTRIES}/${created.body.id}`)).status, 404);
    assert.equal(await findEntryBySymbol(mod.db, tenant, 'ISIL:DK-100'), null);
  });

  it('answers 422 naming the field for an endpoint that is not a URL, duplicate symbols and bad values', async () => {
    const notUrl = await api.post(ENTRIES, entry('200', { iso18626Endpoint: 'ill.example.org/iso18626' }));
    assert.equal(notUrl.status, 422);
    assert.equal(firstError(notUrl.body).key, 'iso18626Endpoint');
    assert.match(firstError(notUrl.body).message, /http or https URL/);

    const ftp = await api.post(ENTRIES, entry('200', { sruEndpoint: 'ftp://cat.example.org/sru' }));
    assert.equal(ftp.status, 422);
    assert.equal(firstError(ftp.body).key, 'sruEndpoint');

    const version = await api.post(ENTRIES, entry('200', { iso18626Version: '2019' }));
    assert.equal(version.status, 422);
    assert.equal(firstError(version.body).key, 'iso18626Version');

    const twiceInOne = await api.post(ENTRIES, entry('200', { symbols: [{ authority: 'ISIL', symbol: 'DK-200' }, { authority: 'isil', symbol: 'dk-200' }] }));
    assert.equal(twiceInOne.status, 422);
    assert.equal(firstError(twiceInOne.body).key, 'symbols');

    assert.equal((await api.post(ENTRIES, entry('201'))).status, 201);
    const taken = await api.post(ENTRIES, { ...entry('202'), symbols: [{ authority: 'ISIL', symbol: 'dk-201' }] });
    assert.equal(taken.status, 422);
    assert.equal(firstError(taken.body).key, 'symbols');
    assert.equal(firstError(taken.body).value, 'ISIL:DK-201');
    assert.match(firstError(taken.body).message, /already belongs to the directory entry "Library 201"/);

    const nested = await api.post(ENTRIES, entry('203', { shippingAddress: { line1: 'Main St 1', country: 'Denmark' } }));
    assert.equal(nested.status, 422);
    assert.equal(firstError(nested.body).key, 'shippingAddress.country');

    const policy = await api.post(ENTRIES, entry('203', { lendingPolicy: { returnables: true, copies: 'yes' } }));
    assert.equal(policy.status, 422);
    assert.equal(firstError(policy.body).key, 'lendingPolicy.copies');

    const unknown = await api.post(ENTRIES, entry('203', { colour: 'red' }));
    assert.equal(unknown.status, 422);
    assert.equal(firstError(unknown.body).key, 'colour');

    const noSymbols = await api.post(ENTRIES, { name: 'Nameless symbols', symbols: [] });
    assert.equal(noSymbols.status, 422);
    assert.equal(firstError(noSymbols.body).key, 'symbols');

    const none = await api.get(`${ENTRIES}?query=${encodeURIComponent('symbols="DK-203" or symbols="DK-200" or symbols="DK-202"')}`);
    assert.equal(none.body.totalRecords, 0, 'nothing invalid was stored');
  });

  it('publishes the own entry at the public /directory/self without secrets; only one entry can be self', async () => {
    const before = await api.get('/resource-sharing/directory/self');
    assert.equal(before.status, 404);
    const own = entry('300', {
      self: true,
      sharedSecret: 's3cret',
      accountId: 'acct-1',
      institutionalPatronBarcode: 'ILL-300',
      shippingAddress: { name: 'ILL office', line1: 'Main St 1', locality: 'Copenhagen', postalCode: '1000', country: 'DK' },
      lendingPolicy: { returnables: true, copies: true, formats: ['book'], loanPeriodDays: 28 },
    });
    assert.equal((await api.post(ENTRIES, own)).status, 201);
    // no permission needed: the descriptor declares it with permissionsRequired []; Okapi routes by tenant
    const res = await fetch(`${mod.url}/resource-sharing/directory/self`, { headers: { 'x-okapi-tenant': tenant } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.name, 'Library 300');
    assert.deepEqual(body.symbols, [{ authority: 'ISIL', symbol: 'DK-300' }]);
    assert.equal(body.iso18626Endpoint, 'https://ill.example.org/300/iso18626');
    assert.deepEqual(body.lendingPolicy, { returnables: true, copies: true, formats: ['book'], loanPeriodDays: 28 });
    for (const hidden of ['sharedSecret', 'accountId', 'institutionalPatronBarcode', 'partner', 'self', '_version', 'metadata']) {
      assert.ok(!(hidden in body), `${hidden} is not published`);
    }
    assert.ok(!JSON.stringify(body).includes('s3cret'));

    const second = await api.post(ENTRIES, entry('301', { self: true }));
    assert.equal(second.status, 422);
    assert.equal(firstError(second.body).key, 'self');
  });

  it('isPartner and partnerEndpoint answer only for partners we defined ourselves', async () => {
    await api.post(ENTRIES, entry('400', { partner: true, sharedSecret: 'pw-400', accountId: 'us-at-400' }));
    await api.post(ENTRIES, entry('401', { partner: false }));
    await api.post(ENTRIES, entry('402', { partner: true, iso18626Endpoint: undefined }));

    assert.equal(await isPartner(mod.db, tenant, 'ISIL:DK-400'), true);
    assert.equal(await isPartner(mod.db, tenant, 'isil:dk-400'), true, 'symbols compare case-insensitively');
    assert.equal(await isPartner(mod.db, tenant, 'ISIL:DK-401'), false, 'in the directory, but no agreement');
    assert.equal(await isPartner(mod.db, tenant, 'ISIL:DK-999'), false, 'unknown');
    assert.equal(await isPartner(mod.db, tenant, 'ISIL:DK-300'), false, 'our own entry is no partner');

    assert.deepEqual(await partnerEndpoint(mod.db, tenant, 'ISIL:DK-400'), {
      url: 'https://ill.example.org/400/iso18626',
      version: '2021',
      sharedSecret: 'pw-400',
      accountId: 'us-at-400',
      entryId: (await findEntryBySymbol(mod.db, tenant, 'ISIL:DK-400'))!.id,
      name: 'Library 400',
    });
    assert.equal(await partnerEndpoint(mod.db, tenant, 'ISIL:DK-401'), null, 'not a partner');
    assert.equal(await partnerEndpoint(mod.db, tenant, 'ISIL:DK-402'), null, 'a partner without an endpoint');

    // the other side listing us changes nothing: only our own entry for them counts
    const id401 = (await findEntryBySymbol(mod.db, tenant, 'ISIL:DK-401'))!.id;
    await api.put(`${ENTRIES}/${id401}`, entry('401', { partner: true }));
    assert.equal(await isPartner(mod.db, tenant, 'ISIL:DK-401'), true);
  });
});
