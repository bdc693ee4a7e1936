// `npm start` on a copy of the committed checkout (git archive HEAD, node_modules linked, nothing
// beside it): the first start (no PGlite data, no UI bundle) and a second one. Prints, from outside,
// when /admin/health first answers, when the demo says the API is ready, when the staff app is
// served and how long SIGTERM takes to stop it; and the demo's own "Start-up:" line (its steps).
// Target: the first answer under 15 s on the 2-core machine.
import { execSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/module-process.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_FIRST_ANSWER_S = 15;


async function answers(url: string, want?: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok && (!want || (await res.text()).includes(want));
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const s = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);

async function oneStart(repo: string, port: number): Promise<Record<string, number | string | undefined>> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DATA_DIR: path.join(repo, '.data', 'pglite') };
  for (const name of ['SHARED_DIR', 'DB_HOST', 'LOG_LEVEL']) delete env[name];
  const t0 = performance.now();
  const child = spawn('npm', ['start'], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const figures: Record<string, number | string | undefined> = {};
  const deadline = t0 + 300_000;
  while (performance.now() < deadline && child.exitCode === null) {
    const now = performance.now() - t0;
    if (figures.health === undefined && (await answers(`http://127.0.0.1:${port}/admin/health`))) figures.health = now;
    if (figures.ready === undefined && out.includes('Stop with Ctrl-C')) figures.ready = now;
    if (figures.ready !== undefined && (await answers(`http://127.0.0.1:${port}/`, 'resourceSharingConfig'))) {
      figures.app = performance.now() - t0;
      break;
    }
    await sleep(100);
  }
  figures.steps = /Start-up: (.*)/.exec(out)?.[1];
  const stopAt = performance.now();
  child.kill('SIGTERM');
  await exited;
  figures.stop = performance.now() - stopAt;
  if (figures.app === undefined) throw new Error(`the demo did not come up:\n${out}`);
  return figures;
}

export async function run(): Promise<void> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'rs-demo-startup-'));
  const repo = path.join(scratch, 'repo');
  try {
    mkdirSync(repo);
    execSync(`git archive HEAD | tar -x -C ${JSON.stringify(repo)}`, { cwd: ROOT });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
    const port = await freePort();
    console.log(`copy of ${execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim()} in ${repo}, port ${port}; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    for (const label of ['first start (no data, no UI bundle)', 'second start']) {
      const f = await oneStart(repo, port);
      console.log(`${label}: health answers ${s(f.health as number)}, API ready ${s(f.ready as number)}, staff app served ${s(f.app as number)}, stopped ${s(f.stop as number)} after SIGTERM`);
      console.log(`  steps: ${f.steps}`);
      if (label.startsWith('first')) {
        const met = (f.health as number) / 1000 < TARGET_FIRST_ANSWER_S;
        console.log(`  first answer under ${TARGET_FIRST_ANSWER_S} s: ${met ? 'met' : 'not met'}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
