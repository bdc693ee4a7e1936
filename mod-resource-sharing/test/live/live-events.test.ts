import assert from 'node:assert/strict';
import { signPatronToken } from '../../src/patron/patron-token.ts';
import { readConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/open.ts';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';
import { openSse, type SseEvent, type SseReader } from '../../../test/support/sse-reader.ts';

const SECRET = 'a-secret-of-at-least-16-chars';
const book = (title: string, barcode = '100200') => ({
  serviceType: 'loan',
  citation: { title },
  patron: { id: `p-${barcode}`, barcode, name: 'A Patron', pickupLocation: 'Main desk' },
});
const data = (e: SseEvent) => JSON.parse(e.data) as Record<string, unknown>;
const about = (id: string) => (e: SseEvent) => e.event === 'request' && data(e).id === id;

describe('live updates: GET /resource-sharing/events (Server-Sent Events)', () => {
  let mod: RunningModule;
  let tenant: string;
  let other: string;
  let staff: ReturnType<typeof tenantClient>;
  const open: SseReader[] = [];
  const stream = async (path: string, headers: Record<string, string>) => {
    const s = await openSse(`${mod.url}${path}`, headers);
    open.push(s);
    return s;
  };

  before(async () => {
    mod = await startModule({ live: { heartbeatMs: 100, retryMs: 1500 } });
    tenant = uniqueTenant('live');
    other = uniqueTenant('live');
    await enableTenant(mod.url, tenant);
    await enableTenant(mod.url, other);
    staff = tenantClient(mod.url, tenant);
  });
  afterEach(() => open.splice(0).forEach((s) => s.close()));
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await purgeTenant(mod.url, other);
    await mod.close();
  });

  it('streams each committed change of a request to staff: id, role, state, version, never the patron', async () => {
    const s = await stream('/resource-sharing/events', { 'x-okapi-tenant': tenant });
    assert.equal(s.status, 200);
    assert.match(s.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(s.headers.get('cache-control'), 'no-cache, no-transform');
    const created = (await staff.post('/resource-sharing/requests', book('Live one'))).body;
    const first = await s.next(about(created.id));
    assert.equal(data(first).role, 'borrowing');
    assert.equal(typeof data(first).version, 'number');
    assert.equal(data(first).hrid, created.hrid);
    assert.equal(data(first).patronBarcode, undefined);
    assert.match(first.id ?? '', /^[0-9a-f]{8}-\d+$/);
    assert.equal(s.retry, 1500, 'the stream tells clients how soon to reconnect');

    const now = (await staff.get(`/resource-sharing/requests/${created.id}`)).body;
    const edited = await staff.put(`/resource-sharing/requests/${created.id}`, { ...now, citation: { title: 'Live one, 2nd ed.' } });
    assert.equal(edited.status, 204);
    const latest = await s.next((e) => about(created.id)(e) && data(e).version === now._version + 1);
    assert.equal(data(latest).state, now.state);
  });

  it('sends nothing for a change that did not commit (a stale version) nor for another tenant', async () => {
    const s = await stream('/resource-sharing/events', { 'x-okapi-tenant': tenant });
    const created = (await staff.post('/resource-sharing/requests', book('Stale'))).body;
    await s.next(about(created.id));
    const now = (await staff.get(`/resource-sharing/requests/${created.id}`)).body;
    const stale = await staff.put(`/resource-sharing/requests/${created.id}`, { ...now, _version: now._version - 1 });
    assert.equal(stale.status, 409);
    const elsewhere = (await tenantClient(mod.url, other).post('/resource-sharing/requests', book('Elsewhere'))).body;
    // a later change of ours proves the stream is flowing past the two
    const later = (await staff.post('/resource-sharing/requests', book('Later'))).body;
    await s.next(about(later.id));
    assert.ok(!s.events.some((e) => about(created.id)(e) && Number(data(e).version) > now._version), 'no event for the refused update');
    assert.ok(!s.events.some(about(elsewhere.id)), "no event for the other tenant's request");
  });

  it('narrows to a role or one request when asked, and refuses an unknown role with 400', async () => {
    const lending = await stream('/resource-sharing/events?role=lending', { 'x-okapi-tenant': tenant });
    const one = await stream('/resource-sharing/events?id=00000000-0000-4000-8000-000000000001', { 'x-okapi-tenant': tenant });
    const all = await stream('/resource-sharing/events', { 'x-okapi-tenant': tenant });
    const created = (await staff.post('/resource-sharing/requests', book('Borrowed'))).body;
    await all.next(about(created.id));
    assert.equal(lending.events.filter((e) => e.event === 'request').length, 0);
    assert.equal(one.events.filter((e) => e.event === 'request').length, 0);
    const bad = await fetch(`${mod.url}/resource-sharing/events?role=everything`, { headers: { 'x-okapi-tenant': tenant } });
    assert.equal(bad.status, 400);
    const noTenant = await fetch(`${mod.url}/resource-sharing/events`);
    assert.equal(noTenant.status, 400);
  });

  it('keeps the connection alive with comment lines', async () => {
    const s = await stream('/resource-sharing/events', { 'x-okapi-tenant': tenant });
    const until = Date.now() + 3000;
    while (!s.comments.includes('heartbeat') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.ok(s.comments.includes('heartbeat'), `comments: ${s.comments.join(', ')}`);
  });

  it('replays what a reconnecting client missed (Last-Event-ID), or tells it to resync', async () => {
    const s = await stream('/resource-sharing/events', { 'x-okapi-tenant': tenant });
    const a = (await staff.post('/resource-sharing/requests', book('Before the break'))).body;
    const seen = await s.next(about(a.id));
    s.close();
    const b = (await staff.post('/resource-sharing/requests', book('During the break'))).body;
    await new Promise((r) => setTimeout(r, 100));
    const again = await stream('/resource-sharing/events', { 'x-okapi-tenant': tenant, 'last-event-id': seen.id ?? '' });
    await again.next(about(b.id));
    assert.ok(!again.events.some((e) => e.event === 'resync'));

    const restarted = await stream('/resource-sharing/events', { 'x-okapi-tenant': tenant, 'last-event-id': 'deadbeef-12' });
    const resync = await restarted.next((e) => e.event === 'resync');
    assert.equal(data(resync).reason, 'missed');
  });

  it('reaches the streams of another module instance (PostgreSQL: LISTEN/NOTIFY across processes)', async function () {
    if (mod.db.kind !== 'postgres') this.skip(); // PGlite lives in one process: nothing to fan out
    const db = await openDatabase(readConfig(process.env).db);
    const second = await startModule({ db });
    try {
      const s = await stream('/resource-sharing/events', { 'x-okapi-tenant': tenant });
      const created = await tenantClient(second.url, tenant).post('/resource-sharing/requests', book('Written elsewhere'));
      assert.equal(created.status, 201);
      await s.next(about(created.body.id));
    } finally {
      await second.close();
      await db.close();
    }
  });

  describe("a patron's own stream", () => {
    before(async () => {
      const res = await staff.put('/resource-sharing/settings', {
        patronRequests: { enabled: true, tokenSecret: SECRET, pickupLocations: [{ code: 'main', name: 'Main library' }] },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    });

    it('carries changes of their own requests only, and needs their token', async () => {
      const ada = await signPatronToken(SECRET, { barcode: '100200', name: 'Ada' });
      const s = await stream('/resource-sharing/patron/events', { 'x-okapi-tenant': tenant, 'x-patron-token': ada });
      assert.equal(s.status, 200);
      const bobs = (await staff.post('/resource-sharing/requests', book('Not Ada', '300400'))).body;
      const adas = (await staff.post('/resource-sharing/requests', book('For Ada', '100200'))).body;
      const mine = await s.next(about(adas.id));
      assert.deepEqual(Object.keys(data(mine)).sort(), ['id', 'state', 'version']);
      assert.ok(!s.events.some(about(bobs.id)));
      const anonymous = await fetch(`${mod.url}/resource-sharing/patron/events`, { headers: { 'x-okapi-tenant': tenant } });
      assert.equal(anonymous.status, 401);
    });
  });
});
