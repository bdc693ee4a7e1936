// Inbound ISO 18626 throughput on PostgreSQL: one module instance (the built module, as production
// runs it, in a child process so its memory is its own) receiving messages from N concurrent
// partner connections on loopback. Prints messages/s and latency percentiles, the CPU a message
// costs the module and the database backends, pgbench at the same concurrency on the same server
// (select-only and read-write, with their CPU per transaction) with the ratios, complete loan
// lifecycles between two tenants (states seen on the live event stream), and the module's
// resident memory (VmRSS) under that load. Loops are bounded in count and in time.
import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModule, freePort } from '../test/support/module-process.ts';
import { usePostgres } from './postgres-env.ts';
import { percentile } from './stats.ts';
import { BackendCpu, processCpuMs } from './cpu-accounting.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 2000);
const LOANS = Number(process.env.BENCH_LOANS ?? 100);
const LOAN_WARM_UP = Number(process.env.BENCH_LOAN_WARM_UP ?? 40);
const LOAN_CONCURRENCY = Number(process.env.BENCH_LOAN_CONCURRENCY ?? 8);
const PHASE_BUDGET_MS = Number(process.env.BENCH_PHASE_MS ?? 90_000);
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 10);
// 500 of each kind left the JIT still compiling through the first 1.5 s of the measured requests
// (p50 15–16 ms there, 8–9 ms after); 2,000 brings the measured phase to its steady state
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 2000);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** VmRSS of a process in MiB, from /proc. */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

class RssSampler {
  samples: number[] = [];
  private timer: NodeJS.Timeout;
  constructor(pid: number) {
    this.timer = setInterval(() => this.samples.push(rssMiB(pid)), 200);
  }
  stop(): { peak: number; mean: number } {
    clearInterval(this.timer);
    const s = this.samples.filter(Number.isFinite);
    return { peak: Math.max(...s), mean: s.reduce((a, b) => a + b, 0) / s.length };
  }
}

async function startChild(port: number): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the module to <dir> when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // the module as production runs it: the build (`npm run build`), not TypeScript through tsx
  const child = spawn(process.execPath, [...profile, path.join(root, 'mod-resource-sharing/dist/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DB_MAXPOOLSIZE: String(CONNECTIONS + 4) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`module exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/admin/health`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('module did not start in 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** p50 of the first and of the last quarter of `inOrder`, e.g. "9.1 / 8.7 ms". */
function quarters(inOrder: number[]): string {
  const q = Math.floor(inOrder.length / 4);
  const p50 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50).toFixed(1);
  return q ? `${p50(inOrder.slice(0, q))} / ${p50(inOrder.slice(-q))} ms` : 'n/a';
}

/** Runs `total` jobs on `workers` concurrent loops, stopping early when `budgetMs` is spent. */
async function runBounded(total: number, workers: number, budgetMs: number, job: (i: number) => Promise<void>) {
  let next = 0;
  const latencies: number[] = [];
  /** in the order the jobs were started */
  const inOrder: { started: number; ms: number }[] = [];
  const started = performance.now();
  const deadline = started + budgetMs;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < total && performance.now() < deadline) {
        const i = next++;
        const t = performance.now();
        await job(i);
        const ms = performance.now() - t;
        latencies.push(ms);
        inOrder.push({ started: t, ms });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  inOrder.sort((a, b) => a.started - b.started);
  return { done: latencies.length, seconds, perSecond: latencies.length / seconds, latencies, inOrder: inOrder.map((x) => x.ms) };
}

interface PgbenchRun {
  /** scale factor: 1 (one branch row every client updates: mostly lock waits) or the client count */
  scale: number;
  tps: number;
  transactions: number;
  /** CPU ms of the scratch database's backends per transaction (undefined: server not on this machine) */
  backendCpuPerTx?: number;
}

function psql(sql: string): string {
  return execFileSync('psql', ['-h', process.env.DB_HOST!, '-p', process.env.DB_PORT!, '-U', process.env.DB_USERNAME!, '-d', process.env.DB_DATABASE!, '-Atqc', sql], {
    env: { ...process.env, PGPASSWORD: process.env.DB_PASSWORD ?? '' },
    encoding: 'utf8',
  }).trim();
}

/** ANALYZE the tables autovacuum would analyze now: more than 50 rows + 10 % changed since the last time. */
function analyzeAsAutovacuumWould(): void {
  const tables = psql(
    `SELECT format('%I.%I', schemaname, relname) FROM pg_stat_user_tables WHERE n_mod_since_analyze > 50 + 0.1 * n_live_tup`,
  );
  for (const table of tables.split('\n').filter(Boolean)) psql(`ANALYZE ${table}`);
}

/** The server's WAL insert position. */
function walPosition(): string {
  return psql('SELECT pg_current_wal_insert_lsn()');
}

/** WAL bytes written since `from` (every database of the server: nothing else should be running). */
function walBytesSince(from: string): number {
  return Number(psql(`SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '${from}')`));
}

/** CHECKPOINT, so that a checkpoint (and the full-page writes after it) lands in no measured phase. */
function checkpoint(): void {
  psql('CHECKPOINT');
}

/**
 * pgbench at the same concurrency: select-only (`-S`), and its default read-write TPC-B-like
 * transaction at scale 1 (what the issue compared with: every client updates the one branch row,
 * so the run mostly measures lock waits) and at a scale of one branch per client (as pgbench's
 * documentation advises: CPU-bound, like the module).
 */
async function pgbench(): Promise<{ selectOnly: PgbenchRun; readWrite: PgbenchRun; readWriteScaled: PgbenchRun }> {
  const host = process.env.DB_HOST ?? '127.0.0.1';
  const port = process.env.DB_PORT ?? '5432';
  const user = process.env.DB_USERNAME ?? 'folio_admin';
  const env = { ...process.env, PGPASSWORD: process.env.DB_PASSWORD ?? '' };
  const conn = ['-h', host, '-p', port, '-U', user];
  const scratch = 'bench_pgbench_scratch';
  psql(`DROP DATABASE IF EXISTS ${scratch}`);
  psql(`CREATE DATABASE ${scratch}`);
  try {
    const run = async (scale: number, mode: string[]): Promise<PgbenchRun> => {
      execFileSync('pgbench', [...conn, '-i', '-q', '-s', String(scale), scratch], { env, stdio: 'ignore' });
      checkpoint();
      const cpu = await BackendCpu.start(scratch);
      const { stdout: out } = await promisify(execFile)('pgbench', [...conn, '-c', String(CONNECTIONS), '-j', '2', '-T', String(PGBENCH_SECONDS), ...mode, scratch], {
        env,
        encoding: 'utf8',
      });
      const cpuMs = await cpu?.stop();
      const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
      const n = /number of transactions actually processed: (\d+)/.exec(out);
      if (!m || !n) throw new Error(`cannot read pgbench output: ${out}`);
      const transactions = Number(n[1]);
      return { scale, tps: Number(m[1]), transactions, ...(cpuMs !== undefined ? { backendCpuPerTx: cpuMs / transactions } : {}) };
    };
    return { selectOnly: await run(1, ['-S']), readWrite: await run(1, []), readWriteScaled: await run(CONNECTIONS, []) };
  } finally {
    psql(`DROP DATABASE IF EXISTS ${scratch}`);
  }
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

export async function run(): Promise<void> {
  usePostgres();
  const { startNetwork, lendingRequestFor, act } = await import('../test/support/library-network.ts');
  const { emitMessage } = await import('../mod-resource-sharing/src/iso18626/index.ts');
  type Running = Parameters<typeof startNetwork>[1];

  await buildModule();
  const port = await freePort();
  const child = await startChild(port);
  const pid = child.pid!;
  const url = `http://127.0.0.1:${port}`;
  const existing = { url, close: async () => undefined } as unknown as NonNullable<Running>;
  const stopChild = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  const net = await startNetwork([{ name: 'Bencha' }, { name: 'Benchb' }], existing).catch(async (err: unknown) => {
    await stopChild();
    throw err;
  });
  try {
    const { Bencha: a, Benchb: b } = net.libraries;
    const agency = (symbol: string) => {
      const [type, value] = symbol.split(':');
      return { type, value };
    };
    const header = (id: string) => ({
      supplyingAgencyId: agency(b.symbol),
      requestingAgencyId: agency(a.symbol),
      timestamp: new Date(),
      requestingAgencyRequestId: id,
      multipleItemRequestId: '',
    });
    // A light partner: plain node:http over kept-alive connections, the messages written before the
    // clock starts, so that the generator takes as little as it can of the machine it shares.
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const target = new URL(b.endpoint);
    const post = (xml: string) =>
      new Promise<void>((resolve, reject) => {
        const req = http.request(
          { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () =>
              res.statusCode === 200 && text.includes('<ill:messageStatus>OK</ill:messageStatus>')
                ? resolve()
                : reject(new Error(`${res.statusCode}: ${text.slice(0, 400)}`)),
            );
          },
        );
        req.on('error', reject);
        req.end(xml);
      });
    const idOf = (i: number) => `BENCH-${pid}-${i}`;
    // the warm-up sends what the measured phase sends (other ids), so the JIT has seen its shapes
    const requestOf = (id: string, i: number) =>
      emitMessage(
        { kind: 'request', header: header(id), bibliographicInfo: { title: `Benchmark title ${i}`, author: 'Author, A.' }, serviceInfo: { requestType: 'New', serviceType: 'Loan' } },
        '2017',
      );
    const notificationOf = (id: string, i: number) =>
      emitMessage({ kind: 'requestingAgencyMessage', header: header(id), action: 'Notification', note: `Note ${i} from the borrower` }, '2017');
    console.log(`module pid ${pid}, idle RSS ${rssMiB(pid).toFixed(0)} MiB; ${CONNECTIONS} concurrent partner connections`);

    // warm-up, as a module in service is warm: both kinds of message until the JIT has compiled
    // the paths they take, the connection pool is full and the statements are prepared
    const coldRequests = await runBounded(WARM_UP, CONNECTIONS, 60_000, (i) => post(requestOf(`WARM-${pid}-${i}`, i)));
    const coldNotifications = await runBounded(WARM_UP, CONNECTIONS, 60_000, (i) => post(notificationOf(`WARM-${pid}-${i}`, i)));
    console.log(
      `warm-up (the module's first messages after its start, the JIT still compiling): ${coldRequests.done} requests p50 ${fmt(percentile(coldRequests.latencies, 50))} ` +
        `p99 ${fmt(percentile(coldRequests.latencies, 99))}, ${coldNotifications.done} Notifications p50 ${fmt(percentile(coldNotifications.latencies, 50))} ` +
        `p99 ${fmt(percentile(coldNotifications.latencies, 99))}`,
    );

    const requestXml = Array.from({ length: REQUESTS }, (_, i) => requestOf(idOf(i), i));
    const notificationXml = Array.from({ length: NOTIFICATIONS }, (_, i) => notificationOf(idOf(i), i));
    // what autovacuum does within a minute on a live server: statistics for the tables that changed
    // enough (its own rule: 50 rows + 10 %); the module's prepared statements are planned again with them
    analyzeAsAutovacuumWould();
    checkpoint();
    const rss = new RssSampler(pid);
    const moduleCpuBefore = processCpuMs(pid);
    const generatorCpuBefore = process.cpuUsage();
    const walBefore = walPosition();
    const backendCpu = await BackendCpu.start(process.env.DB_DATABASE!);
    const requests = await runBounded(REQUESTS, CONNECTIONS, PHASE_BUDGET_MS, (i) => post(requestXml[i]));
    const notifications = await runBounded(Math.min(NOTIFICATIONS, requests.done), CONNECTIONS, PHASE_BUDGET_MS, (i) => post(notificationXml[i]));
    const inboundMem = rss.stop();
    agent.destroy();
    const moduleCpuMs = processCpuMs(pid) - moduleCpuBefore;
    const generatorCpu = process.cpuUsage(generatorCpuBefore);
    const generatorCpuMs = (generatorCpu.user + generatorCpu.system) / 1000;
    const backendSplit = await backendCpu?.stopSplit();
    const walBytes = walBytesSince(walBefore);
    const backendCpuMs = backendSplit?.total;
    const all = [...requests.latencies, ...notifications.latencies].sort((x, y) => x - y);
    const inboundRate = (requests.done + notifications.done) / (requests.seconds + notifications.seconds);
    console.log(
      `inbound request messages: ${requests.done} in ${requests.seconds.toFixed(1)} s = ${requests.perSecond.toFixed(0)} msg/s; ` +
        `p50 ${fmt(percentile(requests.latencies, 50))} p99 ${fmt(percentile(requests.latencies, 99))}`,
    );
    console.log(
      `inbound requestingAgencyMessage Notification: ${notifications.done} in ${notifications.seconds.toFixed(1)} s = ${notifications.perSecond.toFixed(0)} msg/s; ` +
        `p50 ${fmt(percentile(notifications.latencies, 50))} p99 ${fmt(percentile(notifications.latencies, 99))}`,
    );
    console.log(`inbound overall: ${inboundRate.toFixed(0)} msg/s, p99 ${fmt(percentile(all, 99))}; module RSS peak ${inboundMem.peak.toFixed(0)} MiB, mean ${inboundMem.mean.toFixed(0)} MiB`);
    // a phase that is still warming up is slower at its start than at its end
    console.log(
      `steady? p50 of the first and last quarter of each phase: requests ${quarters(requests.inOrder)}, Notifications ${quarters(notifications.inOrder)}`,
    );

    const messages = requests.done + notifications.done;
    const perMessage = (ms: number) => `${(ms / messages).toFixed(2)} ms`;
    console.log(
      `CPU per inbound message: module ${perMessage(moduleCpuMs)}` +
        (backendSplit !== undefined
          ? `, database backends ${perMessage(backendSplit.total)} (of which autovacuum ${perMessage(backendSplit.autovacuum)})`
          : ' (database not on this machine: backends not measured)') +
        `; the load generator (this process, sharing the machine) ${perMessage(generatorCpuMs)}`,
    );
    console.log(`WAL written per inbound message: ${(walBytes / messages / 1024).toFixed(1)} KiB`);

    const bench = await pgbench();
    const cpuNote = (r: PgbenchRun) => (r.backendCpuPerTx !== undefined ? `; database backends ${r.backendCpuPerTx.toFixed(2)} ms CPU per transaction` : '');
    console.log(`pgbench -S (select-only) -c ${CONNECTIONS} -j 2 -T ${PGBENCH_SECONDS}: ${bench.selectOnly.tps.toFixed(0)} tps${cpuNote(bench.selectOnly)}`);
    console.log(`pgbench (default read-write TPC-B-like, scale 1) -c ${CONNECTIONS} -j 2 -T ${PGBENCH_SECONDS}: ${bench.readWrite.tps.toFixed(0)} tps${cpuNote(bench.readWrite)}`);
    console.log(
      `pgbench (read-write, scale ${bench.readWriteScaled.scale}: a branch per client) -c ${CONNECTIONS} -j 2 -T ${PGBENCH_SECONDS}: ${bench.readWriteScaled.tps.toFixed(0)} tps${cpuNote(bench.readWriteScaled)}`,
    );
    console.log(
      `ratio module inbound msg/s : pgbench tps = ${(inboundRate / bench.selectOnly.tps).toFixed(3)} (select-only), ` +
        `${(inboundRate / bench.readWrite.tps).toFixed(3)} (read-write, scale 1) (target ≥ 0.5), ` +
        `${(inboundRate / bench.readWriteScaled.tps).toFixed(3)} (read-write, scale ${bench.readWriteScaled.scale})`,
    );
    if (backendCpuMs !== undefined && bench.readWrite.backendCpuPerTx !== undefined) {
      console.log(
        `database CPU of a message : of a pgbench read-write transaction = ${(backendCpuMs / messages / bench.readWrite.backendCpuPerTx).toFixed(2)} ` +
          `(load-independent; a message has to do more than a TPC-B transaction: its request row, audit entry and conversation)`,
      );
    }

    // complete loan lifecycles between the two tenants, through the REST API and real ISO 18626 traffic;
    // a state is seen as staff screens see it, on the live event stream (no polling interval in the figure)
    const { openSse } = await import('../test/support/sse-reader.ts');
    const streams = new Map(
      await Promise.all(
        [a, b].map(async (lib) => [lib.tenant, await openSse(`${url}/resource-sharing/events`, { 'x-okapi-tenant': lib.tenant })] as const),
      ),
    );
    const reached = async (lib: typeof a, id: string, state: string) => {
      await streams.get(lib.tenant)!.next((e) => {
        if (e.event !== 'request') return false;
        const change = JSON.parse(e.data) as { id?: string; state?: string };
        return change.id === id && change.state === state;
      }, 60_000);
    };
    const lifecycle = async (i: number) => {
      const created = await a.api.post('/resource-sharing/requests', { citation: { title: `Lifecycle ${i}` }, patron: { id: `p-${i}`, name: 'Bench patron' } });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      await reached(a, created.body.id, 'REQ_SENT_TO_SUPPLIER');
      const lending = await lendingRequestFor(b, created.body.hrid);
      await act(b, lending.id, 'willSupply');
      await act(b, lending.id, 'printPullSlip');
      await act(b, lending.id, 'markShipped', { itemBarcode: `BC-${i}`, dueDate: '2099-01-01T00:00:00Z' });
      await reached(a, created.body.id, 'REQ_SHIPPED');
      await act(a, created.body.id, 'markReceived');
      await act(a, created.body.id, 'patronReturned');
      await act(a, created.body.id, 'shipReturn');
      await reached(b, lending.id, 'RES_ITEM_RETURNED');
      await act(b, lending.id, 'markReturned');
      await reached(a, created.body.id, 'REQ_REQUEST_COMPLETE');
    };
    // warm-up, as for the messages: the staff actions' paths compiled, the borrower's tables analyzed
    await runBounded(LOAN_WARM_UP, LOAN_CONCURRENCY, PHASE_BUDGET_MS, (i) => lifecycle(-1 - i));
    analyzeAsAutovacuumWould();
    checkpoint();
    const loanRss = new RssSampler(pid);
    const loanModuleCpu = processCpuMs(pid);
    const loanGeneratorCpu = process.cpuUsage();
    const loanBackendCpu = await BackendCpu.start(process.env.DB_DATABASE!);
    const loans = await runBounded(LOANS, LOAN_CONCURRENCY, PHASE_BUDGET_MS * 2, lifecycle);
    const loanMem = loanRss.stop();
    const loanModuleMs = processCpuMs(pid) - loanModuleCpu;
    const loanGenerator = process.cpuUsage(loanGeneratorCpu);
    const loanBackendMs = await loanBackendCpu?.stop();
    console.log(
      `loan lifecycles (request → loaned → returned → complete, ${LOAN_CONCURRENCY} at once): ${loans.done} in ${loans.seconds.toFixed(1)} s = ` +
        `${loans.perSecond.toFixed(2)} lifecycles/s; each p50 ${fmt(percentile(loans.latencies, 50))} p99 ${fmt(percentile(loans.latencies, 99))} (target p50 < 300 ms); module RSS peak ${loanMem.peak.toFixed(0)} MiB`,
    );
    const perLoan = (ms: number) => `${(ms / Math.max(1, loans.done)).toFixed(1)} ms`;
    console.log(
      `CPU per lifecycle: module ${perLoan(loanModuleMs)}` +
        (loanBackendMs !== undefined ? `, database backends ${perLoan(loanBackendMs)}` : '') +
        `; the driver (this process: REST calls, live streams) ${perLoan((loanGenerator.user + loanGenerator.system) / 1000)}`,
    );
    console.log(`module RSS peak over the run: ${Math.max(inboundMem.peak, loanMem.peak).toFixed(0)} MiB (target < 200 MiB)`);
    for (const stream of streams.values()) stream.close();
  } finally {
    await net.close();
    await stopChild();
  }
}
