import assert from 'node:assert/strict';
import { signPatronToken } from '../../src/patron/patron-token.ts';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';

const SECRET = 'a-secret-of-at-least-16-chars';

describe('patron API: request form, OpenURL and "my requests"', () => {
  let mod: RunningModule;
  let tenant: string;
  let staff: ReturnType<typeof tenantClient>;
  let ada: string;
  let bob: string;

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('patron');
    await enableTenant(mod.url, tenant);
    staff = tenantClient(mod.url, tenant);
    ada = await signPatronToken(SECRET, { barcode: '100200', name: 'Ada Lovelace' });
    bob = await signPatronToken(SECRET, { barcode: '300400', name: 'Bob Baker' });
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  const asPatron = (token: string) => tenantClient(mod.url, tenant, { authorization: `Bearer ${token}` });

  it('reads OpenURL 1.0 and 0.1 links into a citation and a service type', async () => {
    const v10 = await staff.get(
      '/resource-sharing/patron/openurl?url_ver=Z39.88-2004&rft_val_fmt=info:ofi/fmt:kev:mtx:journal&rft.genre=article' +
        '&rft.atitle=On%20computable%20numbers&rft.jtitle=Proceedings%20of%20the%20LMS&rft.aulast=Turing&rft.aufirst=Alan' +
        '&rft.issn=0024-6115&rft.volume=42&rft.spage=230&rft.epage=265&rft.date=1936',
    );
    assert.equal(v10.status, 200);
    assert.deepEqual(v10.body.citation, {
      title: 'Proceedings of the LMS', articleTitle: 'On computable numbers', author: 'Turing, Alan', issn: '0024-6115',
      volume: '42', pages: '230-265', publicationDate: '1936', format: 'article',
    });
    assert.equal(v10.body.serviceType, 'copy');
    assert.equal(v10.body.version, '1.0');
    const v01 = await staff.get('/resource-sharing/patron/openurl?sid=EBSCO&genre=book&title=Dune&aulast=Herbert&isbn=9780441013593&id=info:oclcnum/12345');
    assert.deepEqual(v01.body.citation, { title: 'Dune', author: 'Herbert', isbn: '9780441013593', oclcNumber: '12345', format: 'book' });
    assert.equal(v01.body.serviceType, 'loan');
    assert.equal(v01.body.source, 'EBSCO');
  });

  it('is closed until the library turns it on', async () => {
    const res = await asPatron(ada).post('/resource-sharing/patron/requests', { citation: { title: 'Dune' } });
    assert.equal(res.status, 404);
  });

  describe('when turned on', () => {
    before(async () => {
      const res = await staff.put('/resource-sharing/settings', {
        patronRequests: { enabled: true, tokenSecret: SECRET, pickupLocations: [{ code: 'main', name: 'Main library' }] },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.patronRequests.tokenSecret, '********', 'the secret never leaves the module');
    });

    it('keeps the stored secret when the masked value is sent back', async () => {
      const current = (await staff.get('/resource-sharing/settings')).body;
      assert.equal((await staff.put('/resource-sharing/settings', { patronRequests: current.patronRequests })).status, 200);
      assert.equal((await asPatron(ada).get('/resource-sharing/patron/requests')).status, 200);
    });

    it('refuses calls without a valid patron token', async () => {
      assert.equal((await staff.get('/resource-sharing/patron/requests')).status, 401);
      const forged = await signPatronToken('another-secret-entirely', { barcode: '100200' });
      assert.equal((await asPatron(forged).get('/resource-sharing/patron/requests')).status, 401);
      const expired = await signPatronToken(SECRET, { barcode: '100200' }, -10);
      assert.equal((await asPatron(expired).get('/resource-sharing/patron/requests')).status, 401);
    });

    it('takes a request from the patron, names the field for a mistake, and shows it only to that patron', async () => {
      const noTitle = await asPatron(ada).post('/resource-sharing/patron/requests', { citation: { author: 'Eco' }, pickupLocation: 'main' });
      assert.equal(noTitle.status, 422);
      assert.equal(noTitle.body.errors[0].parameters[0].key, 'citation.title');
      const badPickup = await asPatron(ada).post('/resource-sharing/patron/requests', { citation: { title: 'Dune' }, pickupLocation: 'moon' });
      assert.equal(badPickup.status, 422);
      assert.equal(badPickup.body.errors[0].parameters[0].key, 'pickupLocation');
      const past = await asPatron(ada).post('/resource-sharing/patron/requests', { citation: { title: 'Dune' }, pickupLocation: 'main', neededBefore: '2001-01-01' });
      assert.equal(past.status, 422);
      assert.equal(past.body.errors[0].parameters[0].key, 'neededBefore');

      const placed = await asPatron(ada).post('/resource-sharing/patron/requests', {
        citation: { title: 'The Name of the Rose', author: 'Eco, Umberto' },
        pickupLocation: 'main',
        neededBefore: '2031-06-30',
        notes: 'Any edition',
      });
      assert.equal(placed.status, 201);
      assert.equal(placed.body.title, 'The Name of the Rose');
      assert.equal(placed.body.canRenew, false);
      const record = (await staff.get(`/resource-sharing/requests/${placed.body.id}`)).body;
      assert.deepEqual(record.patron, { barcode: '100200', name: 'Ada Lovelace', pickupLocation: 'main', neededBefore: '2031-06-30', notes: 'Any edition' });
      const audit = (await staff.get(`/resource-sharing/requests/${placed.body.id}/audit`)).body.auditRecords;
      assert.deepEqual(audit[0].actor, { type: 'user', id: 'patron:100200' });

      const mine = (await asPatron(ada).get('/resource-sharing/patron/requests')).body;
      assert.deepEqual(mine.requests.map((r: { id: string }) => r.id), [placed.body.id]);
      assert.equal(mine.requests[0].partnerSymbol, undefined, 'no partner internals for patrons');
      assert.equal((await asPatron(bob).get('/resource-sharing/patron/requests')).body.totalRecords, 0);
      assert.equal((await asPatron(bob).post(`/resource-sharing/patron/requests/${placed.body.id}/renew`)).status, 404);
      const notYet = await asPatron(ada).post(`/resource-sharing/patron/requests/${placed.body.id}/renew`);
      assert.equal(notYet.status, 422, 'nothing to renew before the item has arrived');
    });
  });
});
