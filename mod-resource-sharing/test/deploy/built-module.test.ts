// The module as production runs it: built JavaScript (node mod-resource-sharing/dist/main.js)
// started the way Okapi starts it from the DeploymentDescriptor (exec line split on spaces, %p
// replaced by the port), enabled for a tenant through its HTTP API, checked with the image's own
// HEALTHCHECK command, and stopped with SIGTERM as Okapi and Docker stop it.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolvedDeploymentDescriptor } from '../../../scripts/build-descriptor.ts';
import { REPO_DIR } from '../../../test/support/shared.ts';
import { enableTenant, purgeTenant, tenantClient, uniqueTenant } from '../../../test/support/module-harness.ts';
import { buildModule, healthcheckCommand } from './deploy-support.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** Exit code of the image's HEALTHCHECK command run with plain node against `port`. */
function runHealthcheck(port: number): Promise<number | null> {
  const [cmd, ...args] = healthcheckCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd === 'node' ? process.execPath : cmd, args, {
      env: { ...process.env, PORT: String(port) },
      stdio: 'ignore',
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('the built module (node mod-resource-sharing/dist/main.js)', function () {
  this.timeout(120_000);
  let child: ChildProcess;
  let url: string;
  let port: number;
  let output = '';
  const tenant = uniqueTenant('built');

  before(async () => {
    await buildModule();
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // The exec line as Okapi runs it: %p replaced, split on single spaces, no shell.
    const dd = resolvedDeploymentDescriptor() as { descriptor: { exec: string } };
    const [cmd, ...args] = dd.descriptor.exec.replace('%p', String(port)).split(' ');
    assert.equal(cmd, 'node');
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
    delete env.PORT;
    // PostgreSQL when the suite runs on it (CI's second pass), else an in-memory PGlite.
    if (!env.DB_HOST) env.PGLITE_DATA_DIR = 'memory://';
    child = spawn(process.execPath, args, { cwd: REPO_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`module exited with ${child.exitCode}:\n${output}`);
      const ok = await fetch(`${url}/admin/health`).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`module did not answer /admin/health within 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
  });

  it("answers the image's HEALTHCHECK command, run with plain node", async () => {
    assert.equal(await runHealthcheck(port), 0, output);
  });

  it('enables a tenant through POST /_/tenant, then creates a request and reads it back', async () => {
    const job = await enableTenant(url, tenant);
    assert.equal(job.complete, true);
    const api = tenantClient(url, tenant, { 'x-okapi-permissions': '[]' });
    const created = await api.post('/resource-sharing/requests', { citation: { title: 'Built, not transpiled' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const back = await api.get(`/resource-sharing/requests/${created.body.id}`);
    assert.equal(back.status, 200);
    assert.equal(back.body.citation.title, 'Built, not transpiled');
    const list = await api.get('/resource-sharing/requests?query=title%3D%22Built%2A%22');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.requests.map((r: { id: string }) => r.id), [created.body.id]);
    await purgeTenant(url, tenant);
  });

  it('stops on SIGTERM with exit code 0, and the health check then fails', async () => {
    child.kill('SIGTERM');
    const result = await Promise.race([
      exited(child),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no exit 10 s after SIGTERM:\n${output}`)), 10_000)),
    ]);
    assert.deepEqual(result, { code: 0, signal: null }, output);
    assert.equal(await runHealthcheck(port), 1);
  });
});
