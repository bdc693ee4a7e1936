// The Database contract every write relies on, on both databases: a transaction is all or nothing,
// sees its own writes and nobody else's until it commits, and a failed statement (also a failed
// first one, which carries the BEGIN on PostgreSQL, and a failed prepared one) leaves the
// connection fit for the next caller.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readConfig } from '../../src/config.ts';
import { postgresDatabase, type Database, type Sql } from '../../src/db/database.ts';
import { openDatabase } from '../../src/db/open.ts';

describe('database transactions', function () {
  this.timeout(60_000);
  const cfg = readConfig().db;
  let db: Database;
  let single: Database | undefined;
  const table = `tx_test_${randomUUID().slice(0, 8)}`;
  const insert = `INSERT INTO ${table} (id, v) VALUES ($1, $2)`;
  const count = async (sql: Sql = db) => Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  before(async () => {
    db = await openDatabase(cfg);
    // one connection only (PostgreSQL): every transaction below runs on the connection the one before used
    if (cfg.kind === 'postgres') single = postgresDatabase({ ...cfg, maxPoolSize: 1 });
    await db.query(`CREATE TABLE ${table} (id integer PRIMARY KEY, v text NOT NULL)`);
  });
  after(async () => {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
    await single?.close();
    await db.close();
  });
  beforeEach(async () => db.query(`DELETE FROM ${table}`));

  it('commits every statement or none: a failing later statement takes the earlier ones back', async () => {
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query(insert, [1, 'first'], { prepare: true });
        assert.equal(await count(tx), 1, 'the transaction sees its own write');
        await tx.query(insert, [1, 'the same id again'], { prepare: true });
      }),
      /duplicate key/,
    );
    assert.equal(await count(), 0);
    await db.transaction(async (tx) => {
      await tx.query(insert, [1, 'first'], { prepare: true });
      await tx.query(insert, [2, 'second'], { prepare: true });
    });
    assert.equal(await count(), 2);
  });

  it('a failing first statement rolls back and the connection, its prepared statements too, serves the next transaction', async () => {
    const sql = single ?? db;
    await sql.query(insert, [1, 'there'], { prepare: true });
    for (let i = 0; i < 3; i++) {
      await assert.rejects(sql.transaction((tx) => tx.query(insert, [1, 'again'], { prepare: true })), /duplicate key/);
      await assert.rejects(sql.transaction((tx) => tx.query(`SELECT no_such_column FROM ${table}`)), /no_such_column/);
      await sql.transaction(async (tx) => {
        await tx.query(insert, [10 + i, `after failure ${i}`], { prepare: true });
      });
    }
    assert.equal(await count(sql), 4);
    // nothing left open on the connection: a plain statement outside a transaction commits on its own
    await sql.query(insert, [99, 'autocommit']);
    assert.equal(await count(), 5);
  });

  it('keeps its writes from others until it commits', async function () {
    if (cfg.kind !== 'postgres') return this.skip(); // PGlite is one connection: nobody else can look meanwhile
    let seenMeanwhile = -1;
    await db.transaction(async (tx) => {
      await tx.query(insert, [1, 'pending'], { prepare: true });
      seenMeanwhile = await count(db);
    });
    assert.equal(seenMeanwhile, 0, 'another connection saw an uncommitted row');
    assert.equal(await count(), 1);
  });

  it('prepares the statements that ask for it, unless DB_PREPARED_STATEMENTS=false (a pooler that cannot keep them)', async function () {
    if (cfg.kind !== 'postgres') return this.skip(); // PGlite has no named statements to keep
    const preparedHere = async (sql: Database) =>
      sql.transaction(async (tx) => {
        await tx.query(insert, [Math.floor(Math.random() * 1e9), 'prepared?'], { prepare: true });
        const { rows } = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE $1`, [`%INSERT INTO ${table}%`]);
        return Number(rows[0].n);
      });
    assert.equal(await preparedHere(single!), 1);
    const off = readConfig({ ...process.env, DB_PREPARED_STATEMENTS: 'false' }).db;
    assert.ok(off.kind === 'postgres' && off.preparedStatements === false);
    const unprepared = postgresDatabase({ ...off, maxPoolSize: 1 });
    try {
      assert.equal(await preparedHere(unprepared), 0);
    } finally {
      await unprepared.close();
    }
  });

  it('answers what a transaction without statements returns, and runs nothing', async () => {
    assert.equal(await db.transaction(async () => 'nothing to do'), 'nothing to do');
    await assert.rejects(db.transaction(async () => Promise.reject(new Error('refused before any statement'))), /refused before any statement/);
    await db.transaction((tx) => tx.query(insert, [1, 'still fine']));
    assert.equal(await count(), 1);
  });
});
