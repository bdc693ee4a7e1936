// Internal timers against many tenants and a small pool (issue 13): how long after a module
// process starts (TIMERS=internal, DB_MAXPOOLSIZE small) until its first tenant enable succeeds, and
// how long its first request create takes, with N tenants already enabled in the database (each
// has every internal timer to run at start-up). Before the fix the timers' single-runner guards
// held every pooled connection and these calls waited 15 s and answered 503.
// Then, for BENCH_WINDOW_MS (default 20 s, which covers the first run of every handler for every
// tenant), it keeps creating requests and enabling a tenant every few seconds, and reports the
// slowest answers, the failures and how many timer calls ran meanwhile (from /admin/metrics).
// PostgreSQL only (DB_* or the local CI server). Knobs: BENCH_TENANTS (tenants enabled beforehand,
// default 15), BENCH_POOL (DB_MAXPOOLSIZE of the measured process, default 4), BENCH_STARTS (starts,
// default 3). The tenants it creates are purged at the end.
import { loadavg } from 'node:os';
import { enableTenant, purgeTenant, startModule, tenantClient, testDatabase, uniqueTenant } from '../test/support/module-harness.ts';
import { freePort, startModuleProcess } from '../test/support/module-process.ts';
import { timerRunsByHandler } from '../test/support/timer-metrics.ts';
import { enabledTenants } from '../mod-resource-sharing/src/workflow/internal-timers.ts';
import { usePostgres } from './postgres-env.ts';
import { percentile } from './stats.ts';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 15);
const POOL = Number(process.env.BENCH_POOL ?? 4);
const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 20_000);

interface Sample {
  healthMs: number;
  /** from spawn to the end of the first tenant enable that succeeded */
  enableMs: number;
  /** enables that failed before it (503, a failed job) */
  failedEnables: number;
  createMs: number;
  createStatus: number;
  /** during the window: calls made, answers other than 2xx (or none), the slowest create and enable */
  calls: number;
  failures: number;
  slowestCreateMs: number;
  slowestEnableMs: number;
  /** timer calls answered by the end of the window */
  timerRuns: number;
}

/** Creates and reads requests, and enables a tenant every 4 s, until `ms` after `t0`. */
async function window(url: string, tenant: string, t0: number, ms: number, created: string[]) {
  const api = tenantClient(url, tenant);
  let calls = 0;
  let failures = 0;
  let slowestCreateMs = 0;
  let slowestEnableMs = 0;
  let nextEnable = performance.now();
  while (performance.now() - t0 < ms) {
    const c0 = performance.now();
    calls += 1;
    const res = await api.post('/resource-sharing/requests', { citation: { title: 'Timers start-up window' } }).catch(() => ({ status: 0 }));
    slowestCreateMs = Math.max(slowestCreateMs, performance.now() - c0);
    if (res.status !== 201) failures += 1;
    if (performance.now() >= nextEnable) {
      const t = uniqueTenant('tmw');
      created.push(t);
      const e0 = performance.now();
      calls += 1;
      await enableTenant(url, t).catch(() => (failures += 1));
      slowestEnableMs = Math.max(slowestEnableMs, performance.now() - e0);
      nextEnable = performance.now() + 4_000;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { calls, failures, slowestCreateMs, slowestEnableMs };
}

async function once(env: NodeJS.ProcessEnv, created: string[]): Promise<Sample> {
  const port = await freePort();
  const mod = await startModuleProcess(['node', '--import', 'tsx', 'mod-resource-sharing/src/main.ts'], { port, env: { ...env, PORT: String(port) }, timeoutMs: 120_000 });
  // startupMs counts from the spawn; what follows is timed from the health answer and added to it
  const t0 = performance.now() - mod.startupMs;
  try {
    let failedEnables = 0;
    let tenant = '';
    for (;;) {
      tenant = uniqueTenant('tmb');
      created.push(tenant);
      try {
        await enableTenant(mod.url, tenant);
        break;
      } catch (err) {
        failedEnables += 1;
        if (failedEnables > 10) throw err;
      }
    }
    const enableMs = performance.now() - t0;
    const c0 = performance.now();
    const res = await tenantClient(mod.url, tenant).post('/resource-sharing/requests', { citation: { title: 'Timers start-up bench' } });
    const createMs = performance.now() - c0;
    const during = await window(mod.url, tenant, t0, WINDOW_MS, created);
    return { healthMs: mod.startupMs, enableMs, failedEnables, createMs, createStatus: res.status, ...during, timerRuns: [...(await timerRunsByHandler(mod.url)).values()].reduce((a, b) => a + b, 0) };
  } finally {
    await mod.stop();
    mod.kill();
  }
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

export async function run(): Promise<void> {
  usePostgres();
  const seeder = await startModule();
  const created: string[] = [];
  try {
    const before = (await enabledTenants(seeder.db)).length;
    for (let i = before; i < TENANTS; i++) {
      const t = uniqueTenant('tmseed');
      created.push(t);
      await enableTenant(seeder.url, t);
    }
    const tenants = (await enabledTenants(seeder.db)).length;
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', TIMERS: 'internal', DB_MAXPOOLSIZE: String(POOL) };
    console.log(`${tenants} enabled tenants in ${env.DB_HOST}/${env.DB_DATABASE}, DB_MAXPOOLSIZE=${POOL}, TIMERS=internal, ${STARTS} starts`);
    console.log(`load average at the start: ${loadavg().map((l) => l.toFixed(1)).join(', ')}`);
    console.log(`then calls until ${WINDOW_MS / 1000} s after the spawn (a create every 100 ms, a tenant enable every 4 s)`);
    console.log('| start | spawn to health | spawn to first tenant enabled | enables failed before it | first create after it | calls in the window | failed | slowest create | slowest enable | timer calls run |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    const samples: Sample[] = [];
    for (let i = 0; i < STARTS; i++) {
      const s = await once(env, created);
      samples.push(s);
      console.log(
        `| ${i + 1} | ${s.healthMs.toFixed(0)} ms | ${s.enableMs.toFixed(0)} ms | ${s.failedEnables} | ${s.createStatus} in ${s.createMs.toFixed(0)} ms | ` +
          `${s.calls} | ${s.failures} | ${s.slowestCreateMs.toFixed(0)} ms | ${s.slowestEnableMs.toFixed(0)} ms | ${s.timerRuns} |`,
      );
    }
    console.log(
      `median: spawn to first tenant enabled ${median(samples.map((s) => s.enableMs)).toFixed(0)} ms, ` +
        `first create ${median(samples.map((s) => s.createMs)).toFixed(0)} ms; failed enables ${samples.reduce((n, s) => n + s.failedEnables, 0)} in all`,
    );
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  } finally {
    for (const t of created) await purgeTenant(seeder.url, t);
    await seeder.close();
    await (await testDatabase()).close();
  }
}
