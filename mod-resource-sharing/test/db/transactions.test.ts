// The Database contract every write relies on, on both databases: a transaction is all or nothing,
// sees its own writes and nobody else's until it commits, and a failed statement (also a failed
// first one, which carries the BEGIN on PostgreSQL, and a failed prepared one) leaves the
// connection fit for the next caller. The round trips saved on PostgreSQL (pipeline.ts: a last
// statement that carries the COMMIT, statements deferred to the next one) keep that contract.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readConfig } from '../../src/config.ts';
import { postgresDatabase, type Database, type Sql, type Tx } from '../../src/db/database.ts';
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

  it('a last statement that carries the COMMIT commits the whole transaction, and nothing may follow it', async () => {
    const answer = await db.transaction(async (tx) => {
      await tx.query(insert, [1, 'first'], { prepare: true });
      const last = await tx.query(`${insert} RETURNING v`, [2, 'last'], { prepare: true, commit: true });
      await assert.rejects(tx.query(insert, [3, 'too late']), /committed with its last statement/);
      assert.throws(() => tx.defer(`SELECT 1`), /committed with its last statement/);
      return last.rows;
    });
    assert.deepEqual(answer, [{ v: 'last' }]);
    assert.equal(await count(), 2);
    // alone in its transaction, it needs neither BEGIN nor COMMIT, and still commits
    await db.transaction((tx) => tx.query(insert, [4, 'alone'], { commit: true }));
    assert.equal(await count(), 3);
  });

  it('a last statement that fails takes the transaction back, also when only its COMMIT fails', async () => {
    const sql = single ?? db;
    const deferredTable = `${table}_deferred`;
    // a unique constraint checked at COMMIT: the statement itself succeeds, its COMMIT does not
    await sql.query(`CREATE TABLE ${deferredTable} (k integer, CONSTRAINT ${deferredTable}_k UNIQUE (k) DEFERRABLE INITIALLY DEFERRED)`);
    try {
      for (let i = 0; i < 2; i++) {
        await assert.rejects(
          sql.transaction(async (tx) => {
            await tx.query(insert, [1, 'first'], { prepare: true });
            await tx.query(insert, [1, 'the same id'], { prepare: true, commit: true });
          }),
          /duplicate key/,
        );
        await assert.rejects(
          sql.transaction(async (tx) => {
            await tx.query(insert, [1, 'first'], { prepare: true });
            await tx.query(`INSERT INTO ${deferredTable} (k) VALUES (7), (7)`, [], { commit: true });
          }),
          /duplicate key/,
        );
        assert.equal(await count(sql), 0, 'nothing of a transaction whose last statement failed is kept');
      }
      // the connection (one, on PostgreSQL) and its prepared statements serve the next transaction
      await sql.transaction((tx) => tx.query(insert, [5, 'after'], { prepare: true, commit: true }));
      assert.equal(await count(sql), 1);
    } finally {
      await sql.query(`DROP TABLE ${deferredTable}`);
    }
  });

  it('runs a deferred statement before the next one, fails that one when it fails, and runs it at the end when none follows', async () => {
    const sql = single ?? db;
    const seen = await sql.transaction(async (tx) => {
      tx.defer(insert, ['1', 'deferred']);
      return count(tx);
    });
    assert.equal(seen, 1, 'the next statement sees what the deferred one did');
    await assert.rejects(
      sql.transaction(async (tx) => {
        await tx.query(insert, [2, 'before'], { prepare: true });
        tx.defer(insert, ['1', 'duplicate']);
        await tx.query('SELECT 1', [], { prepare: true });
      }),
      /duplicate key/,
    );
    await assert.rejects(
      sql.transaction(async (tx) => {
        tx.defer(insert, ['1', 'duplicate, first of the transaction']);
        await tx.query(insert, [3, 'never'], { prepare: true });
      }),
      /duplicate key/,
    );
    await sql.transaction(async (tx: Tx) => {
      await tx.query(insert, [4, 'then'], { prepare: true });
      tx.defer(insert, ['5', 'deferred to the COMMIT']);
    });
    assert.deepEqual(
      (await sql.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`)).rows.map((r) => r.id),
      [1, 4, 5],
    );
  });

  it("a statement after a deferred lock sees what the lock's holder committed", async function () {
    if (cfg.kind !== 'postgres') return this.skip(); // PGlite is one connection: nobody else holds locks
    const key = `lock-${table}`;
    let releaseHolder!: () => void;
    const holding = new Promise<void>((r) => (releaseHolder = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
      await tx.query(insert, [1, 'written while holding the lock']);
      locked();
      await holding;
    });
    await isLocked;
    const waiter = db.transaction(async (tx) => {
      tx.defer('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
      return count(tx);
    });
    await new Promise((r) => setTimeout(r, 100));
    releaseHolder();
    await holder;
    assert.equal(await waiter, 1, "the statement's snapshot was taken after the lock was had");
  });
});
