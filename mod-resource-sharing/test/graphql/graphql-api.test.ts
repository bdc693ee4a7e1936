import assert from 'node:assert/strict';
import {
  enableTenant,
  purgeTenant,
  startModule,
  tenantClient,
  uniqueTenant,
  type RunningModule,
} from '../../../test/support/module-harness.ts';
import { recordAudit } from '../../src/requests/audit.ts';
import { insertRequest } from '../../src/requests/request-store.ts';
import { recordMessage } from '../../src/workflow/conversation.ts';
import { filledBy, seedRequests, times, unfilledBy } from '../rota/seed-history.ts';

const GQL = '/resource-sharing/graphql';
const ALL = [
  'resource-sharing.requests.item.get',
  'resource-sharing.requests.collection.get',
  'resource-sharing.requests.audit.get',
  'resource-sharing.requests.messages.get',
  'resource-sharing.directory.item.get',
  'resource-sharing.statistics.get',
];
const only = (...perms: string[]) => ({ 'x-okapi-permissions': JSON.stringify(perms) });

const DETAIL = /* GraphQL */ `
  query Detail($id: ID!) {
    request(id: $id) {
      hrid state partnerSymbol citation { title author }
      rota { symbol rank reason skipped current partner { name } }
      partner { name symbols iso18626Endpoint lendingPolicy { returnables formats } statistics { lentToUs fillRate } }
      audit { action fromState toState actor { type id } message }
      messages { direction summary note read }
    }
  }`;

describe('GraphQL read API', () => {
  let mod: RunningModule;
  let tenant: string;
  let api: ReturnType<typeof tenantClient>;
  let detailId: string;
  const gql = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
    api.post(GQL, { query, variables }, headers);

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('gql');
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant);
    const created = await api.post('/resource-sharing/directory/entries', {
      name: 'Library A',
      symbols: [{ authority: 'ISIL', symbol: 'DK-A' }],
      partner: true,
      iso18626Endpoint: 'http://a.example/iso18626',
      sharedSecret: 'very-secret',
      lendingPolicy: { returnables: true, copies: false, formats: ['book'] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await api.post('/resource-sharing/directory/entries', { name: 'Library B', symbols: [{ authority: 'ISIL', symbol: 'DK-B' }], partner: true });
    await seedRequests(mod.db, tenant, [
      ...times(3, { role: 'borrowing', state: 'REQ_SENT_TO_SUPPLIER', supplierSymbol: 'ISIL:DK-A' }),
      filledBy('ISIL:DK-A', 10, 2),
      filledBy('ISIL:DK-A', 8, 4, 'REQ_SHIPPED'),
      unfilledBy('ISIL:DK-A', 'ISIL:DK-B'),
      { role: 'borrowing', state: 'REQ_CANCELLED', supplierSymbol: 'ISIL:DK-B' },
      ...times(2, { role: 'lending', state: 'RES_COMPLETE', requesterSymbol: 'ISIL:DK-B', steps: [{ toState: 'RES_ITEM_SHIPPED', daysAgo: 3 }] }),
      { role: 'lending', state: 'RES_UNFILLED', requesterSymbol: 'ISIL:DK-B' },
      ...times(2, { role: 'lending', state: 'RES_IDLE', requesterSymbol: 'ISIL:DK-A' }),
    ]);
    detailId = await mod.db.transaction(async (tx) => {
      const rec = await insertRequest(
        tx,
        tenant,
        {
          role: 'borrowing',
          state: 'REQ_SENT_TO_SUPPLIER',
          stateModel: 'borrowing-returnable',
          needsAttention: true,
          serviceType: 'loan',
          citation: { title: 'The Name of the Rose', author: 'Eco, Umberto' },
          supplierSymbol: 'ISIL:DK-A',
          rota: [
            { symbol: 'ISIL:DK-C', rank: 2, score: 0, skipped: true, reason: 'skipped: not a partner' },
            { symbol: 'ISIL:DK-A', rank: 1, score: 0.4, reason: 'ranked 1st: fills 67%' },
          ],
          rotaIndex: 1,
        },
        { type: 'user', id: 'staff-1' },
      );
      await recordAudit(tx, tenant, rec.id, { type: 'system', id: 'workflow' }, { action: 'sendToNextSupplier', fromState: 'REQ_VALIDATED', toState: 'REQ_SENT_TO_SUPPLIER' });
      await recordMessage(tx, tenant, { requestId: rec.id, direction: 'out', kind: 'Request', summary: 'Request sent' });
      await recordMessage(tx, tenant, { requestId: rec.id, direction: 'in', kind: 'Notification', summary: 'Notification', note: 'Checking the shelf', read: false });
      return rec.id;
    });
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  it('answers a request with its rota, partner entry, audit trail and messages in one query', async () => {
    const res = await gql(DETAIL, { id: detailId });
    assert.equal(res.status, 200);
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    const r = res.body.data.request;
    assert.equal(r.citation.title, 'The Name of the Rose');
    assert.equal(r.partnerSymbol, 'ISIL:DK-A');
    assert.deepEqual(r.rota.map((e: { symbol: string; current: boolean; skipped: boolean }) => [e.symbol, e.current, e.skipped]), [
      ['ISIL:DK-C', false, true],
      ['ISIL:DK-A', true, false],
    ]);
    assert.equal(r.rota[1].partner.name, 'Library A');
    assert.equal(r.rota[0].partner, null, 'a symbol outside the directory has no entry');
    assert.deepEqual(r.partner.symbols, ['ISIL:DK-A']);
    assert.deepEqual(r.partner.lendingPolicy, { returnables: true, formats: ['book'] });
    assert.equal(r.partner.statistics.lentToUs, 2);
    assert.deepEqual(r.audit.map((a: { action: string }) => a.action), ['create', 'sendToNextSupplier']);
    assert.deepEqual(r.audit[0].actor, { type: 'user', id: 'staff-1' });
    assert.deepEqual(r.messages.map((m: { direction: string; note: string | null; read: boolean }) => [m.direction, m.note, m.read]), [
      ['out', null, true],
      ['in', 'Checking the shelf', false],
    ]);
  });

  it('never exposes a partner\'s shared secret', async () => {
    const res = await gql(`{ directoryEntry(symbol: "isil:dk-a") { name sharedSecret } }`);
    assert.equal(res.status, 400);
    assert.match(res.body.errors[0].message, /Cannot query field "sharedSecret"/);
    const ok = await gql(`{ directoryEntry(symbol: "isil:dk-a") { name } }`);
    assert.equal(ok.body.data.directoryEntry.name, 'Library A', 'symbols compare case-insensitively');
  });

  it('answers queries over GET too', async () => {
    const q = encodeURIComponent(`{ request(id: "${detailId}") { hrid citation { title } } }`);
    const res = await api.get(`${GQL}?query=${q}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.data.request.citation.title, 'The Name of the Rose');
  });

  it('is read-only: mutations are refused over POST and GET, and nothing runs', async () => {
    const post = await gql(`mutation { deleteRequest(id: "${detailId}") }`);
    assert.equal(post.status, 400);
    assert.equal(post.body.errors[0].extensions.code, 'READ_ONLY');
    const get = await api.get(`${GQL}?query=${encodeURIComponent('mutation { anything }')}`);
    assert.ok(get.status >= 400 && get.status < 500);
    const still = await api.get(`/resource-sharing/requests/${detailId}`);
    assert.equal(still.status, 200);
  });

  it('resolves each field group only with its desired permission, naming the one missing', async () => {
    const res = await gql(DETAIL, { id: detailId }, only('resource-sharing.requests.item.get', 'resource-sharing.requests.messages.get'));
    assert.equal(res.status, 200);
    const r = res.body.data.request;
    assert.equal(r.hrid.length > 0, true, 'the request itself is there');
    assert.equal(r.messages.length, 2);
    assert.equal(r.audit, null);
    assert.equal(r.partner, null);
    const missing = new Set(res.body.errors.map((e: { extensions: { permission: string } }) => e.extensions.permission));
    assert.deepEqual([...missing].sort(), ['resource-sharing.directory.item.get', 'resource-sharing.requests.audit.get']);
    const audit = res.body.errors.find((e: { path: string[] }) => e.path.join('.') === 'request.audit');
    assert.match(audit.message, /resource-sharing\.requests\.audit\.get/);

    const none = await gql(`{ statistics { borrowing { open } } }`, undefined, only());
    assert.equal(none.body.data.statistics, null);
    assert.match(none.body.errors[0].message, /resource-sharing\.statistics\.get/);
    const all = await gql(DETAIL, { id: detailId }, only(...ALL));
    assert.equal(all.body.errors, undefined);
  });

  it('shows who the patron is only with the desired permission, as the REST API does', async () => {
    // A tenant of its own, so the dashboard figures of the others stay as seeded.
    const own = uniqueTenant('gqlpatron');
    await enableTenant(mod.url, own);
    try {
      const client = tenantClient(mod.url, own);
      const created = await client.post('/resource-sharing/requests', {
        citation: { title: 'Patron privacy' },
        patron: { id: 'p-9', barcode: '900', name: 'Grace Hopper', pickupLocation: 'Main desk', notes: 'Calls ahead' },
      });
      assert.equal(created.status, 201);
      const q = `query P($id: ID!) { request(id: $id) { patron { name barcode id notes pickupLocation } } }`;
      const ask = (headers: Record<string, string>) => client.post(GQL, { query: q, variables: { id: created.body.id } }, headers);
      const without = await ask(only('resource-sharing.requests.item.get'));
      assert.deepEqual(without.body.data.request.patron, { name: null, barcode: null, id: null, notes: null, pickupLocation: 'Main desk' });
      const granted = await ask(only('resource-sharing.requests.item.get', 'resource-sharing.requests.patron.view'));
      assert.equal(granted.body.data.request.patron.name, 'Grace Hopper');
      assert.equal(granted.body.data.request.patron.barcode, '900');
    } finally {
      await purgeTenant(mod.url, own);
    }
  });

  it('lists requests by CQL with paging; a bad query is a GraphQL error naming the argument', async () => {
    const page = `query($q: String, $o: Int, $l: Int) { requests(query: $q, offset: $o, limit: $l) { totalRecords requests { role state supplierSymbol partner { name } } } }`;
    const first = await gql(page, { q: 'role=="borrowing" and supplierSymbol=="ISIL:DK-A" sortby state', o: 0, l: 2 });
    assert.equal(first.body.errors, undefined, JSON.stringify(first.body.errors));
    assert.equal(first.body.data.requests.totalRecords, 6);
    assert.equal(first.body.data.requests.requests.length, 2);
    assert.ok(first.body.data.requests.requests.every((r: { partner: { name: string } }) => r.partner.name === 'Library A'));
    const rest = await gql(page, { q: 'role=="borrowing" and supplierSymbol=="ISIL:DK-A" sortby state', o: 2, l: 10 });
    assert.equal(rest.body.data.requests.requests.length, 4);
    const lending = await gql(page, { q: 'role=="lending"', o: 0, l: 10 });
    assert.equal(lending.body.data.requests.totalRecords, 5);
    const bad = await gql(page, { q: 'role==', o: 0, l: 10 });
    assert.equal(bad.body.data.requests, null);
    assert.equal(bad.body.errors[0].extensions.argument, 'query');
    const tooMany = await gql(page, { q: null, o: 0, l: 101 });
    assert.match(tooMany.body.errors[0].message, /limit must be between 0 and 100/);
  });

  it('dashboard: open requests by state, fill rate, turnaround and balance per partner', async () => {
    const res = await gql(`{ statistics {
      borrowing { open openByState { state count } filled notFilled fillRate medianTurnaroundDays turnaroundSamples }
      lending { open openByState { state count } filled notFilled fillRate }
      partners { symbol name openBorrowing openLending lentToUs borrowedFromUs balance fillRate medianTurnaroundDays }
    } }`);
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    const s = res.body.data.statistics;
    const sent = s.borrowing.openByState.find((x: { state: string }) => x.state === 'REQ_SENT_TO_SUPPLIER');
    assert.equal(sent.count, 5, 'three with A, one moved on to B, the detailed one');
    assert.equal(s.borrowing.open, 6, '5 sent + 1 shipped');
    assert.equal(s.borrowing.filled, 2);
    assert.equal(s.borrowing.notFilled, 1, 'the cancelled one');
    assert.equal(s.borrowing.fillRate, 0.667);
    assert.equal(s.borrowing.turnaroundSamples, 2);
    assert.deepEqual(s.lending.openByState, [{ state: 'RES_IDLE', count: 2 }]);
    assert.equal(s.lending.filled, 2);
    assert.equal(s.lending.notFilled, 1);
    const a = s.partners.find((p: { symbol: string }) => p.symbol === 'ISIL:DK-A');
    assert.deepEqual(
      { ...a },
      { symbol: 'ISIL:DK-A', name: 'Library A', openBorrowing: 5, openLending: 2, lentToUs: 2, borrowedFromUs: 0, balance: -2, fillRate: 0.667, medianTurnaroundDays: 3 },
    );
    const b = s.partners.find((p: { symbol: string }) => p.symbol === 'ISIL:DK-B');
    assert.equal(b.balance, 2, 'we lent B two items and borrowed none');
    const later = await gql(`{ statistics(since: "2999-01-01T00:00:00Z") { borrowing { open filled fillRate } } }`);
    assert.deepEqual(later.body.data.statistics.borrowing, { open: 6, filled: 0, fillRate: null });
  });

  it('refuses queries that are too deep or too costly before reading anything', async () => {
    const deep = await gql(`{ requests { requests { rota { partner { statistics { fillRate } } } } } }`);
    assert.equal(deep.status, 400);
    assert.match(deep.body.errors[0].message, /depth/);
    const costly = await gql(`{ requests(limit: 100) { requests { id audit { id action toState fromState message timestamp actor { id } } } } }`);
    assert.equal(costly.status, 400);
    assert.equal(costly.body.errors[0].extensions.code, 'QUERY_TOO_COMPLEX');
    const viaVariable = await gql(`query($l: Int) { requests(limit: $l) { requests { id audit { id action toState fromState message timestamp actor { id } } } } }`, { l: 100 });
    assert.equal(viaVariable.body.errors[0].extensions.code, 'QUERY_TOO_COMPLEX', 'the limit sent in a variable counts');
    const fine = await gql(`query($l: Int) { requests(limit: $l) { requests { id audit { id } } } }`, { l: 5 });
    assert.equal(fine.body.errors, undefined);
    assert.equal(fine.body.data.requests.requests.length, 5);
  });

  it('keeps the platform contract: no tenant or an unknown tenant is a plain 400', async () => {
    const res = await fetch(`${mod.url}${GQL}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ requests { totalRecords } }' }) });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /X-Okapi-Tenant/);
    const other = await fetch(`${mod.url}${GQL}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-okapi-tenant': 'never_enabled' },
      body: JSON.stringify({ query: '{ requests { totalRecords } }' }),
    });
    assert.equal(other.status, 400);
  });
});
