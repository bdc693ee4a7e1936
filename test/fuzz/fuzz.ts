// The boundary fuzzer: starts mod-resource-sharing as a child process (PostgreSQL from DB_*, or
// in-memory PGlite when DB_HOST is unset), sets up two tenants that are each other's partners, and
// sends a bounded number of messages to loopback: mutated ISO 18626 messages (from the reference
// samples in ../shared when present, always from the project's own fixtures) and malformed REST
// calls. Then it checks the database through the API: every request in a state its model has,
// audit chains that join up, every stored request accepted by its own PUT schema. The report has
// messages sent, counts by status, 5xx, the slowest answers, crashes, resident memory before and
// after, and the integrity problems found.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitMessage, ISO18626_VERSIONS, type MessageKind } from '../../mod-resource-sharing/src/iso18626/index.ts';
import { assertStorable } from '../../mod-resource-sharing/src/requests/request-store.ts';
import type { ResourceSharingRequest } from '../../mod-resource-sharing/src/requests/request-types.ts';
import { getModel } from '../../mod-resource-sharing/src/statemodel/index.ts';
import { MAX_INBOUND_BODY_READ } from '../../mod-resource-sharing/src/iso18626/inbound-route.ts';
import { FULL_MESSAGES } from '../../mod-resource-sharing/test/iso18626/fixtures.ts';
import { SHARED_DIR } from '../support/shared.ts';
import { int, malformedRestCall, mutateMessage, pick, prng, type Random } from './mutate.ts';
import { freePort } from '../support/module-process.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MODULE_ID = 'mod-resource-sharing-0.2.0';
/** The agencies of the project's fixtures: F1 is the supplier, F2 the requester. */
const SUPPLIER = { type: 'ISIL', value: 'DK-820010' };
const REQUESTER = { type: 'ISIL', value: 'US-REQ' };
const CREDENTIALS = { accountId: 'acct-1', sharedSecret: 's3cret' };

export interface FuzzOptions {
  messages: number;
  seed: number;
  concurrency: number;
  /** stop sending after this long even if fewer messages went out */
  timeLimitMs: number;
  /** share of REST calls among the messages (0..1) */
  restShare: number;
  log?: (line: string) => void;
}

export interface FuzzReport {
  seed: number;
  sent: number;
  byStatus: Record<string, number>;
  serverErrors: { status: number; label: string; detail: string }[];
  slowest: { ms: number; label: string }[];
  crashes: number;
  transportErrors: number;
  /** bodies over what the endpoint reads at all (MAX_INBOUND_BODY_READ): it closes the connection, as intended */
  cutOff: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  samples: { shared: number; fixtures: number };
  requestsChecked: number;
  integrity: string[];
  seconds: number;
}


function rssMiB(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
  } catch {
    return NaN;
  }
}

class ModuleProcess {
  child!: ChildProcess;
  crashes = 0;
  private stopping = false;
  constructor(readonly port: number) {}
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'fatal' };
    if (!env.DB_HOST) env.PGLITE_DATA_DIR = 'memory://';
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'mod-resource-sharing/src/main.ts')], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    this.child.on('exit', (code, signal) => {
      if (!this.stopping) {
        this.crashes++;
        process.stderr.write(`fuzz: the module exited (code ${code}, signal ${signal})\n`);
      }
    });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/admin/health`)).ok) return;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error('the module did not start');
  }
  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
  async stop(): Promise<void> {
    this.stopping = true;
    if (!this.alive()) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (this.alive()) this.child.kill('SIGKILL');
  }
}

async function call(url: string, method: string, pathAndQuery: string, tenant: string | undefined, body?: unknown, contentType = 'application/json') {
  const res = await fetch(`${url}${pathAndQuery}`, {
    method,
    headers: { ...(tenant ? { 'x-okapi-tenant': tenant } : {}), ...(body !== undefined ? { 'content-type': contentType } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : undefined };
}

async function must(p: Promise<{ status: number; text: string }>, what: string, ok: number[] = [200, 201, 204]) {
  const res = await p;
  if (!ok.includes(res.status)) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
  return res;
}

/** Two tenants, each the other's partner, with the fixtures' agencies and credentials. */
async function setUp(mod: ModuleProcess, seed: number): Promise<{ f1: string; f2: string; hrids: string[] }> {
  const suffix = `${seed.toString(36)}${Date.now().toString(36)}`.replace(/[^a-z0-9]/g, '').slice(-10);
  const f1 = `fuzz1_${suffix}`;
  const f2 = `fuzz2_${suffix}`;
  for (const tenant of [f1, f2]) {
    const job = await must(call(mod.url, 'POST', '/_/tenant', tenant, { module_to: MODULE_ID, parameters: [{ key: 'loadReference', value: 'true' }] }), 'enable', [201, 204]);
    const location = /"id"\s*:\s*"([^"]+)"/.exec(job.text)?.[1];
    if (location) await call(mod.url, 'GET', `/_/tenant/${location}?wait=120000`, tenant);
  }
  const endpoint = (t: string) => `${mod.url}/_/invoke/tenant/${t}/resource-sharing/iso18626`;
  const sides = [
    { tenant: f1, own: SUPPLIER, other: REQUESTER, otherTenant: f2 },
    { tenant: f2, own: REQUESTER, other: SUPPLIER, otherTenant: f1 },
  ];
  for (const s of sides) {
    await must(call(mod.url, 'PUT', '/resource-sharing/settings', s.tenant, { ownSymbols: [`${s.own.type}:${s.own.value}`] }), 'settings');
    await must(call(mod.url, 'POST', '/resource-sharing/directory/entries', s.tenant, { name: 'Us', symbols: [{ authority: s.own.type, symbol: s.own.value }], self: true }), 'self');
    await must(
      call(mod.url, 'POST', '/resource-sharing/directory/entries', s.tenant, {
        name: 'Partner',
        symbols: [{ authority: s.other.type, symbol: s.other.value }],
        partner: true,
        iso18626Endpoint: endpoint(s.otherTenant),
        ...CREDENTIALS,
        // messages without credentials get through (to reach the workflow); wrong ones are refused
        authentication: 'notRequired',
      }),
      'partner',
    );
  }
  // borrowing requests at F2 (sent to F1 for real), whose ids the supplier's messages can name
  const hrids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const res = await must(call(mod.url, 'POST', '/resource-sharing/requests', f2, { citation: { title: `Fuzz seed ${i}` }, supplierSymbol: `${SUPPLIER.type}:${SUPPLIER.value}` }), 'borrow');
    hrids.push(JSON.parse(res.text).hrid);
  }
  return { f1, f2, hrids };
}

function listXml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listXml(p));
    else if (name.endsWith('.xml')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

/** The reference samples (when ../shared, or SHARED_DIR, is there) and the project's own fixtures in both versions. */
export function loadSamples(): { xml: string[]; shared: number; fixtures: number } {
  const shared = listXml(path.join(SHARED_DIR, 'standards/iso18626/samples'));
  const fixtures = ISO18626_VERSIONS.flatMap((v) => (Object.keys(FULL_MESSAGES) as MessageKind[]).map((k) => emitMessage(FULL_MESSAGES[k](v), v)));
  return { xml: [...shared, ...fixtures], shared: shared.length, fixtures: fixtures.length };
}

function agencyXml(prefix: string, a: { type: string; value: string }): string {
  return `<${prefix}agencyIdType>${a.type}</${prefix}agencyIdType><${prefix}agencyIdValue>${a.value}</${prefix}agencyIdValue>`;
}

/** A sample addressed between the fuzz tenants, naming a request they may know. */
function readdress(r: Random, xml: string, ids: { lending: string[]; borrowing: string[] }): { xml: string; to: 'f1' | 'f2' } {
  let out = xml
    .replace(/(<((?:[\w.-]+:)?)supplyingAgencyId>)[\s\S]*?(<\/\2supplyingAgencyId>)/g, (_m, open: string, p: string, close: string) => `${open}${agencyXml(p, SUPPLIER)}${close}`)
    .replace(/(<((?:[\w.-]+:)?)requestingAgencyId>)[\s\S]*?(<\/\2requestingAgencyId>)/g, (_m, open: string, p: string, close: string) => `${open}${agencyXml(p, REQUESTER)}${close}`);
  const fromSupplier = /<(?:[\w.-]+:)?supplyingAgencyMessage[\s>]/.test(out);
  const id = fromSupplier ? pick(r, ids.borrowing) : pick(r, ids.lending);
  out = out.replace(/(<((?:[\w.-]+:)?)requestingAgencyRequestId>)[^<]*(<\/\2requestingAgencyRequestId>)/, `$1${id}$3`);
  if (!out.includes('s3cret') && r() < 0.7) out = out.replace(/<((?:[\w.-]+:)?)requestingAgencyAuthentication>[\s\S]*?<\/\1requestingAgencyAuthentication>/, '');
  out = out.replace(/<((?:[\w.-]+:)?)timestamp>[^<]*<\/\1timestamp>/, `<$1timestamp>${new Date(Date.now() - int(r, 1e9)).toISOString()}</$1timestamp>`);
  return { xml: out, to: fromSupplier ? 'f2' : 'f1' };
}

/** Every stored request of `tenant`, checked as staff would meet it. */
async function integrity(url: string, tenant: string): Promise<{ checked: number; problems: string[] }> {
  const problems: string[] = [];
  let checked = 0;
  for (let offset = 0; ; offset += 500) {
    const page = await call(url, 'GET', `/resource-sharing/requests?limit=500&offset=${offset}&query=${encodeURIComponent('cql.allRecords=1 sortby createdDate')}`, tenant);
    if (page.status !== 200) {
      problems.push(`${tenant}: listing requests answered ${page.status}`);
      break;
    }
    const requests = page.json.requests as ResourceSharingRequest[];
    for (const req of requests) {
      checked++;
      const where = `${tenant} ${req.hrid}`;
      let states: string[] = [];
      try {
        states = getModel(req.stateModel).states.map((s) => s.code);
      } catch {
        problems.push(`${where}: unknown state model ${req.stateModel}`);
      }
      if (states.length && !states.includes(req.state)) problems.push(`${where}: state ${req.state} is not in ${req.stateModel}`);
      try {
        assertStorable(req);
      } catch (err) {
        problems.push(`${where}: its own PUT schema refuses it: ${(err as Error).message.slice(0, 200)}`);
      }
      const audit = await call(url, 'GET', `/resource-sharing/requests/${req.id}/audit`, tenant);
      if (audit.status !== 200) {
        problems.push(`${where}: audit answered ${audit.status}`);
        continue;
      }
      let last: string | undefined;
      for (const entry of audit.json.auditRecords as { fromState?: string; toState?: string; action: string }[]) {
        if (!entry.toState) continue;
        if (last !== undefined && entry.fromState && entry.fromState !== last) {
          problems.push(`${where}: audit ${entry.action} goes from ${entry.fromState}, but the request was in ${last}`);
        }
        last = entry.toState;
      }
      if (last === undefined) problems.push(`${where}: no audit entry records its state`);
      else if (last !== req.state) problems.push(`${where}: audit ends in ${last}, the request is in ${req.state}`);
    }
    if (requests.length < 500) break;
  }
  return { checked, problems };
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const r = prng(options.seed);
  const mod = new ModuleProcess(await freePort());
  await mod.start();
  const report: FuzzReport = {
    seed: options.seed,
    sent: 0,
    byStatus: {},
    serverErrors: [],
    slowest: [],
    crashes: 0,
    transportErrors: 0,
    cutOff: 0,
    rssBeforeMiB: NaN,
    rssAfterMiB: NaN,
    samples: { shared: 0, fixtures: 0 },
    requestsChecked: 0,
    integrity: [],
    seconds: 0,
  };
  try {
    const { f1, f2, hrids } = await setUp(mod, options.seed);
    const samples = loadSamples();
    report.samples = { shared: samples.shared, fixtures: samples.fixtures };
    log(`module on ${process.env.DB_HOST ? `PostgreSQL ${process.env.DB_HOST}/${process.env.DB_DATABASE}` : 'PGlite (memory)'}, tenants ${f1} ${f2}; ` +
      `${samples.shared} reference samples${samples.shared ? '' : ' (../shared absent)'} + ${samples.fixtures} fixtures`);
    const ids = { lending: [...Array.from({ length: 40 }, (_, i) => `FUZZ-${i}`), 'REQ-0001'], borrowing: hrids };
    report.rssBeforeMiB = rssMiB(mod.child.pid);
    const deadline = Date.now() + options.timeLimitMs;
    const slow: { ms: number; label: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < options.messages && Date.now() < deadline) {
        const n = next++;
        const rest = r() < options.restShare;
        let label: string;
        let init: RequestInit;
        let bytes = 0;
        let target: string;
        if (rest) {
          const c = malformedRestCall(r, pick(r, [f1, f2]));
          label = `REST ${c.label}: ${c.method} ${c.path.slice(0, 80)}`;
          target = `${mod.url}${c.path}`;
          init = { method: c.method, headers: c.headers, body: c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : Uint8Array.from(c.body) };
        } else {
          const sample = readdress(r, pick(r, samples.xml), ids);
          const valid = r() < 0.15;
          const m = valid ? { body: sample.xml, contentType: 'application/xml', mutations: ['valid'] } : mutateMessage(r, sample.xml);
          label = `ISO ${m.mutations.join('+') || '(unchanged)'}`;
          bytes = typeof m.body === 'string' ? Buffer.byteLength(m.body) : m.body.length;
          const tenant = sample.to === 'f1' ? f1 : f2;
          target = `${mod.url}/_/invoke/tenant/${tenant}/resource-sharing/iso18626`;
          init = {
            method: 'POST',
            headers: m.contentType === undefined ? {} : { 'content-type': m.contentType },
            body: typeof m.body === 'string' ? m.body : Uint8Array.from(m.body),
          };
        }
        const t = performance.now();
        try {
          const res = await fetch(target, { ...init, signal: AbortSignal.timeout(60_000) });
          const text = await res.text();
          const ms = performance.now() - t;
          report.byStatus[res.status] = (report.byStatus[res.status] ?? 0) + 1;
          if (res.status >= 500) report.serverErrors.push({ status: res.status, label, detail: text.slice(0, 300) });
          slow.push({ ms, label });
          if (slow.length > 50) {
            slow.sort((a, b) => b.ms - a.ms);
            slow.length = 10;
          }
        } catch (err) {
          if (bytes > MAX_INBOUND_BODY_READ && mod.alive()) {
            report.cutOff++;
            report.sent++;
            continue;
          }
          report.transportErrors++;
          report.serverErrors.push({ status: 0, label, detail: String((err as Error).cause ?? err).slice(0, 200) });
          if (!mod.alive()) {
            log('the module died; restarting it');
            await mod.start();
          }
        }
        report.sent++;
        if ((n + 1) % 2000 === 0) log(`${n + 1} sent, RSS ${rssMiB(mod.child.pid)} MiB`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    slow.sort((a, b) => b.ms - a.ms);
    report.slowest = slow.slice(0, 5).map((s) => ({ ms: Math.round(s.ms), label: s.label.slice(0, 140) }));
    // let the outbox and automatic steps settle before looking at the data
    await new Promise((res) => setTimeout(res, 1500));
    report.rssAfterMiB = rssMiB(mod.child.pid);
    for (const tenant of [f1, f2]) {
      const { checked, problems } = await integrity(mod.url, tenant);
      report.requestsChecked += checked;
      report.integrity.push(...problems);
    }
    for (const tenant of [f1, f2]) await call(mod.url, 'POST', '/_/tenant', tenant, { module_from: MODULE_ID, purge: true }).catch(() => undefined);
  } finally {
    report.crashes = mod.crashes;
    await mod.stop();
    report.seconds = Math.round((performance.now() - started) / 100) / 10;
  }
  return report;
}

export function printReport(report: FuzzReport, print: (line: string) => void = console.log): void {
  print(`messages sent: ${report.sent} in ${report.seconds} s (seed ${report.seed})`);
  print(`by status: ${Object.entries(report.byStatus).sort().map(([s, n]) => `${s}×${n}`).join('  ')}`);
  print(`5xx: ${report.serverErrors.filter((e) => e.status >= 500).length}   transport errors: ${report.transportErrors}   crashes: ${report.crashes}   ` +
    `bodies over ${MAX_INBOUND_BODY_READ} bytes cut off (intended): ${report.cutOff}`);
  for (const e of report.serverErrors.slice(0, 10)) print(`  ${e.status} ${e.label} -> ${e.detail}`);
  print('slowest answers:');
  for (const s of report.slowest) print(`  ${s.ms} ms  ${s.label}`);
  print(`resident memory: ${report.rssBeforeMiB} MiB before, ${report.rssAfterMiB} MiB after`);
  print(`integrity: ${report.requestsChecked} requests checked, ${report.integrity.length} problems`);
  for (const p of report.integrity.slice(0, 20)) print(`  ${p}`);
}
