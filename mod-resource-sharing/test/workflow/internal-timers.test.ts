// A module started on its own (no Okapi) runs the `_timer` handlers itself (issue 13 item 4), on the
// descriptor's schedules; the workflow sweep runs once across instances like the other timers.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { resolvedDescriptor } from '../../../scripts/build-descriptor.ts';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';
import { eventually } from '../../../test/support/library-network.ts';
import { enqueue } from '../../src/outbox/index.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.ts';
import { enabledTenants, startInternalTimers, TIMER_SCHEDULE, timerConcurrency, timersMode, type InternalTimerOptions } from '../../src/workflow/internal-timers.ts';
import { runExclusive } from '../../src/workflow/timer-lock.ts';
import { notification, startFakePartner, type FakePartner } from '../outbox/fake-partner.ts';

const UNIT_MS: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

describe('timers run by the module itself', () => {
  let mod: RunningModule;
  let tenant: string;
  let partner: FakePartner;

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('itm');
    await enableTenant(mod.url, tenant);
    partner = await startFakePartner();
  });
  after(async () => {
    await partner.close();
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  it('runs exactly the handlers the descriptor declares in _timer, at the same intervals', () => {
    const md = resolvedDescriptor() as { provides: { id: string; handlers: { pathPattern: string; unit: string; delay: string }[] }[] };
    const declared = md.provides.find((i) => i.id === '_timer')!.handlers.map((h) => ({ path: h.pathPattern, everyMs: Number(h.delay) * UNIT_MS[h.unit] }));
    assert.deepEqual([...TIMER_SCHEDULE].sort((a, b) => a.path.localeCompare(b.path)), declared.sort((a, b) => a.path.localeCompare(b.path)));
  });

  it('TIMERS chooses who runs them: the module (default) or Okapi', () => {
    assert.equal(timersMode({}), 'internal');
    assert.equal(timersMode({ TIMERS: 'okapi' }), 'okapi');
    assert.equal(timersMode({ TIMERS: 'Internal' }), 'internal');
    assert.throws(() => timersMode({ TIMERS: 'cron' }), /TIMERS must be internal or okapi/);
  });

  it('lists the tenants that have the module enabled, not the disabled ones', async () => {
    const other = uniqueTenant('itmoff');
    await enableTenant(mod.url, other);
    assert.ok((await enabledTenants(mod.db)).includes(other));
    await fetch(`${mod.url}/_/tenant`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-okapi-tenant': other },
      body: JSON.stringify({ module_from: 'mod-resource-sharing-0.2.0' }),
    });
    const now = await enabledTenants(mod.db);
    assert.ok(now.includes(tenant));
    assert.ok(!now.includes(other));
    await purgeTenant(mod.url, other);
  });

  it('delivers a message nobody kicked, without anyone calling the timer route', async () => {
    // committed like a crash right after the commit: no kick, no Okapi
    await mod.db.transaction((tx) =>
      enqueue(tx, tenant, { requestId: randomUUID(), partnerSymbol: 'ISIL:DK-820010', url: partner.url, kind: 'iso18626', body: notification('orphaned') }),
    );
    const timers = startInternalTimers(mod.app, mod.db, { schedule: [{ path: '/resource-sharing/timers/outbox', everyMs: 200 }] });
    try {
      await eventually(async () => (partner.notes().includes('orphaned') ? true : undefined), 'the partner receives the message', 5_000);
    } finally {
      await timers.stop();
    }
    assert.equal(partner.notes().filter((n) => n === 'orphaned').length, 1, 'sent once');
  });

  it('the workflow sweep runs once across instances: a call while it runs elsewhere does nothing', async () => {
    const api = tenantClient(mod.url, tenant);
    const held = await runExclusive(mod.db, tenant, 'workflow', async () => api.post('/resource-sharing/timers/workflow'));
    assert.ok(held.ran);
    assert.equal(held.result.status, 200);
    assert.deepEqual(held.result.body, { ran: false, advanced: 0 });
    const free = await api.post('/resource-sharing/timers/workflow');
    assert.equal(free.status, 200);
    assert.equal(free.body.ran, true);
  });

  describe('without crowding out the calls the module is there for', () => {
    /** A stand-in for the module's routes at `paths` that records each call and holds it `holdMs` (or until `hold` resolves). */
    async function recorder(paths: string[], hold: () => Promise<void>) {
      const app: FastifyInstance = Fastify();
      const calls: { path: string; tenant: string; at: number }[] = [];
      let active = 0;
      let maxActive = 0;
      const t0 = performance.now();
      for (const path of paths) {
        app.post(path, async (req) => {
          calls.push({ path, tenant: String(req.headers['x-okapi-tenant']), at: performance.now() - t0 });
          active += 1;
          maxActive = Math.max(maxActive, active);
          try {
            await hold();
          } finally {
            active -= 1;
          }
          return { ran: true };
        });
      }
      await app.ready();
      return { app, calls, maxActive: () => maxActive, first: (path: string) => calls.find((c) => c.path === path)?.at };
    }
    const paths = ['/t/a', '/t/b', '/t/c'];
    const pause = () => new Promise<void>((r) => setTimeout(r, 20));

    /** Runs the timers of `paths` (each every minute) until every one was called once; answers what the stand-in saw. */
    async function firstRounds(opts: Pick<InternalTimerOptions, 'firstRunMs' | 'staggerMs' | 'concurrency'>) {
      const rec = await recorder(paths, pause);
      const timers = startInternalTimers(rec.app, mod.db, { schedule: paths.map((path) => ({ path, everyMs: 60_000 })), ...opts });
      try {
        await eventually(async () => (paths.every((p) => rec.first(p) !== undefined) ? true : undefined), 'every handler was called', 20_000);
      } finally {
        await timers.stop();
        await rec.app.close();
      }
      return rec;
    }

    it('lets no more calls run at once than its bound, across all handlers', async () => {
      const rec = await firstRounds({ firstRunMs: 0, staggerMs: 0, concurrency: 1 });
      assert.equal(rec.maxActive(), 1, 'one call at a time although all three handlers were due at once');
    });

    it('staggers the first runs of the handlers instead of starting them all at once', async () => {
      const rec = await firstRounds({ firstRunMs: 50, staggerMs: 400, concurrency: 3 });
      paths.forEach((p, i) => assert.ok(rec.first(p)! >= 50 + i * 400, `${p} first called at ${rec.first(p)!.toFixed(0)} ms`));
    });

    it('stop() waits for the call that is running, and nothing runs after it', async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const rec = await recorder(['/t/slow'], () => held);
      const timers = startInternalTimers(rec.app, mod.db, { schedule: [{ path: '/t/slow', everyMs: 10 }], firstRunMs: 0 });
      await eventually(async () => (rec.calls.length ? true : undefined), 'the call started');
      let stopped = false;
      const stopping = timers.stop().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(stopped, false, 'stop() returned while a call was running');
      release();
      await stopping;
      const count = rec.calls.length;
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(rec.calls.length, count, 'no call after stop()');
      await rec.app.close();
    });

    it('by default bounds the calls at a quarter of the connection pool (at least one; one on PGlite)', () => {
      const pool = (max: number) => ({ poolStats: () => ({ total: 0, idle: 0, waiting: 0, max }) }) as unknown as Database;
      assert.deepEqual([4, 5, 10, 20].map((max) => timerConcurrency(pool(max))), [1, 1, 2, 5]);
      assert.equal(timerConcurrency({ kind: 'pglite' } as Database), 1);
    });
  });
});
