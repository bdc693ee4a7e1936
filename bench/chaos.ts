// `npm run chaos`: complete loan lifecycles between two libraries (tenants) on PostgreSQL-backed
// module instances while instances are killed with SIGKILL at random and started again, and the
// database goes away once. Then it drains and checks in SQL that nothing was lost, applied twice or
// left stuck. Bounded in count and time; never part of `npm test`.
//
//   driver ──► load balancer ──► instance 1..N (child processes, TIMERS=internal) ──► PG proxy ──► PostgreSQL
//
// The load balancer stands in for the platform's: it sends each call to a live instance and, like
// nginx, tries the next instance only when a connection is refused (nothing was sent); a call cut
// off mid-way is a 502 to the caller. Partners' ISO 18626 messages go through it too. The database
// "restart" drops every connection at the proxy and refuses new ones for CHAOS_DB_DOWN_MS (the
// machine's PostgreSQL is shared); CHAOS_DB_RESTART_CMD (e.g. "sudo systemctl restart postgresql")
// restarts the real server instead.
//
// Knobs: CHAOS_LIFECYCLES (1000), CHAOS_CONCURRENCY (8), CHAOS_INSTANCES (2), CHAOS_MAX_KILLS (60),
// CHAOS_KILL_MIN_MS / CHAOS_KILL_MAX_MS (500 / 2500), CHAOS_BUDGET_MS (900000), CHAOS_DRAIN_MS
// (180000), CHAOS_LIFECYCLE_TIMEOUT_MS (180000), CHAOS_DB_DOWN_MS (3000).
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { usePostgres } from './postgres-env.ts';
import { percentile } from './stats.ts';
import { pgProxy } from '../test/support/pg-proxy.ts';
import { freePort } from '../test/support/module-process.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const LIFECYCLES = env('CHAOS_LIFECYCLES', 1000);
const CONCURRENCY = env('CHAOS_CONCURRENCY', 8);
const INSTANCES = env('CHAOS_INSTANCES', 2);
const MAX_KILLS = env('CHAOS_MAX_KILLS', 60);
const KILL_MIN_MS = env('CHAOS_KILL_MIN_MS', 500);
const KILL_MAX_MS = env('CHAOS_KILL_MAX_MS', 2500);
const BUDGET_MS = env('CHAOS_BUDGET_MS', 900_000);
const DRAIN_MS = env('CHAOS_DRAIN_MS', 180_000);
const LIFECYCLE_TIMEOUT_MS = env('CHAOS_LIFECYCLE_TIMEOUT_MS', 180_000);
const DB_DOWN_MS = env('CHAOS_DB_DOWN_MS', 3000);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rand = (min: number, max: number) => min + Math.random() * (max - min);


function rssMiB(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** One module instance on a fixed port, killed and started again by the chaos loop. */
class Instance {
  child?: ChildProcess;
  constructor(
    readonly port: number,
    private readonly dbPort: number,
  ) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  get alive() {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }
  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'mod-resource-sharing/src/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DB_HOST: '127.0.0.1',
        DB_PORT: String(this.dbPort),
        DB_MAXPOOLSIZE: '12',
        PGAPPNAME: 'mod-rs-chaos',
        TIMERS: 'internal',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`instance on ${this.port} exited while starting`);
      try {
        if ((await fetch(`${this.url}/admin/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`instance on ${this.port} did not start in 60 s`);
  }
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
}

/** Round robin over live instances; the next one only when a connection is refused. */
function loadBalancer(instances: Instance[]) {
  let next = 0;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
    for (let tries = 0; tries < instances.length * 3; tries++) {
      const target = instances[next++ % instances.length];
      if (!target.alive) continue;
      try {
        const answer = await fetch(`${target.url}${req.url}`, { method: req.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
        const out = Buffer.from(await answer.arrayBuffer());
        const h: Record<string, string> = {};
        answer.headers.forEach((v, k) => {
          if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k)) h[k] = v;
        });
        res.writeHead(answer.status, h).end(out);
        return;
      } catch (err) {
        const code = (err as { cause?: { code?: string } }).cause?.code;
        if (code === 'ECONNREFUSED') continue; // nothing reached the instance: try another
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`bad gateway: ${code ?? String(err)}`);
        return;
      }
    }
    res.writeHead(503, { 'content-type': 'text/plain' }).end('no instance available');
  });
  return new Promise<{ url: string; close(): Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

interface Figures {
  lifecycles: number;
  completed: number;
  stuck: string[];
  fiveXX: number;
  lifecycleMs: number[];
}

export async function run(): Promise<void> {
  usePostgres();
  const { startNetwork } = await import('../test/support/library-network.ts');
  const { tenantClient } = await import('../test/support/module-harness.ts');
  type Library = Awaited<ReturnType<typeof startNetwork>>['libraries'][string];

  const dbHost = process.env.DB_HOST!;
  const dbPort = Number(process.env.DB_PORT);
  const proxy = await pgProxy({ host: dbHost, port: dbPort });
  const instances = await Promise.all(Array.from({ length: INSTANCES }, async () => new Instance(await freePort(), proxy.port)));
  await Promise.all(instances.map((i) => i.start()));
  const lb = await loadBalancer(instances);
  const admin = new pg.Client({ host: dbHost, port: dbPort, user: process.env.DB_USERNAME, password: process.env.DB_PASSWORD, database: process.env.DB_DATABASE });
  await admin.connect();

  let peakRss = 0;
  const rssTimer = setInterval(() => {
    const total = instances.reduce((sum, i) => Math.max(sum, i.alive ? rssMiB(i.child?.pid) : 0), 0);
    peakRss = Math.max(peakRss, total);
  }, 500);

  const existing = { url: lb.url, close: async () => undefined } as unknown as Parameters<typeof startNetwork>[1];
  const net = await startNetwork([{ name: 'Chaosa' }, { name: 'Chaosb' }], existing);
  const { Chaosa: a, Chaosb: b } = net.libraries;
  console.log(`${INSTANCES} instances behind ${lb.url}; tenants ${a.tenant} (borrower) and ${b.tenant} (lender); ${LIFECYCLES} lifecycles, ${CONCURRENCY} at once`);

  const figures: Figures = { lifecycles: 0, completed: 0, stuck: [], fiveXX: 0, lifecycleMs: [] };
  const started = Date.now();
  let driving = true;

  /** One call through the load balancer; a network error or a 5xx is counted and answered as undefined. */
  async function call(lib: Library, method: 'get' | 'post', p: string, body?: unknown, headers?: Record<string, string>) {
    try {
      const res = method === 'get' ? await lib.api.get(p, headers) : await lib.api.post(p, body, headers);
      if (res.status >= 500) {
        figures.fiveXX += 1;
        return undefined;
      }
      return res;
    } catch {
      figures.fiveXX += 1;
      return undefined;
    }
  }

  /** Waits until `probe` answers something, retrying through failures, until the lifecycle's deadline. */
  async function until<T>(deadline: number, probe: () => Promise<T | undefined>): Promise<T> {
    while (Date.now() < deadline) {
      const v = await probe().catch(() => undefined);
      if (v !== undefined) return v;
      await sleep(100);
    }
    throw new Error('timed out');
  }

  /** Takes `action` once: done when the audit trail shows it, else sent when the request offers it. */
  async function step(lib: Library, id: string, action: string, deadline: number, parameters: Record<string, unknown> = {}) {
    await until(deadline, async () => {
      const audit = await call(lib, 'get', `/resource-sharing/requests/${id}/audit`);
      if (audit?.status === 200 && audit.body.auditRecords.some((r: { action: string }) => r.action === action)) return true;
      const offered = await call(lib, 'get', `/resource-sharing/requests/${id}/actions`);
      if (offered?.status !== 200 || !offered.body.actions.some((x: { code: string }) => x.code === action)) return undefined;
      const done = await call(lib, 'post', `/resource-sharing/requests/${id}/actions/${action}`, { parameters });
      return done?.status === 200 ? true : undefined;
    });
  }

  async function stateOf(lib: Library, id: string): Promise<string | undefined> {
    const res = await call(lib, 'get', `/resource-sharing/requests/${id}`);
    return res?.status === 200 ? res.body.state : undefined;
  }

  async function lifecycle(i: number): Promise<void> {
    const t0 = Date.now();
    const deadline = t0 + LIFECYCLE_TIMEOUT_MS;
    const key = `chaos-${a.tenant}-${i}`;
    let borrowingId: string | undefined;
    try {
      const created = await until(deadline, async () => {
        const res = await call(a, 'post', '/resource-sharing/requests', { citation: { title: `Chaos ${i}` }, patron: { id: `p-${i}`, name: 'Chaos patron' } }, { 'idempotency-key': key });
        return res && (res.status === 201 || res.status === 200) ? res.body : undefined;
      });
      borrowingId = created.id as string;
      const lendingId = await until(deadline, async () => {
        const res = await call(b, 'get', `/resource-sharing/requests?query=${encodeURIComponent(`role==lending and peerRequestId=="${created.hrid}"`)}`);
        return res?.body?.requests?.[0]?.id as string | undefined;
      });
      await step(b, lendingId, 'willSupply', deadline);
      await step(b, lendingId, 'printPullSlip', deadline);
      await step(b, lendingId, 'markShipped', deadline, { itemBarcode: `CH-${i}`, dueDate: '2099-01-01T00:00:00Z' });
      await until(deadline, async () => ((await stateOf(a, borrowingId!)) === 'REQ_SHIPPED' ? true : undefined));
      await step(a, borrowingId, 'markReceived', deadline);
      await step(a, borrowingId, 'patronReturned', deadline);
      await step(a, borrowingId, 'shipReturn', deadline);
      await step(b, lendingId, 'markReturned', deadline);
      await until(deadline, async () => ((await stateOf(a, borrowingId!)) === 'REQ_REQUEST_COMPLETE' ? true : undefined));
      figures.completed += 1;
      figures.lifecycleMs.push(Date.now() - t0);
    } catch {
      figures.stuck.push(borrowingId ?? key);
    }
  }

  let kills = 0;
  let dbRestarts = 0;
  const chaos = (async () => {
    while (driving && kills < MAX_KILLS && Date.now() - started < BUDGET_MS) {
      await sleep(rand(KILL_MIN_MS, KILL_MAX_MS));
      if (!driving) break;
      if (dbRestarts === 0 && kills >= Math.min(10, Math.floor(MAX_KILLS / 2))) {
        dbRestarts += 1;
        if (process.env.CHAOS_DB_RESTART_CMD) execSync(process.env.CHAOS_DB_RESTART_CMD, { stdio: 'inherit' });
        else {
          await proxy.down();
          await sleep(DB_DOWN_MS);
          await proxy.up();
        }
        continue;
      }
      const victim = instances[Math.floor(Math.random() * instances.length)];
      await victim.kill('SIGKILL');
      kills += 1;
      await sleep(rand(200, 1000));
      await victim.start().catch((err: unknown) => console.error(`restart failed: ${String(err)}`));
    }
  })();

  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < LIFECYCLES && Date.now() - started < BUDGET_MS) {
        const i = next++;
        figures.lifecycles += 1;
        await lifecycle(i);
      }
    }),
  );
  driving = false;
  await chaos;
  for (const inst of instances) if (!inst.alive) await inst.start();
  const driveSeconds = (Date.now() - started) / 1000;

  // Drain: the instances' own timers deliver what is left; the drain only waits (and nudges).
  const sa = `"${a.tenant}_mod_resource_sharing"`;
  const sb = `"${b.tenant}_mod_resource_sharing"`;
  const drainStart = Date.now();
  for (;;) {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM ${sa}.outbox WHERE status IN ('pending','sending'))::int
            + (SELECT count(*) FROM ${sb}.outbox WHERE status IN ('pending','sending'))::int AS n`,
    );
    if (rows[0].n === 0 || Date.now() - drainStart > DRAIN_MS) break;
    for (const lib of [a, b]) await tenantClient(lb.url, lib.tenant).post('/resource-sharing/timers/outbox').catch(() => undefined);
    await sleep(1000);
  }

  // The checks, in SQL.
  const q = async <T extends Record<string, unknown>>(text: string) => (await admin.query<T>(text)).rows;
  const undelivered = await q<{ n: number }>(
    `SELECT ((SELECT count(*) FROM ${sa}.outbox WHERE status <> 'delivered') + (SELECT count(*) FROM ${sb}.outbox WHERE status <> 'delivered'))::int AS n`,
  );
  /** per request pair: messages delivered by one side against messages the other side recorded */
  const exchange = async (from: string, to: string, fromRole: string, link: string) =>
    q<{ sent: number; recorded: number }>(
      `SELECT (SELECT count(*) FROM ${from}.outbox o WHERE o.request_id = r.id AND o.status = 'delivered')::int AS sent,
              (SELECT count(*) FROM ${to}.request_messages m WHERE m.request_id = p.id AND m.direction = 'in')::int AS recorded
         FROM ${from}.requests r JOIN ${to}.requests p ON ${link}
        WHERE r.role = '${fromRole}'`,
    );
  const aToB = await exchange(sa, sb, 'borrowing', `p.role = 'lending' AND p.jsonb->>'peerRequestId' = r.hrid`);
  const bToA = await exchange(sb, sa, 'lending', `p.role = 'borrowing' AND r.jsonb->>'peerRequestId' = p.hrid`);
  let lost = undelivered[0].n;
  let duplicated = 0;
  for (const x of [...aToB, ...bToA]) {
    if (x.recorded < x.sent) lost += x.sent - x.recorded;
    if (x.recorded > x.sent) duplicated += x.recorded - x.sent;
  }
  const versions = await q<{ n: number }>(
    `SELECT ((SELECT count(*) FROM ${sa}.requests r WHERE r.version <> (SELECT count(*) FROM ${sa}.request_audit x WHERE x.request_id = r.id))
          + (SELECT count(*) FROM ${sb}.requests r WHERE r.version <> (SELECT count(*) FROM ${sb}.request_audit x WHERE x.request_id = r.id)))::int AS n`,
  );
  const twice = await q<{ n: number }>(
    `SELECT ((SELECT count(*) FROM (SELECT request_id, to_state FROM ${sa}.request_audit WHERE to_state IS DISTINCT FROM from_state AND from_state IS NOT NULL
                                     GROUP BY 1, 2 HAVING count(*) > 1) t)
           + (SELECT count(*) FROM (SELECT request_id, to_state FROM ${sb}.request_audit WHERE to_state IS DISTINCT FROM from_state AND from_state IS NOT NULL
                                     GROUP BY 1, 2 HAVING count(*) > 1) t))::int AS n`,
  );
  const notTerminal = await q<{ n: number }>(
    `SELECT ((SELECT count(*) FROM ${sa}.requests WHERE role = 'borrowing' AND state <> 'REQ_REQUEST_COMPLETE')
           + (SELECT count(*) FROM ${sb}.requests WHERE role = 'lending' AND state <> 'RES_COMPLETE'))::int AS n`,
  );
  const latency = (
    await q<{ s: number }>(
      `SELECT extract(epoch FROM delivered_date - created_date)::float8 * 1000 AS s FROM ${sa}.outbox WHERE status = 'delivered'
       UNION ALL SELECT extract(epoch FROM delivered_date - created_date)::float8 * 1000 FROM ${sb}.outbox WHERE status = 'delivered'`,
    )
  )
    .map((r) => r.s)
    .sort((x, y) => x - y);
  const lifecycleMs = [...figures.lifecycleMs].sort((x, y) => x - y);

  console.log(`lifecycles ${figures.lifecycles}, completed ${figures.completed}, kills ${kills} (SIGKILL), database restarts ${dbRestarts}, ${driveSeconds.toFixed(0)} s`);
  console.log(`stuck ${notTerminal[0].n} (requests not in a terminal state; ${figures.stuck.length} lifecycles timed out), lost ${lost}, duplicated ${duplicated}`);
  console.log(`versions not matching audit counts ${versions[0].n}, transitions done twice ${twice[0].n}, 5xx or cut-off calls seen by clients ${figures.fiveXX}`);
  console.log(
    `delivery latency (enqueue → confirmed) p50 ${percentile(latency, 50).toFixed(0)} ms, p99 ${percentile(latency, 99).toFixed(0)} ms, max ${latency.at(-1)?.toFixed(0)} ms over ${latency.length} messages; ` +
      `lifecycle p50 ${(percentile(lifecycleMs, 50) / 1000).toFixed(2)} s; peak instance memory ${peakRss.toFixed(0)} MiB`,
  );
  if (figures.stuck.length) console.log(`timed-out lifecycles (borrowing ids): ${figures.stuck.slice(0, 10).join(', ')}`);

  clearInterval(rssTimer);
  await net.close().catch(() => undefined);
  for (const inst of instances) await inst.kill('SIGTERM');
  await lb.close();
  await admin.end();
  await proxy.close();
  const ok = lost === 0 && duplicated === 0 && notTerminal[0].n === 0 && versions[0].n === 0 && twice[0].n === 0;
  console.log(ok ? 'chaos: PASS' : 'chaos: FAIL');
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run();
  process.exit(process.exitCode ?? 0);
}
