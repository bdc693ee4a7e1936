// Live-update streams on PostgreSQL: how many open Server-Sent Events streams one module instance
// holds, what they cost it in memory, and how long a change takes to reach every one of them.
// Two module instances (child processes): A holds the streams, B takes the writes, so each event
// travels B's transaction → NOTIFY → A's LISTEN → every stream (the fan-out across instances).
// Bounded: BENCH_STREAMS streams (default 5000), BENCH_CHANGES changes (default 20), and a time
// budget per phase. Needs a file descriptor limit above the stream count (ulimit -n).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usePostgres } from './postgres-env.ts';
import { percentile } from './stats.ts';
import { enableTenant, purgeTenant, uniqueTenant } from '../test/support/module-harness.ts';
import { freePort } from '../test/support/module-process.ts';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 5000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);
const OPEN_BATCH = 250;
const PHASE_BUDGET_MS = Number(process.env.BENCH_PHASE_MS ?? 120_000);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


function status(pid: number, field: string): number {
  const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function startModule(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'mod-resource-sharing/src/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', OKAPI_STANDALONE: 'true' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 200))) {
    if (child.exitCode !== null) throw new Error(`module exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('module did not start in 30 s');
    if (await fetch(`http://127.0.0.1:${port}/admin/health`).then((r) => r.ok, () => false)) return child;
  }
}

interface Stream {
  req: http.ClientRequest;
  /** request id → arrival time of its first event on this stream */
  seen: Map<string, number>;
}

function openStream(port: number, tenant: string, agent: http.Agent): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const seen = new Map<string, number>();
    const req = http.get({ host: '127.0.0.1', port, path: '/resource-sharing/events', agent, headers: { 'x-okapi-tenant': tenant, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
      res.setEncoding('utf8');
      let first = true;
      res.on('data', (chunk: string) => {
        if (first) {
          first = false;
          resolve({ req, seen });
        }
        const now = performance.now();
        for (const m of chunk.matchAll(/"id":"([0-9a-f-]{36})"/g)) if (!seen.has(m[1])) seen.set(m[1], now);
      });
      res.on('error', () => undefined);
    });
    req.on('error', reject);
  });
}

export async function run(): Promise<void> {
  usePostgres();
  const [portA, portB] = await Promise.all([freePort(), freePort()]);
  const [a, b] = await Promise.all([startModule(portA), startModule(portB)]);
  const urlA = `http://127.0.0.1:${portA}`;
  const urlB = `http://127.0.0.1:${portB}`;
  const tenant = uniqueTenant('live');
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const streams: Stream[] = [];
  try {
    await enableTenant(urlB, tenant);
    const rssBefore = status(a.pid!, 'VmRSS') / 1024;
    const t0 = performance.now();
    let failed = 0;
    let firstError = '';
    while (streams.length + failed < STREAMS && performance.now() - t0 < PHASE_BUDGET_MS) {
      const n = Math.min(OPEN_BATCH, STREAMS - streams.length - failed);
      const opened = await Promise.allSettled(Array.from({ length: n }, () => openStream(portA, tenant, agent)));
      for (const o of opened) {
        if (o.status === 'fulfilled') streams.push(o.value);
        else {
          failed++;
          firstError ||= String(o.reason);
        }
      }
    }
    const openMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfter = status(a.pid!, 'VmRSS') / 1024;
    const fds = readdirSync(`/proc/${a.pid}/fd`).length;
    console.log(`streams open on instance A: ${streams.length} of ${STREAMS} in ${(openMs / 1000).toFixed(1)} s (${failed} failed${firstError ? `: ${firstError}` : ''})`);
    console.log(`instance A: ${fds} open file descriptors; RSS ${rssBefore.toFixed(0)} MiB before, ${rssAfter.toFixed(0)} MiB with the streams (${(((rssAfter - rssBefore) * 1024) / Math.max(1, streams.length)).toFixed(1)} KiB a stream)`);

    // changes written through instance B; each must reach every stream on A
    const latencies: number[] = [];
    const lastArrivals: number[] = [];
    let missing = 0;
    for (let i = 0; i < CHANGES; i++) {
      const start = performance.now();
      const res = await fetch(`${urlB}/resource-sharing/requests`, {
        method: 'POST',
        headers: { 'x-okapi-tenant': tenant, 'content-type': 'application/json' },
        body: JSON.stringify({ serviceType: 'loan', citation: { title: `Live bench ${i}` }, patron: { barcode: `b${i}`, pickupLocation: 'Desk' } }),
      });
      const { id } = (await res.json()) as { id: string };
      const deadline = performance.now() + 10_000;
      while (streams.some((s) => !s.seen.has(id)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      let last = 0;
      for (const s of streams) {
        const at = s.seen.get(id);
        if (at === undefined) missing++;
        else {
          latencies.push(at - start);
          last = Math.max(last, at - start);
        }
      }
      lastArrivals.push(last);
    }
    latencies.sort((x, y) => x - y);
    lastArrivals.sort((x, y) => x - y);
    console.log(
      `event latency (POST on B → event on A's streams, ${CHANGES} changes × ${streams.length} streams): ` +
        `p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, ` +
        `last stream reached: median ${percentile(lastArrivals, 50).toFixed(0)} ms, max ${lastArrivals.at(-1)?.toFixed(0)} ms; ${missing} missed`,
    );
  } finally {
    for (const s of streams) s.req.destroy();
    agent.destroy();
    await purgeTenant(urlB, tenant).catch(() => undefined);
    a.kill('SIGTERM');
    b.kill('SIGTERM');
  }
}
