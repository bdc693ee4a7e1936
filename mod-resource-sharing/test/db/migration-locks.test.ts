// An upgrade runs a tenant's migrations in one transaction (tenant-api.ts), and every lock a
// statement takes is held until that transaction ends. Building an index lets others read the
// table (only writes wait), but DROP INDEX or ALTER TABLE lock it against reads too: placed before
// an index build, they would stop staff screens and partner messages from reading requests for the
// whole build, which on a large tenant takes a while. Checked on PostgreSQL (PGlite has one
// connection): each migration runs statement by statement in a transaction of its own, and while
// index builds are still to come, another connection must be able to read the table.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readConfig } from '../../src/config.ts';
import { postgresDatabase, type Database } from '../../src/db/database.ts';
import { migrations } from '../../src/db/migrations/index.ts';

/** The table a CREATE INDEX statement builds on (schema-qualified as written), else undefined. */
function builds(statement: string): string | undefined {
  return /^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\b[^;]*?\bON\s+(\S+?)\s*(?:USING\s+\w+\s*)?\(/i.exec(statement)?.[1];
}

const ROLLBACK = new Error('roll the migration back');

/**
 * Checked from this migration on. The earlier ones were released as they are (migrations are never
 * edited once released) and lock requests early: 002 and 007 alter the table before indexing it,
 * so an upgrade from 0.1 holds the table for its whole run in any case.
 */
const CHECKED_FROM = '013-lookup-indexes';

describe('migrations: tables stay readable while their indexes are built (PostgreSQL)', function () {
  this.timeout(120_000);
  const cfg = readConfig().db;
  let db: Database;
  const schema = `"migration_locks_${randomUUID().slice(0, 8)}"`;

  before(async function () {
    if (cfg.kind !== 'postgres') {
      console.log('    skipped: DB_HOST is not set (needs a PostgreSQL server)');
      return this.skip();
    }
    db = postgresDatabase({ ...cfg, maxPoolSize: 4 });
    await db.query(`CREATE SCHEMA ${schema}`);
  });
  after(async () => {
    if (!db) return;
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  });

  it('no migration locks a table against reads before it has built its indexes on it', async () => {
    const blocked: string[] = [];
    /** reads tried while builds were still to come (none: the check looked at nothing) */
    let reads = 0;
    const from = migrations.findIndex((m) => m.id === CHECKED_FROM);
    assert.ok(from >= 0, `${CHECKED_FROM} is a migration`);
    for (const [index, m] of migrations.entries()) {
      const statements = m.statements(schema);
      if (index < from) {
        await db.transaction(async (tx) => {
          for (const statement of statements) await tx.query(statement);
        });
        continue;
      }
      await db
        .transaction(async (tx) => {
          for (let i = 0; i < statements.length; i++) {
            await tx.query(statements[i]);
            // the tables this migration has yet to build indexes on must still be readable
            const toBuild = new Set(statements.slice(i + 1).map(builds).filter((t): t is string => !!t));
            for (const table of toBuild) {
              reads += 1;
              const read = await db
                .transaction(async (other) => {
                  await other.query(`SET LOCAL lock_timeout = '300ms'`);
                  await other.query(`SELECT 1 FROM ${table} LIMIT 1`);
                })
                .then(
                  () => true,
                  (err: { code?: string }) => {
                    if (err.code === '55P03') return false; // lock_not_available
                    // the table is created later in this very migration: nothing to read yet
                    if (err.code === '42P01') return true;
                    throw err;
                  },
                );
              if (!read) blocked.push(`${m.id}: after "${statements[i].trim().slice(0, 70)}", ${table} cannot be read while its indexes are still to be built`);
            }
          }
          throw ROLLBACK;
        })
        .catch((err: unknown) => {
          if (err !== ROLLBACK) throw err;
        });
      // applied for real, for the migrations after it
      await db.transaction(async (tx) => {
        for (const statement of statements) await tx.query(statement);
      });
    }
    assert.ok(reads >= 3, `the table was read while index builds were still to come (${reads} reads)`);
    assert.deepEqual(blocked, []);
  });
});
