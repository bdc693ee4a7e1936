import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  enableTenant,
  purgeTenant,
  startModule,
  tenantClient,
  uniqueTenant,
  type RunningModule,
} from '../../../test/support/module-harness.ts';

describe('requests API', () => {
  let mod: RunningModule;
  let tenant: string;
  let api: ReturnType<typeof tenantClient>;
  const userId = randomUUID();

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('req');
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant, { 'x-okapi-user-id': userId });
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  const book = {
    serviceType: 'loan',
    citation: { title: 'The Name of the Rose', author: 'Eco, Umberto', isbn: '9780156001311', publisher: 'Harcourt' },
    patron: { id: 'p1', barcode: '100200', name: 'Ada Lovelace', pickupLocation: 'Main desk', neededBefore: '2027-01-31' },
  };

  it('creates a borrowing request with a prefixed human-readable id and metadata, and works it as far as it can', async () => {
    const res = await api.post('/resource-sharing/requests', book);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('location'), `/resource-sharing/requests/${res.body.id}`);
    assert.equal(res.body.role, 'borrowing');
    assert.match(res.body.hrid, new RegExp(`^${tenant.toUpperCase()}-\\d+$`));
    assert.equal(res.body.metadata.createdByUserId, userId);
    // This library has no partners yet: the patron is checked, no supplier is found, staff decide.
    assert.equal(res.body.state, 'REQ_END_OF_ROTA');
    assert.equal(res.body.needsAttention, true);
    const audit = (await api.get(`/resource-sharing/requests/${res.body.id}/audit`)).body.auditRecords;
    assert.deepEqual(
      audit.map((a: { action: string; toState: string }) => `${a.action}->${a.toState}`),
      ['create->REQ_IDLE', 'validate->REQ_VALIDATED', 'endOfRota->REQ_END_OF_ROTA'],
    );
    assert.equal(res.body._version, audit.length);
    const read = await api.get(`/resource-sharing/requests/${res.body.id}`);
    assert.deepEqual(read.body, res.body);
  });

  it("shows who the patron is only to callers the gateway says may see it (permissionsDesired)", async () => {
    // the same patron and book again: staff override the duplicate check (tested in test/patron/duplicates.test.ts)
    const created = (await api.post('/resource-sharing/requests?allowDuplicate=true', book)).body;
    const without = await api.get(`/resource-sharing/requests/${created.id}`, { 'x-okapi-permissions': '[]' });
    assert.deepEqual(without.body.patron, { pickupLocation: 'Main desk', neededBefore: '2027-01-31' });
    const listed = await api.get(`/resource-sharing/requests?query=${encodeURIComponent(`id==${created.id}`)}`, { 'x-okapi-permissions': '[]' });
    assert.equal(listed.body.requests[0].patron.name, undefined);
    const granted = await api.get(`/resource-sharing/requests/${created.id}`, {
      'x-okapi-permissions': '["resource-sharing.requests.patron.view"]',
    });
    assert.equal(granted.body.patron.name, 'Ada Lovelace');
    assert.equal(granted.body.patron.barcode, '100200');
  });

  it('names the field in a 422 for a missing title, a blank title, wrong types and unknown fields', async () => {
    const missing = await api.post('/resource-sharing/requests', { citation: { author: 'x' } });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.errors[0].parameters[0].key, 'citation.title');
    assert.match(missing.body.errors[0].message, /citation\.title is required/);

    const blank = await api.post('/resource-sharing/requests', { citation: { title: '   ' } });
    assert.equal(blank.status, 422);
    assert.equal(blank.body.errors[0].parameters[0].key, 'citation.title');

    const wrongType = await api.post('/resource-sharing/requests', { citation: { title: 'x', volume: 3 } });
    assert.equal(wrongType.status, 422);
    assert.equal(wrongType.body.errors[0].parameters[0].key, 'citation.volume');
    assert.equal(wrongType.body.errors[0].parameters[0].value, '3');

    const badDate = await api.post('/resource-sharing/requests', { citation: { title: 'x' }, patron: { neededBefore: 'soon' } });
    assert.equal(badDate.status, 422);
    assert.equal(badDate.body.errors[0].parameters[0].key, 'patron.neededBefore');

    const unknown = await api.post('/resource-sharing/requests', { citation: { title: 'x' }, colour: 'red' });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.errors[0].parameters[0].key, 'colour');

    const lending = await api.post('/resource-sharing/requests', { role: 'lending', citation: { title: 'x' } });
    assert.equal(lending.status, 422);
    assert.equal(lending.body.errors[0].parameters[0].key, 'role');

    const notJson = await api.post('/resource-sharing/requests', '{"citation": ', { 'content-type': 'application/json' });
    assert.equal(notJson.status, 400);

    const list = await api.get(`/resource-sharing/requests?limit=1000&query=${encodeURIComponent('title=="x"')}`);
    assert.equal(list.body.totalRecords, 0, 'no half-written request was stored');
  });

  it('updates with optimistic locking: a stale _version gets 409 and changes nothing', async () => {
    const created = (await api.post('/resource-sharing/requests?allowDuplicate=true', book)).body;
    const edit = { ...created, citation: { ...created.citation, edition: '2nd' } };
    const ok = await api.put(`/resource-sharing/requests/${created.id}`, edit);
    assert.equal(ok.status, 204);
    const after = (await api.get(`/resource-sharing/requests/${created.id}`)).body;
    assert.equal(after._version, created._version + 1);
    assert.equal(after.citation.edition, '2nd');

    const stale = await api.put(`/resource-sharing/requests/${created.id}`, { ...edit, citation: { ...edit.citation, edition: '3rd' } });
    assert.equal(stale.status, 409);
    assert.match(stale.body, new RegExp(`version ${created._version} is out of date, current version is ${created._version + 1}`));
    assert.equal((await api.get(`/resource-sharing/requests/${created.id}`)).body.citation.edition, '2nd');

    const noVersion = await api.put(`/resource-sharing/requests/${created.id}`, { citation: { title: 'x' } });
    assert.equal(noVersion.status, 422);
    assert.equal(noVersion.body.errors[0].parameters[0].key, '_version');
  });

  it('refuses a state change through PUT and points to the actions API', async () => {
    const created = (await api.post('/resource-sharing/requests?allowDuplicate=true', book)).body;
    const res = await api.put(`/resource-sharing/requests/${created.id}`, { ...created, state: 'REQ_REQUEST_COMPLETE' });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].parameters[0].key, 'state');
    assert.match(res.body.errors[0].message, /actions/);
  });

  it('keeps an audit trail of who changed what, from which state to which', async () => {
    const created = (await api.post('/resource-sharing/requests?allowDuplicate=true', book)).body;
    await api.put(`/resource-sharing/requests/${created.id}`, { ...created, patron: { ...created.patron, notes: 'Fragile' } });
    const audit = await api.get(`/resource-sharing/requests/${created.id}/audit`);
    assert.equal(audit.status, 200);
    const records = audit.body.auditRecords;
    assert.equal(audit.body.totalRecords, records.length);
    const [create, update] = [records[0], records[records.length - 1]];
    assert.equal(create.action, 'create');
    assert.equal(create.toState, 'REQ_IDLE');
    assert.deepEqual(create.actor, { type: 'user', id: userId });
    assert.equal(update.action, 'update');
    assert.match(update.message, /patron/);
    assert.deepEqual(update.changes.patron.to.notes, 'Fragile');
  });

  it('deletes a request, and answers 404 in plain text afterwards and 400 for a malformed id', async () => {
    const created = (await api.post('/resource-sharing/requests?allowDuplicate=true', book)).body;
    assert.equal((await api.delete(`/resource-sharing/requests/${created.id}`)).status, 204);
    const gone = await api.get(`/resource-sharing/requests/${created.id}`);
    assert.equal(gone.status, 404);
    assert.match(gone.headers.get('content-type') ?? '', /text\/plain/);
    assert.equal((await api.delete(`/resource-sharing/requests/${created.id}`)).status, 404);
    assert.equal((await api.get('/resource-sharing/requests/not-a-uuid')).status, 400);
  });

  describe('lists', () => {
    let listTenant: string;
    let list: ReturnType<typeof tenantClient>;
    before(async () => {
      listTenant = uniqueTenant('list');
      await enableTenant(mod.url, listTenant);
      list = tenantClient(mod.url, listTenant);
      const titles = ['Harry Potter and the Goblet of Fire', 'Harry Potter and the Chamber of Secrets', 'Dune', 'Hamlet', 'Dune Messiah'];
      for (const title of titles) {
        assert.equal((await list.post('/resource-sharing/requests', { citation: { title }, serviceType: title.startsWith('Dune') ? 'copy' : 'loan' })).status, 201);
      }
    });
    after(() => purgeTenant(mod.url, listTenant));

    const titlesOf = (body: { requests: { citation: { title: string } }[] }) => body.requests.map((r) => r.citation.title);

    it('pages with offset and limit (default 10) and reports totalRecords', async () => {
      const all = await list.get('/resource-sharing/requests');
      assert.equal(all.body.totalRecords, 5);
      assert.equal(all.body.requests.length, 5);
      const page = await list.get('/resource-sharing/requests?limit=2&offset=1&query=cql.allRecords=1%20sortby%20title');
      assert.deepEqual(titlesOf(page.body), ['Dune Messiah', 'Hamlet']);
      assert.equal(page.body.totalRecords, 5);
      assert.equal((await list.get('/resource-sharing/requests?limit=-1')).status, 400);
    });

    it('filters with CQL: truncation, word match, boolean operators and sort', async () => {
      const q = (cql: string) => list.get(`/resource-sharing/requests?query=${encodeURIComponent(cql)}`);
      assert.deepEqual(titlesOf((await q('title=="harry pot*" sortby title/sort.descending')).body), [
        'Harry Potter and the Goblet of Fire',
        'Harry Potter and the Chamber of Secrets',
      ]);
      assert.deepEqual(titlesOf((await q('title="potter fire"')).body), ['Harry Potter and the Goblet of Fire']);
      assert.deepEqual(titlesOf((await q('serviceType==copy sortby title')).body), ['Dune', 'Dune Messiah']);
      assert.deepEqual(titlesOf((await q('(title=dune or title=hamlet) not title=messiah sortby title')).body), ['Dune', 'Hamlet']);
    });

    it('counts the matches per state and service type for the filters (facets)', async () => {
      const res = await list.get(`/resource-sharing/requests?limit=0&facets=serviceType,state:5&query=${encodeURIComponent('title=dune or title=hamlet')}`);
      assert.equal(res.status, 200);
      const byType = res.body.resultInfo.facets.find((f: { type: string }) => f.type === 'serviceType');
      assert.deepEqual(byType.facetValues, [
        { value: 'copy', count: 2 },
        { value: 'loan', count: 1 },
      ]);
      const byState = res.body.resultInfo.facets.find((f: { type: string }) => f.type === 'state');
      assert.equal(byState.facetValues.reduce((n: number, v: { count: number }) => n + v.count, 0), 3);
      const bad = await list.get('/resource-sharing/requests?facets=colour');
      assert.equal(bad.status, 422);
      assert.equal(bad.body.errors[0].parameters[0].key, 'facets');
    });

    it('answers malformed CQL with 400 naming the position and an unknown field with 422 naming it', async () => {
      const bad = await list.get(`/resource-sharing/requests?query=${encodeURIComponent('(title=dune')}`);
      assert.equal(bad.status, 400);
      assert.match(bad.body, /position \d+/);
      const unknown = await list.get(`/resource-sharing/requests?query=${encodeURIComponent('colour==red')}`);
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.errors[0].parameters[0].value, 'colour');
      const injection = await list.get(`/resource-sharing/requests?query=${encodeURIComponent(`title=="x'; DROP TABLE requests; --"`)}`);
      assert.equal(injection.status, 200);
      assert.equal((await list.get('/resource-sharing/requests')).body.totalRecords, 5);
    });
  });

  it('keeps tenants apart: the same id in two tenants are two records', async () => {
    const other = uniqueTenant('iso');
    await enableTenant(mod.url, other);
    try {
      const api2 = tenantClient(mod.url, other);
      const id = randomUUID();
      assert.equal((await api.post('/resource-sharing/requests', { id, citation: { title: 'Ours' } })).status, 201);
      assert.equal((await api2.post('/resource-sharing/requests', { id, citation: { title: 'Theirs' } })).status, 201);
      assert.equal((await api.get(`/resource-sharing/requests/${id}`)).body.citation.title, 'Ours');
      assert.equal((await api2.get(`/resource-sharing/requests/${id}`)).body.citation.title, 'Theirs');
      assert.equal((await api2.delete(`/resource-sharing/requests/${id}`)).status, 204);
      assert.equal((await api.get(`/resource-sharing/requests/${id}`)).status, 200);
      const again = await api.post('/resource-sharing/requests', { id, citation: { title: 'Duplicate' } });
      assert.equal(again.status, 422);
      assert.equal(again.body.errors[0].parameters[0].key, 'id');
    } finally {
      await purgeTenant(mod.url, other);
    }
  });
});
