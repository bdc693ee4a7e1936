// The timers' single-runner guard on PostgreSQL (issue 13, "timers"): session-level advisory locks
// on one dedicated connection per Database, so a guard never holds a pooled connection. Two
// Database objects stand for two module instances on one server.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { readConfig } from '../../src/config.ts';
import { postgresDatabase, type Database, type PostgresConfig } from '../../src/db/database.ts';
import { DatabaseUnavailableError } from '../../src/db/unavailable.ts';
import { runExclusive } from '../../src/workflow/timer-lock.ts';
import { eventually } from '../../../test/support/library-network.ts';
import { pgProxy } from '../../../test/support/pg-proxy.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the timers single-runner guard on PostgreSQL', function () {
  this.timeout(60_000);
  const cfg = readConfig().db;
  const opened: Database[] = [];
  let admin: pg.Client | undefined;

  const instance = (overrides: Partial<PostgresConfig> = {}): Database => {
    if (cfg.kind !== 'postgres') throw new Error('PostgreSQL only');
    const db = postgresDatabase({ ...cfg, applicationName: `mod-rs-locks-${randomUUID().slice(0, 8)}`, ...overrides });
    opened.push(db);
    return db;
  };

  /** the backends of `applicationName` that hold an advisory lock */
  const lockHolders = async (applicationName: string): Promise<number[]> => {
    const { rows } = await admin!.query<{ pid: number }>(
      `SELECT DISTINCT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = $1`,
      [applicationName],
    );
    return rows.map((r) => r.pid);
  };

  before(async function () {
    if (cfg.kind !== 'postgres') {
      console.log('    skipped: DB_HOST is not set (needs a PostgreSQL server)');
      return this.skip();
    }
    admin = new pg.Client({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database });
    await admin.connect();
  });

  after(async () => {
    for (const db of opened) await db.close();
    await admin?.end();
  });

  it('runs a job once when two instances are asked for it at the same moment, and again once it is over', async () => {
    const a = instance();
    const b = instance();
    const tenant = `locks_${randomUUID().slice(0, 8)}`;
    let runs = 0;
    const job = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 300));
      return 'done';
    };
    const outcomes = await Promise.all([runExclusive(a, tenant, 'sweep', job), runExclusive(b, tenant, 'sweep', job), runExclusive(a, tenant, 'sweep', job)]);
    assert.equal(runs, 1, 'the job ran once');
    assert.equal(outcomes.filter((o) => o.ran).length, 1);
    assert.deepEqual(outcomes.find((o) => o.ran), { ran: true, result: 'done' });
    // given back: the other instance may run it now, and another tenant's job was never in the way
    assert.deepEqual(await runExclusive(b, tenant, 'sweep', async () => 'again'), { ran: true, result: 'again' });
    assert.deepEqual(await runExclusive(a, `${tenant}x`, 'sweep', async () => 'other'), { ran: true, result: 'other' });
  });

  it('holds no pooled connection: jobs on a one-connection pool still get their connection', async () => {
    // With the lock in a transaction, each guard kept the only connection and its job waited for it
    // until the pool's timeout (a 503).
    const db = instance({ maxPoolSize: 1, connectionTimeoutMs: 3_000 });
    const tenant = `locks_${randomUUID().slice(0, 8)}`;
    const jobs = ['overdue', 'workflow', 'host', 'stale-requests', 'needed-before'].map((job) =>
      runExclusive(db, tenant, job, async () => {
        const { rows } = await db.query<{ n: number }>('SELECT 1 AS n');
        await db.transaction((tx) => tx.query('SELECT pg_sleep(0.05)'));
        return rows[0].n;
      }),
    );
    const outcomes = await Promise.all(jobs);
    assert.deepEqual(outcomes, jobs.map(() => ({ ran: true, result: 1 })));
    assert.equal(db.poolStats!().total, 1, 'the pool never needed a second connection');
  });

  it('a broken lock connection stops nothing: the job finishes, the lock is taken again, then given back', async () => {
    const applicationName = `mod-rs-locks-${randomUUID().slice(0, 8)}`;
    const a = instance({ applicationName });
    const b = instance();
    const tenant = `locks_${randomUUID().slice(0, 8)}`;
    const gate = deferred();
    let started = false;
    const running = runExclusive(a, tenant, 'overdue', async () => {
      started = true;
      await gate.promise;
      // the job still has the database after its lock connection broke
      return (await a.query<{ ok: boolean }>('SELECT true AS ok')).rows[0].ok;
    });
    await eventually(async () => (started ? true : undefined), 'the job starts');
    const [first] = await lockHolders(applicationName);
    assert.ok(first, 'the lock is held by a connection of its own');

    await admin!.query('SELECT pg_terminate_backend($1)', [first]);
    // taken again on a new connection while the job runs, so the other instance still finds it taken
    const [second] = await eventually(async () => {
      const pids = await lockHolders(applicationName);
      return pids.length && !pids.includes(first) ? pids : undefined;
    }, 'the lock is taken again on a new connection', 10_000);
    assert.notEqual(second, first);
    assert.deepEqual(await runExclusive(b, tenant, 'overdue', async () => 'twice'), { ran: false });
    assert.deepEqual(await runExclusive(a, tenant, 'overdue', async () => 'twice'), { ran: false }, 'nor runs it twice here');

    gate.resolve();
    assert.deepEqual(await running, { ran: true, result: true });
    assert.deepEqual(await lockHolders(applicationName), [], 'given back when the job ended');
    assert.deepEqual(await runExclusive(b, tenant, 'overdue', async () => 'next'), { ran: true, result: 'next' });
  });

  it('answers 503 (database.unavailable) while the server is away, and takes locks again once it is back', async () => {
    const proxy = await pgProxy({ host: (cfg as PostgresConfig).host, port: (cfg as PostgresConfig).port });
    try {
      const db = instance({ host: '127.0.0.1', port: proxy.port, connectionTimeoutMs: 1_000 });
      const tenant = `locks_${randomUUID().slice(0, 8)}`;
      assert.deepEqual(await runExclusive(db, tenant, 'host', async () => 1), { ran: true, result: 1 });
      await proxy.down();
      await assert.rejects(
        runExclusive(db, tenant, 'host', async () => 2),
        (err: unknown) => err instanceof DatabaseUnavailableError && err.errors[0].code === 'database.unavailable',
      );
      await proxy.up();
      assert.deepEqual(await runExclusive(db, tenant, 'host', async () => 3), { ran: true, result: 3 });
    } finally {
      await proxy.close();
    }
  });
});
