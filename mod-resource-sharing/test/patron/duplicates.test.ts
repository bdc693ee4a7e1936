import assert from 'node:assert/strict';
import { isbn13, normaliseText, sameThingKeys } from '../../src/patron/duplicates.ts';
import { signPatronToken } from '../../src/patron/patron-token.ts';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';

const SECRET = 'duplicate-secret-0123456789';

describe('duplicate requests', () => {
  it('sees the same book through ISBN-10 and -13, case, accents, punctuation, a leading article and name order', () => {
    assert.equal(isbn13('0-15-144647-4'), '9780151446476');
    assert.equal(isbn13('978-0-15-144647-6'), '9780151446476');
    assert.equal(isbn13('not an isbn'), undefined);
    assert.equal(normaliseText('The Name of the Rose!'), 'name of the rose');
    assert.equal(normaliseText('Élan vital'), 'elan vital');
    const a = sameThingKeys({ title: 'The Name of the Rose', author: 'Eco, Umberto' }, 'loan');
    const b = sameThingKeys({ title: 'name of the rose', author: 'Umberto Eco' }, 'loan');
    assert.ok(a.some((k) => b.includes(k)));
    const other = sameThingKeys({ title: 'The Name of the Rose', author: 'Someone Else' }, 'loan');
    assert.ok(!a.some((k) => other.includes(k)), 'another author: another book');
    const art1 = sameThingKeys({ title: 'Nature', articleTitle: 'A paper', issn: '0028-0836' }, 'copy');
    const art2 = sameThingKeys({ title: 'Nature', articleTitle: 'Another paper', issn: '0028-0836' }, 'copy');
    assert.ok(!art1.some((k) => art2.includes(k)), 'two articles of one journal are two copies');
  });

  describe('at request time', () => {
    let mod: RunningModule;
    let tenant: string;
    let staff: ReturnType<typeof tenantClient>;
    let patron: ReturnType<typeof tenantClient>;

    before(async () => {
      mod = await startModule();
      tenant = uniqueTenant('dupes');
      await enableTenant(mod.url, tenant);
      staff = tenantClient(mod.url, tenant);
      await staff.put('/resource-sharing/settings', { patronRequests: { enabled: true, tokenSecret: SECRET, pickupLocations: [] } });
      patron = tenantClient(mod.url, tenant, { authorization: `Bearer ${await signPatronToken(SECRET, { barcode: '5005', name: 'Pat Ron' })}` });
    });
    after(async () => {
      await purgeTenant(mod.url, tenant);
      await mod.close();
    });

    it('shows the patron the request they already have instead of placing a second one', async () => {
      const first = await patron.post('/resource-sharing/patron/requests', { citation: { title: 'The Name of the Rose', author: 'Eco, Umberto', isbn: '0-15-144647-4' } });
      assert.equal(first.status, 201);
      const again = await patron.post('/resource-sharing/patron/requests', { citation: { title: 'name of the rose', author: 'Umberto Eco' } });
      assert.equal(again.status, 200);
      assert.equal(again.body.duplicate, true);
      assert.equal(again.body.id, first.body.id);
      const byIsbn = await patron.post('/resource-sharing/patron/requests', { citation: { title: 'Il nome della rosa', isbn: '9780151446476' } });
      assert.equal(byIsbn.body.id, first.body.id, 'same ISBN, another title: the same request');
      assert.equal((await patron.get('/resource-sharing/patron/requests')).body.totalRecords, 1);
      const copy = await patron.post('/resource-sharing/patron/requests', { citation: { title: 'The Name of the Rose', articleTitle: 'Preface' }, serviceType: 'copy' });
      assert.equal(copy.status, 201, 'a copy of a chapter is not the loan of the book');
    });

    it('answers staff 422 request.duplicate naming the open request, unless they override', async () => {
      const body = { citation: { title: 'Foucault’s Pendulum', author: 'Eco, Umberto' }, patron: { barcode: '6006', name: 'Staff Placed' } };
      const first = await staff.post('/resource-sharing/requests', body);
      assert.equal(first.status, 201);
      const again = await staff.post('/resource-sharing/requests', { ...body, citation: { title: "Foucault's pendulum", author: 'Umberto Eco' } });
      assert.equal(again.status, 422);
      assert.equal(again.body.errors[0].code, 'request.duplicate');
      assert.deepEqual(again.body.errors[0].parameters, [
        { key: 'duplicateOf', value: first.body.hrid },
        { key: 'duplicateOfId', value: first.body.id },
      ]);
      const anyway = await staff.post('/resource-sharing/requests?allowDuplicate=true', body);
      assert.equal(anyway.status, 201);
      const otherPatron = await staff.post('/resource-sharing/requests', { ...body, patron: { barcode: '7007' } });
      assert.equal(otherPatron.status, 201, 'another patron may ask for the same title');
    });

    it('does not count a request that is over', async () => {
      const body = { citation: { title: 'Baudolino' }, patron: { barcode: '8008' } };
      const first = await staff.post('/resource-sharing/requests', body);
      const closed = await staff.post(`/resource-sharing/requests/${first.body.id}/actions/closeManually`, { parameters: { reason: 'bought it' } });
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      assert.equal((await staff.post('/resource-sharing/requests', body)).status, 201);
    });
  });
});
