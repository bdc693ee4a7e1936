// Start-up time and resident memory of mod-resource-sharing run three ways: `tsx src/main.ts`
// (development, `npm run dev:module`), `node --import tsx src/main.ts` (how the deployment
// descriptor ran it before 0.3) and `node dist/main.js` (production: the build, the Docker image,
// the DeploymentDescriptor), each on PostgreSQL (DB_* or the local CI server) and on PGlite (a
// data folder, as `npm run start:module` without DB_HOST keeps it).
// Start-up: from spawn to the first 200 of GET /admin/health, and the CPU time the process tree
// had used by then (on a shared machine the wall clock stretches; CPU time much less). Memory: VmRSS of the process tree
// (tsx runs the module in a child process) after a tenant is enabled and some requests served,
// and its peak (VmHWM). Knobs: BENCH_STARTS (runs per way and database, default 5),
// BENCH_STARTUP_REQUESTS (requests served before memory is read, default 300).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { enableTenant, purgeTenant, tenantClient, uniqueTenant } from '../test/support/module-harness.ts';
import { buildModule, freePort, residentMemoryMiB, startModuleProcess } from '../test/support/module-process.ts';
import { REPO_DIR } from '../test/support/shared.ts';
import { usePostgres } from './postgres-env.ts';
import { percentile } from './stats.ts';

const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const REQUESTS = Number(process.env.BENCH_STARTUP_REQUESTS ?? 300);

const WAYS: { name: string; argv: (port: number) => string[] }[] = [
  { name: 'tsx src/main.ts', argv: (p) => [path.join(REPO_DIR, 'node_modules', '.bin', 'tsx'), 'mod-resource-sharing/src/main.ts', '--port', String(p)] },
  { name: 'node --import tsx src/main.ts', argv: (p) => ['node', '--import', 'tsx', 'mod-resource-sharing/src/main.ts', '--port', String(p)] },
  { name: 'node dist/main.js', argv: (p) => ['node', 'mod-resource-sharing/dist/main.js', '--port', String(p)] },
];

interface Sample {
  startupMs: number;
  startupCpuMs: number;
  rss: number;
  peak: number;
}

/** One start: time to health, a tenant enabled, REQUESTS served, memory read, tenant purged, SIGTERM. */
async function once(argv: (port: number) => string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  const port = await freePort();
  const mod = await startModuleProcess(argv(port), { port, env, timeoutMs: 120_000 });
  try {
    const tenant = uniqueTenant('boot');
    await enableTenant(mod.url, tenant);
    const api = tenantClient(mod.url, tenant);
    const ids: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      if (i % 3 === 0) {
        const r = await api.post('/resource-sharing/requests', { citation: { title: `Start-up bench ${i}` } });
        if (r.status !== 201) throw new Error(`create: ${r.status} ${JSON.stringify(r.body)}`);
        ids.push(r.body.id as string);
      } else if (i % 3 === 1) {
        const r = await api.get('/resource-sharing/requests?limit=20&query=title%3D%22start%2A%22');
        if (r.status !== 200) throw new Error(`list: ${r.status}`);
      } else {
        const r = await api.get(`/resource-sharing/requests/${ids[ids.length - 1]}`);
        if (r.status !== 200) throw new Error(`get: ${r.status}`);
      }
    }
    const { rss, peak } = residentMemoryMiB(mod.child.pid!);
    await purgeTenant(mod.url, tenant);
    return { startupMs: mod.startupMs, startupCpuMs: mod.startupCpuMs, rss, peak };
  } finally {
    const stopped = await mod.stop();
    if (stopped.code !== 0) console.log(`  (exit ${stopped.code ?? stopped.signal} after SIGTERM)`);
    mod.kill();
  }
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
const max = (xs: number[]) => Math.max(...xs);

export async function run(): Promise<void> {
  usePostgres();
  await buildModule();
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
  delete base.PORT;
  const pgliteDir = mkdtempSync(path.join(tmpdir(), 'rs-startup-'));
  const pglite: NodeJS.ProcessEnv = { ...base, PGLITE_DATA_DIR: pgliteDir };
  for (const k of ['DB_HOST', 'DB_PORT', 'DB_USERNAME', 'DB_PASSWORD', 'DB_DATABASE']) delete pglite[k];
  const databases = [
    { name: `PostgreSQL (${base.DB_HOST}/${base.DB_DATABASE})`, env: base },
    { name: 'PGlite (data folder)', env: pglite },
  ];
  console.log(`${STARTS} starts per row after one warm-up start; ${REQUESTS} requests served before memory is read`);
  console.log(`load average at the start: ${loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  console.log('| way | database | start-up to first 200, median (max) | CPU time used by then, median | RSS after requests, median (max) | peak RSS (max) |');
  console.log('|---|---|---|---|---|---|');
  try {
    for (const db of databases) {
      for (const way of WAYS) {
        await once(way.argv, db.env); // warm-up: file cache, and PGlite's initdb on the first start
        const samples: Sample[] = [];
        for (let i = 0; i < STARTS; i++) samples.push(await once(way.argv, db.env));
        const ms = samples.map((s) => s.startupMs);
        const cpu = samples.map((s) => s.startupCpuMs);
        const rss = samples.map((s) => s.rss);
        console.log(
          `| ${way.name} | ${db.name} | ${median(ms).toFixed(0)} ms (${max(ms).toFixed(0)}) | ${median(cpu).toFixed(0)} ms | ` +
            `${median(rss).toFixed(0)} MiB (${max(rss).toFixed(0)}) | ${max(samples.map((s) => s.peak)).toFixed(0)} MiB |`,
        );
      }
    }
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  } finally {
    rmSync(pgliteDir, { recursive: true, force: true });
  }
}
