// The module as production runs it: built JavaScript (node mod-resource-sharing/dist/main.js)
// started the way Okapi starts it from the DeploymentDescriptor (exec line split on spaces, %p
// replaced by the port), enabled for a tenant through its HTTP API, checked with the image's own
// HEALTHCHECK command, and stopped with SIGTERM as Okapi and Docker stop it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { resolvedDeploymentDescriptor } from '../../../scripts/build-descriptor.ts';
import { enableTenant, purgeTenant, tenantClient, uniqueTenant } from '../../../test/support/module-harness.ts';
import { buildModule, commandLines, freePort, startModuleProcess, type ModuleProcess } from '../../../test/support/module-process.ts';
import { REPO_DIR } from '../../../test/support/shared.ts';
import { healthcheckCommand } from './deploy-support.ts';

/** Files under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
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

describe('the built module (node mod-resource-sharing/dist/main.js)', function () {
  this.timeout(120_000);
  let mod: ModuleProcess;
  const tenant = uniqueTenant('built');

  before(async () => {
    await buildModule();
    const port = await freePort();
    // The exec line as Okapi runs it: %p replaced, split on single spaces, no shell.
    const dd = resolvedDeploymentDescriptor() as { descriptor: { exec: string } };
    const argv = dd.descriptor.exec.replace('%p', String(port)).split(' ');
    assert.equal(argv[0], 'node');
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
    delete env.PORT;
    // PostgreSQL when the suite runs on it (CI's second pass), else an in-memory PGlite.
    if (!env.DB_HOST) env.PGLITE_DATA_DIR = 'memory://';
    mod = await startModuleProcess(argv, { port, env });
  });

  after(() => mod?.kill());

  it('dist/ is the whole module: a .js for every source file, and no source file tsc would leave behind', () => {
    const moduleDir = path.join(REPO_DIR, 'mod-resource-sharing');
    const sources = filesUnder(path.join(moduleDir, 'src'));
    assert.deepEqual(sources.filter((f) => !f.endsWith('.ts') || f.endsWith('.d.ts')), [], 'assets a build must copy to dist/');
    const built = new Set(filesUnder(path.join(moduleDir, 'dist')));
    assert.deepEqual(sources.map((f) => f.replace(/\.ts$/, '.js')).filter((f) => !built.has(f)), []);
  });

  it("answers the image's HEALTHCHECK command, run with plain node", async () => {
    assert.equal(await runHealthcheck(mod.port), 0, mod.output());
  });

  it('enables a tenant through POST /_/tenant, then creates a request and reads it back', async () => {
    const job = await enableTenant(mod.url, tenant);
    assert.equal(job.complete, true);
    const api = tenantClient(mod.url, tenant, { 'x-okapi-permissions': '[]' });
    const created = await api.post('/resource-sharing/requests', { citation: { title: 'Built, not transpiled' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const back = await api.get(`/resource-sharing/requests/${created.body.id}`);
    assert.equal(back.status, 200);
    assert.equal(back.body.citation.title, 'Built, not transpiled');
    const list = await api.get('/resource-sharing/requests?query=title%3D%22Built%2A%22');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.requests.map((r: { id: string }) => r.id), [created.body.id]);
    await purgeTenant(mod.url, tenant);
  });

  it('stops on SIGTERM with exit code 0, and the health check then fails', async () => {
    const result = await mod.stop();
    assert.deepEqual(result, { code: 0, signal: null }, mod.output());
    assert.equal(await runHealthcheck(mod.port), 1);
  });
});

describe('npm run start:module', function () {
  this.timeout(120_000);

  it('runs the built module, and a SIGTERM to npm stops the module (no orphan keeps the port)', async () => {
    await buildModule(); // what its prestart script does; skipped below (--ignore-scripts) to save a second
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    if (!env.DB_HOST) env.PGLITE_DATA_DIR = 'memory://';
    const mod = await startModuleProcess(['npm', 'run', '--silent', '--ignore-scripts', 'start:module'], { port, env });
    try {
      const tree = commandLines(mod.child.pid!);
      assert.ok(tree.some((c) => /node dist\/main\.js$/.test(c)), `the built module runs: ${tree.join(' | ')}`);
      assert.ok(!tree.some((c) => /tsx/.test(c)), `no tsx in production: ${tree.join(' | ')}`);
      const result = await mod.stop();
      assert.equal(result.code, 0, mod.output());
      assert.match(mod.output(), /SIGTERM: shutting down/);
      const after = await fetch(`${mod.url}/admin/health`).then((r) => r.status, () => 'closed');
      assert.equal(after, 'closed');
    } finally {
      mod.kill();
    }
  });
});
