// The database going away under load (issue 13 item 1): the module's PostgreSQL connections are
// terminated with pg_terminate_backend, and then the server "restarts" (a TCP proxy in front of it
// drops every connection and refuses new ones for a while). The module process must live, the
// calls caught in flight must get 503 with a FOLIO errors[] body (never a 500 or a hang), and every
// call afterwards must succeed.
import assert from 'node:assert/strict';
import pg from 'pg';
import { enableTenant, purgeTenant, tenantClient, uniqueTenant } from '../../../test/support/module-harness.ts';
import { postgresEnv, startModuleProcess, type ModuleProcess } from '../../../test/support/module-child.ts';
import { pgProxy, type PgProxy } from '../../../test/support/pg-proxy.ts';

interface Outcome {
  status: number;
  body: unknown;
}

/** `workers` loops of create-then-read until stop() is called; answers every outcome. */
function load(url: string, tenant: string, workers: number) {
  const api = tenantClient(url, tenant);
  const outcomes: Outcome[] = [];
  let running = true;
  let n = 0;
  const call = async (f: () => Promise<{ status: number; body: unknown }>) => {
    try {
      const res = await f();
      outcomes.push({ status: res.status, body: res.body });
      return res;
    } catch (err) {
      // a hang (the timeout below) or a dropped connection is a failure of the test
      outcomes.push({ status: 0, body: String(err) });
      return undefined;
    }
  };
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      n += 1;
      const created = await call(() =>
        withTimeout(api.post('/resource-sharing/requests', { citation: { title: `Outage ${n}` }, patron: { id: `p${n}` } })),
      );
      const id = (created?.body as { id?: string } | undefined)?.id;
      if (created?.status === 201 && id) await call(() => withTimeout(api.get(`/resource-sharing/requests/${id}`)));
    }
  });
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function withTimeout<T>(p: Promise<T>, ms = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function check(outcomes: Outcome[], what: string): number {
  const unexpected = outcomes.filter((o) => ![200, 201, 503].includes(o.status));
  assert.deepEqual(unexpected.slice(0, 5), [], `${what}: answers other than 200/201/503`);
  const unavailable = outcomes.filter((o) => o.status === 503);
  for (const o of unavailable) {
    const errors = (o.body as { errors?: { code?: string; message?: string }[] }).errors;
    assert.equal(errors?.[0]?.code, 'database.unavailable', `${what}: 503 body ${JSON.stringify(o.body)}`);
  }
  return unavailable.length;
}

async function allSucceed(url: string, tenant: string, count: number): Promise<void> {
  const api = tenantClient(url, tenant);
  for (let i = 0; i < count; i++) {
    const created = await withTimeout(api.post('/resource-sharing/requests', { citation: { title: `After ${i}` } }));
    assert.equal(created.status, 201, `create after the outage: ${JSON.stringify(created.body)}`);
    const read = await withTimeout(api.get(`/resource-sharing/requests/${created.body.id}`));
    assert.equal(read.status, 200);
  }
}

describe('the database going away (PostgreSQL)', function () {
  this.timeout(120_000);
  const env = postgresEnv();
  let proxy: PgProxy | undefined;
  let mod: ModuleProcess | undefined;
  let admin: pg.Client | undefined;
  const appName = `mod-rs-outage-${process.pid}`;

  before(async function () {
    if (!env) {
      console.log('    skipped: DB_HOST is not set (needs a PostgreSQL server)');
      return this.skip();
    }
    proxy = await pgProxy({ host: env.DB_HOST, port: Number(env.DB_PORT ?? 5432) });
    mod = await startModuleProcess({ ...env, DB_HOST: '127.0.0.1', DB_PORT: String(proxy.port), PGAPPNAME: appName, DB_MAXPOOLSIZE: '6' });
    admin = new pg.Client({
      host: env.DB_HOST,
      port: Number(env.DB_PORT ?? 5432),
      user: env.DB_USERNAME,
      password: env.DB_PASSWORD,
      database: env.DB_DATABASE,
    });
    await admin.connect();
  });

  /** the tenants the tests enabled: purged at the end, so that a database used again does not pile them up */
  const enabled: string[] = [];

  after(async () => {
    for (const tenant of enabled) if (mod?.alive()) await purgeTenant(mod.url, tenant).catch(() => undefined);
    await mod?.stop();
    await admin?.end();
    await proxy?.close();
  });

  it('rides through pg_terminate_backend of every module connection under load', async () => {
    const tenant = uniqueTenant('outage');
    enabled.push(tenant);
    await enableTenant(mod!.url, tenant);
    const traffic = load(mod!.url, tenant, 8);
    let terminated = 0;
    // Terminate until some call was caught in flight (it usually is the first time).
    for (let round = 0; round < 20 && (round < 3 || !traffic.outcomes.some((o) => o.status === 503)); round++) {
      await sleep(300);
      const { rows } = await admin!.query(
        'SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1) t',
        [appName],
      );
      terminated += rows[0].n;
    }
    await sleep(500);
    await traffic.stop();
    assert.ok(mod!.alive(), 'the module process died');
    assert.ok(terminated > 0, 'no module connection was terminated');
    const unavailable = check(traffic.outcomes, 'terminate');
    assert.ok(unavailable > 0, 'no call was caught in flight');
    assert.ok(traffic.outcomes.some((o) => o.status === 201), 'no call succeeded under load');
    await allSucceed(mod!.url, tenant, 10);
    assert.ok(mod!.alive());
  });

  it('rides through the server going away and coming back', async () => {
    const tenant = uniqueTenant('restart');
    enabled.push(tenant);
    await enableTenant(mod!.url, tenant);
    const traffic = load(mod!.url, tenant, 8);
    await sleep(800);
    await proxy!.down();
    await sleep(1_500); // down: connections reset, new ones refused
    await proxy!.up();
    await sleep(800);
    await traffic.stop();
    assert.ok(mod!.alive(), 'the module process died');
    const unavailable = check(traffic.outcomes, 'restart');
    assert.ok(unavailable > 0, 'no call noticed the outage');
    await allSucceed(mod!.url, tenant, 10);
    assert.ok(mod!.alive());
  });
});
