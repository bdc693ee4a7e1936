// GET /admin/metrics (issue 13 item 8): what an operator's Prometheus sees while two libraries
// exchange messages, and log lines that carry tenant and request id.
import assert from 'node:assert/strict';
import { borrow } from './flow-support.ts';
import { eventually, lendingRequestFor, startNetwork, type Network } from '../support/library-network.ts';
import { enableTenant, tenantClient, uniqueTenant } from '../support/module-harness.ts';
import { startModuleProcess } from '../support/module-child.ts';
import { runExclusive } from '../../mod-resource-sharing/src/workflow/timer-lock.ts';

/** The value of one sample in Prometheus' text format (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return 0;
}

describe('metrics and logs', () => {
  let net: Network;
  before(async () => {
    net = await startNetwork([{ name: 'Borrower' }, { name: 'Lender' }]);
  });
  after(() => net.close());

  const scrape = async () => {
    const res = await fetch(`${net.mod.url}/admin/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('counts messages in and out, delivery latency, HTTP calls by route and status, and shows outbox depth per tenant', async () => {
    const { Borrower, Lender } = net.libraries;
    const before = await scrape();
    const borrowing = await borrow(Borrower);
    await lendingRequestFor(Lender, borrowing.hrid);
    const bad = await fetch(Lender.endpoint, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<not-iso/>' });
    assert.equal(bad.status, 400);
    const after = await eventually(async () => {
      const text = await scrape();
      const delivered = sample(text, 'mod_rs_outbox_deliveries_total', { kind: 'iso18626', outcome: 'delivered' });
      return delivered > sample(before, 'mod_rs_outbox_deliveries_total', { kind: 'iso18626', outcome: 'delivered' }) ? text : undefined;
    }, 'a delivery to be counted');
    const delta = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    assert.ok(delta('mod_rs_iso18626_inbound_messages_total', { kind: 'request', outcome: 'ok' }) >= 1);
    assert.equal(delta('mod_rs_iso18626_inbound_messages_total', { kind: 'unknown', outcome: 'unreadable' }), 1);
    assert.ok(delta('mod_rs_outbox_delivery_latency_seconds_count', { kind: 'iso18626' }) >= 1);
    assert.ok(delta('mod_rs_http_requests_total', { method: 'POST', route: '/resource-sharing/requests', status: '201' }) >= 1);
    assert.ok(delta('mod_rs_http_requests_total', { method: 'GET', route: '/resource-sharing/requests/:id', status: '200' }) >= 1);
    assert.ok(after.includes(`mod_rs_outbox_messages{tenant="${Borrower.tenant}",status="pending"}`), 'outbox depth for the borrower');
    assert.ok(after.includes(`mod_rs_outbox_oldest_pending_age_seconds{tenant="${Borrower.tenant}"}`));
    assert.equal(sample(after, 'mod_rs_database_up'), 1);
    assert.ok(sample(after, 'mod_rs_process_resident_memory_bytes') > 0, 'process metrics');
    if (net.mod.db.kind === 'postgres') assert.ok(sample(after, 'mod_rs_db_pool_connections', { state: 'max' }) > 0);
  });

  it('counts timer runs, the ones skipped because the job ran elsewhere, and their durations', async () => {
    const { Borrower } = net.libraries;
    const before = await scrape();
    assert.equal((await Borrower.api.post('/resource-sharing/timers/workflow')).status, 200);
    await runExclusive(net.mod.db, Borrower.tenant, 'workflow', () => Borrower.api.post('/resource-sharing/timers/workflow'));
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    assert.equal(delta('mod_rs_timer_runs_total', { timer: 'workflow', outcome: 'ran' }), 1);
    assert.equal(delta('mod_rs_timer_runs_total', { timer: 'workflow', outcome: 'skipped' }), 1);
    assert.equal(delta('mod_rs_timer_duration_seconds_count', { timer: 'workflow' }), 2);
  });

  it('/admin/metrics needs no tenant and is not routed through Okapi (not in the descriptor)', async () => {
    const route = net.mod.app.registeredRoutes.find((r) => r.url === '/admin/metrics');
    assert.deepEqual(route, { method: 'GET', url: '/admin/metrics', public: true });
  });

  it('every log line of a request is JSON with its tenant and request id', async function () {
    this.timeout(60_000);
    const mod = await startModuleProcess({ PGLITE_DATA_DIR: 'memory://', DB_HOST: '', TIMERS: 'okapi' });
    try {
      const tenant = uniqueTenant('logs');
      await enableTenant(mod.url, tenant);
      const api = tenantClient(mod.url, tenant, { 'x-okapi-request-id': '123456/resource-sharing' });
      assert.equal((await api.post('/resource-sharing/requests', { citation: { title: 'Logged' } })).status, 201);
      assert.equal((await api.get('/resource-sharing/requests/00000000-0000-4000-8000-000000000000')).status, 404);
      // incoming request + request completed, for each of the two calls (stdout arrives a little later)
      const lines = await eventually(async () => {
        const mine = mod.lines.filter((l) => l.includes('123456/resource-sharing'));
        return mine.length >= 4 ? mine : undefined;
      }, 'the log lines of both calls');
      for (const line of lines) {
        const entry = JSON.parse(line);
        assert.equal(entry.reqId, '123456/resource-sharing', line);
        assert.equal(entry.tenant, tenant, line);
      }
    } finally {
      await mod.stop();
    }
  });
});
