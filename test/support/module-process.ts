// mod-resource-sharing as a process of its own (as Okapi, Docker or an operator starts it), for
// the tests and benchmarks that need its own exit code, start-up time or resident memory.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR } from './shared.ts';

/** Builds mod-resource-sharing/dist with the tsc project of `npm run build` (a no-op when up to date). */
export async function buildModule(): Promise<void> {
  const tsc = path.join(REPO_DIR, 'node_modules', 'typescript', 'bin', 'tsc');
  await promisify(execFile)(process.execPath, [tsc, '-b', path.join(REPO_DIR, 'mod-resource-sharing', 'tsconfig.build.json')], {
    cwd: REPO_DIR,
  });
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export interface ModuleProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** from spawn to the first 200 of GET /admin/health */
  startupMs: number;
  /** CPU time (user + system) the process tree had used by then: less bent by a busy machine */
  startupCpuMs: number;
  /** what the process wrote to stdout and stderr so far */
  output(): string;
  /** SIGTERM, then the exit code and signal (SIGKILL to the process group after `graceMs`) */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL to its whole process group (clean-up: whatever it started and left behind) */
  kill(): void;
}

/**
 * Starts `argv` (argv[0] 'node' is this Node) in the checkout with `env`, and waits until
 * GET /admin/health on `port` answers 200.
 */
export async function startModuleProcess(
  argv: string[],
  opts: { port: number; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ModuleProcess> {
  const [cmd, ...args] = argv;
  const url = `http://127.0.0.1:${opts.port}`;
  const t0 = performance.now();
  // A process group of its own, so that what it leaves behind can be killed with it.
  const child = spawn(cmd === 'node' ? process.execPath : cmd, args, {
    cwd: REPO_DIR,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // 'close' comes after the last output, unless something the process started keeps its pipes open.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${argv.join(' ')} exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/admin/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      killGroup();
      throw new Error(`${argv.join(' ')} did not answer /admin/health in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const startupMs = performance.now() - t0;
  const startupCpuMs = cpuMs(child.pid!);
  return {
    child,
    url,
    port: opts.port,
    startupMs,
    startupCpuMs,
    output: () => output,
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(killGroup, graceMs);
      const result = await exited;
      clearTimeout(timer);
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
      return result;
    },
    kill: killGroup,
  };
}

/** The process and its descendants (`tsx` runs the module in a child node process). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

/** The command lines of a process tree (arguments joined by spaces). */
export function commandLines(pid: number): string[] {
  return processTree(pid).map((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    } catch {
      return '';
    }
  });
}

let ticksPerSecond: number | undefined;

/** CPU time (user + system) used so far by a process tree, in ms. */
export function cpuMs(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // ended meanwhile
    }
  }
  return (ticks * 1000) / ticksPerSecond;
}

/** Resident memory now (VmRSS) and at its peak (VmHWM) of a process tree, in MiB. */
export function residentMemoryMiB(pid: number): { rss: number; peak: number } {
  let rss = 0;
  let peak = 0;
  for (const p of processTree(pid)) {
    const status = readFileSync(`/proc/${p}/status`, 'utf8');
    rss += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    peak += Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  }
  return { rss, peak };
}
