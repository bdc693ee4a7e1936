// A module process started on its own (TIMERS=internal) with a small pool against a database that
// already holds many enabled tenants (issue 13, "timers"): its timers' first rounds must leave
// connections for the calls it is there for. Before, every handler ran for every tenant at once and
// each single-runner guard kept a pooled connection for its job: the pool was full, and enabling a
// tenant right after start-up waited 15 s and answered 503 database.unavailable.
import assert from 'node:assert/strict';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';
import { postgresEnv, startModuleProcess, type ModuleProcess } from '../../../test/support/module-child.ts';
import { timerRunsByHandler } from '../../../test/support/timer-metrics.ts';
import { TIMER_SCHEDULE } from '../../src/workflow/internal-timers.ts';

const TENANTS = 15;
/** what a call may take while the timers run: a few hundred ms on a busy machine; a starved pool answers after 15 s */
const NORMAL_MS = 5_000;

describe('internal timers against many tenants and a small pool (PostgreSQL)', function () {
  this.timeout(240_000);
  const env = postgresEnv();
  let seeder: RunningModule | undefined;
  let mod: ModuleProcess | undefined;
  const tenants: string[] = [];

  before(async function () {
    if (!env) {
      console.log('    skipped: DB_HOST is not set (needs a PostgreSQL server)');
      return this.skip();
    }
    // the tenants are enabled through the tenant API of a module in this process (its timers are not started)
    seeder = await startModule();
    for (let i = 0; i < TENANTS; i++) {
      const t = uniqueTenant('tmany');
      tenants.push(t);
      await enableTenant(seeder.url, t);
    }
  });

  after(async () => {
    await mod?.stop();
    for (const t of tenants) if (seeder) await purgeTenant(seeder.url, t);
    await seeder?.close();
  });

  it('answers its health, enables a tenant and creates requests in normal time while its timers make their first rounds', async () => {
    mod = await startModuleProcess({ ...env!, TIMERS: 'internal', DB_MAXPOOLSIZE: '4' });
    const slow: string[] = [];
    const timed = async <T extends { status: number }>(what: string, call: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const res = await call();
      const ms = performance.now() - t0;
      if (ms > NORMAL_MS) slow.push(`${what}: ${ms.toFixed(0)} ms (${res.status})`);
      return res;
    };
    const enable = async () => {
      const t = uniqueTenant('tmnew');
      tenants.push(t);
      const t0 = performance.now();
      await enableTenant(mod!.url, t);
      const ms = performance.now() - t0;
      if (ms > NORMAL_MS) slow.push(`enable ${t}: ${ms.toFixed(0)} ms`);
      return tenantClient(mod!.url, t);
    };

    // right after start-up
    assert.equal((await timed('health', () => fetch(`${mod!.url}/admin/health`))).status, 200);
    const api = await enable();
    const first = await timed('create', () => api.post('/resource-sharing/requests', { citation: { title: 'Right after start-up' } }));
    assert.equal(first.status, 201, JSON.stringify(first.body));

    // and all the while every handler makes its first round over every tenant
    const done = (runs: Map<string, number>) => TIMER_SCHEDULE.every((s) => (runs.get(s.path.split('/').pop()!) ?? 0) >= TENANTS);
    const deadline = Date.now() + 120_000;
    let nextEnable = Date.now() + 3_000;
    let calls = 0;
    let runs = new Map<string, number>();
    while (!done(runs)) {
      assert.ok(Date.now() < deadline, `the timers did not finish their first rounds: ${JSON.stringify([...runs])}`);
      const created = await timed('create', () => api.post('/resource-sharing/requests', { citation: { title: `During the timers ${calls}` } }));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const read = await timed('read', () => api.get(`/resource-sharing/requests/${created.body.id}`));
      assert.equal(read.status, 200);
      calls += 2;
      if (Date.now() > nextEnable) {
        await enable();
        calls += 1;
        nextEnable = Date.now() + 3_000;
      }
      runs = await timerRunsByHandler(mod.url);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(slow, [], `calls slower than ${NORMAL_MS} ms`);
    assert.ok(calls > 10, `${calls} calls`);
    assert.ok(mod.alive());
    assert.ok(!mod.lines.some((l) => l.includes('database.unavailable')), 'no 503 database.unavailable in the log');
    await mod.stop();
    mod = undefined;
  });

  it('behind Okapi too: every timer of every tenant called at once leaves the pool to API calls', async () => {
    // Okapi calls each tenant's timers on its own clock; at worst they all come together.
    mod = await startModuleProcess({ ...env!, TIMERS: 'okapi', DB_MAXPOOLSIZE: '4' });
    const api = tenantClient(mod.url, tenants[0]);
    const timerCalls = tenants.slice(0, TENANTS).flatMap((t) =>
      TIMER_SCHEDULE.map((s) => tenantClient(mod!.url, t).post(s.path).then((res) => ({ path: s.path, status: res.status, body: res.body }))),
    );
    const t0 = performance.now();
    const created = await api.post('/resource-sharing/requests', { citation: { title: 'While Okapi calls every timer' } });
    const createMs = performance.now() - t0;
    const answers = await Promise.all(timerCalls);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.ok(createMs < NORMAL_MS, `create took ${createMs.toFixed(0)} ms`);
    assert.deepEqual(answers.filter((a) => a.status !== 200).slice(0, 3), [], 'every timer call answered 200');
  });
});
