// One interface over the two databases the module runs on: a PostgreSQL server through `pg`
// (production, FOLIO's DB_* variables) or embedded PGlite (the default for a new user).
//
// PostgreSQL may go away under the module (a restart, a failover, pg_terminate_backend). Every
// pooled connection has an 'error' listener for its whole life, idle or checked out, so a dropped
// connection never becomes an unhandled 'error' event that kills the process. A call that loses its
// connection fails with DatabaseUnavailableError (503 to the caller), the broken connection is
// thrown away, and the pool opens fresh ones for the calls that follow.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { pipelined, type Command } from './pipeline.ts';
import { DatabaseUnavailableError, isConnectionError } from './unavailable.ts';
import { sessionLocks, type SessionLocks } from './advisory-locks.ts';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Run as a named prepared statement on PostgreSQL (parsed and planned once per connection): for
   * the statements every partner message runs. Bounded per connection (PREPARED_PER_CONNECTION);
   * past that, and on PGlite, the statement simply runs unprepared.
   */
  prepare?: boolean;
  /**
   * In a transaction: this is its last statement, and its COMMIT goes with it in one round trip
   * (pipeline.ts). Nothing may run in the transaction after it. If it fails, nothing of the
   * transaction is committed; a statement that must not commit in some outcome (no row matched)
   * has to fail in that outcome rather than answer no rows.
   */
  commit?: boolean;
}

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  /**
   * In a transaction: `fn` runs once the transaction has committed (never when it rolls back),
   * with the database, outside any transaction. Undefined outside a transaction: what a statement
   * there wrote is committed when it answers.
   */
  afterCommit?(fn: (db: Sql) => void): void;
  /** the same object for a database and its transactions: what tenant-cache.ts keys its entries by */
  readonly cacheOwner?: object;
}

export interface PoolStats {
  /** connections open (idle + in use) */
  total: number;
  idle: number;
  /** callers waiting for a connection */
  waiting: number;
  max: number;
}

/** A transaction's statements. */
export interface Tx extends Sql {
  /**
   * `text` runs before the transaction's next statement, in its round trip (or with the COMMIT
   * when none follows); its rows are dropped, and its failure is that statement's failure. For
   * statements whose answer nobody reads, such as an advisory lock.
   */
  defer(text: string, values?: (string | null)[]): void;
}

export interface Database extends Sql {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** the connection pool's use (PostgreSQL only) */
  poolStats?(): PoolStats;
  /**
   * LISTEN on `channel`: `onPayload` gets each NOTIFY payload after its transaction commits (from
   * any process on PostgreSQL, this process on PGlite); `onGap` when notifications may have been
   * lost (the listening connection broke and was opened again). Answers the UNLISTEN.
   */
  listen?(channel: string, onPayload: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  /** session-level advisory locks on a dedicated connection, not a pooled one (PostgreSQL only; advisory-locks.ts) */
  readonly advisoryLocks?: SessionLocks;
  close(): Promise<void>;
}

export interface PostgresConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  maxPoolSize: number;
  /** shown in pg_stat_activity (default: PGAPPNAME, else mod-resource-sharing) */
  applicationName?: string;
  /** named prepared statements for the statements that ask for them (default true); false for a pooler that cannot keep them */
  preparedStatements?: boolean;
  /** how long a caller waits for a connection before it gets a 503 (default 15 s) */
  connectionTimeoutMs?: number;
}

/**
 * How many statements one connection keeps prepared. Each costs the server its parse tree and
 * plans (tens of KB); with schema-qualified statements a statement is per tenant, so a connection
 * serving many tenants prepares the first ones it meets and runs the rest unprepared.
 */
const PREPARED_PER_CONNECTION = 256;

const statementNames = new Map<string, string>();

/** A stable name for a statement's text (the same on every connection). */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    if (statementNames.size >= 10_000) statementNames.clear();
    name = `rs_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

const AFTER_COMMIT = 'the transaction was committed with its last statement: nothing may run in it after that';

const preparedOn = new WeakMap<pg.ClientBase, Set<string>>();

/** The query config for `client`: named when asked and the connection has room (or has it already). */
function queryConfig(client: pg.ClientBase, text: string, params: unknown[], options?: QueryOptions, allowed = true): pg.QueryConfig {
  if (!options?.prepare || !allowed) return { text, values: params };
  const name = statementName(text);
  let prepared = preparedOn.get(client);
  if (!prepared) {
    prepared = new Set();
    preparedOn.set(client, prepared);
  }
  if (!prepared.has(name)) {
    if (prepared.size >= PREPARED_PER_CONNECTION) return { text, values: params };
    prepared.add(name);
  }
  return { name, text, values: params };
}

/** Rethrows a lost connection as DatabaseUnavailableError; anything else as it is. */
function translate(err: unknown): never {
  if (err instanceof DatabaseUnavailableError) throw err;
  if (isConnectionError(err)) throw new DatabaseUnavailableError(err);
  throw err;
}

export function postgresDatabase(config: PostgresConfig): Database {
  // the timers' single-runner locks: one connection of their own, opened on first use
  const locks = sessionLocks(config);
  const pool = new pg.Pool({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    max: config.maxPoolSize,
    application_name: config.applicationName ?? process.env.PGAPPNAME ?? 'mod-resource-sharing',
    connectionTimeoutMillis: config.connectionTimeoutMs ?? 15_000,
    keepAlive: true,
  });
  // pg-pool listens for errors only while a client is idle; a checked-out client that loses its
  // connection emits 'error' with nobody listening, which would end the process. Listen for the
  // client's whole life; the failed query rejects on its own and the client is discarded on release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  // An idle client that loses its connection: the pool has already removed it.
  pool.on('error', () => undefined);
  const cacheOwner = {};
  const prepared = config.preparedStatements !== false;
  const self: Database = {
    kind: 'postgres',
    cacheOwner,
    async query<T>(text: string, params: unknown[] = [], options?: QueryOptions) {
      try {
        if (!options?.prepare || !prepared) {
          const res = await pool.query(text, params);
          return { rows: res.rows as T[], rowCount: res.rowCount ?? 0 };
        }
        // a prepared statement lives on one connection: take one from the pool for it
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          const res = await client.query(queryConfig(client, text, params, options, prepared));
          return { rows: res.rows as T[], rowCount: res.rowCount ?? 0 };
        } catch (err) {
          if (isConnectionError(err)) broken = err as Error;
          throw err;
        } finally {
          client.release(broken);
        }
      } catch (err) {
        return translate(err);
      }
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        return translate(err);
      }
      let broken: Error | undefined;
      // BEGIN travels with the first statement, deferred statements with the next one, COMMIT with
      // the last one when it says so (pipeline.ts); a transaction that ran none sends neither BEGIN nor COMMIT
      let begun = false;
      let committed = false;
      const deferred: Command[] = [];
      const onCommit: ((db: Sql) => void)[] = [];
      const run = async <R>(config: pg.QueryConfig, commit: boolean): Promise<QueryResult<R>> => {
        if (committed) throw new Error(AFTER_COMMIT);
        try {
          const before = [...(begun ? [] : [{ text: 'BEGIN' }]), ...deferred.splice(0)];
          // a transaction of one statement needs neither BEGIN nor COMMIT
          const alone = commit && !begun && before.length === 1;
          begun = true;
          committed = commit;
          const res = alone
            ? await client.query(config)
            : before.length || commit
              ? await pipelined<R & pg.QueryResultRow>(client, config, { before, after: commit ? [{ text: 'COMMIT' }] : [] })
              : await client.query(config);
          return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
        } catch (err) {
          if (isConnectionError(err)) broken = err as Error;
          return translate(err);
        }
      };
      try {
        const tx: Tx = {
          cacheOwner,
          query: <R>(text: string, params: unknown[] = [], options?: QueryOptions) =>
            run<R>(queryConfig(client, text, params, options, prepared), options?.commit === true),
          defer(text: string, values: (string | null)[] = []) {
            if (committed) throw new Error(AFTER_COMMIT);
            deferred.push({ text, values });
          },
          afterCommit: (fn) => void onCommit.push(fn),
        };
        const result = await fn(tx);
        if (deferred.length) await run({ text: 'COMMIT' }, true);
        else if (begun && !committed) await client.query('COMMIT');
        runAfterCommit(onCommit, self);
        return result;
      } catch (err) {
        if (isConnectionError(err)) broken ??= err as Error;
        if (!broken && begun) await client.query('ROLLBACK').catch((e: unknown) => void (broken = e as Error));
        return translate(err);
      } finally {
        // a connection that failed is closed rather than handed to the next caller
        client.release(broken);
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: config.maxPoolSize }),
    listen: (channel, onPayload, onGap) => listenOnPostgres(config, channel, onPayload, onGap),
    advisoryLocks: locks,
    async close() {
      await locks.close();
      await pool.end();
    },
  };
  return self;
}

/** Runs a committed transaction's afterCommit callbacks; one that throws does not stop the others. */
function runAfterCommit(callbacks: ((db: Sql) => void)[], db: Sql): void {
  for (const fn of callbacks) {
    try {
      fn(db);
    } catch {
      // a callback's failure is its own (they only hand work on, such as a notification)
    }
  }
}

/**
 * One dedicated connection (LISTEN holds its connection, so not from the pool), opened again with
 * a growing pause when it breaks (a database restart); `onGap` then says events may be lost.
 */
async function listenOnPostgres(
  config: PostgresConfig,
  channel: string,
  onPayload: (payload: string) => void,
  onGap?: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let pause = 250;
  const open = async (): Promise<void> => {
    const c = new pg.Client({ host: config.host, port: config.port, user: config.user, password: config.password, database: config.database });
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    c.on('error', () => undefined);
    c.on('end', () => {
      if (stopped || client !== c) return;
      client = undefined;
      const again = () => {
        if (stopped) return;
        open().then(
          () => {
            pause = 250;
            onGap?.();
          },
          () => {
            pause = Math.min(pause * 2, 10_000);
            setTimeout(again, pause).unref();
          },
        );
      };
      setTimeout(again, pause).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = c;
  };
  await open();
  return async () => {
    stopped = true;
    const c = client;
    client = undefined;
    await c?.end().catch(() => undefined);
  };
}

export async function pgliteDatabase(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db: PGlite = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir);
  const cacheOwner = {};
  /** statements on `q`; deferred ones run before the next statement, or by `flush` */
  const wrap = (q: PGlite | Transaction): { tx: Tx; flush(): Promise<void>; onCommit: ((db: Sql) => void)[] } => {
    const deferred: Command[] = [];
    const onCommit: ((db: Sql) => void)[] = [];
    let committed = false;
    const flush = async () => {
      for (const c of deferred.splice(0)) await q.query(c.text, c.values ?? []);
    };
    const tx: Tx = {
      cacheOwner,
      async query<R>(text: string, params: unknown[] = [], options?: QueryOptions) {
        // PGlite commits when the transaction ends; the rule that nothing follows the last statement holds here too
        if (committed) throw new Error(AFTER_COMMIT);
        committed = q !== db && options?.commit === true;
        await flush();
        const res = await q.query<R>(text, params);
        return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
      },
      defer(text: string, values: (string | null)[] = []) {
        if (committed) throw new Error(AFTER_COMMIT);
        deferred.push({ text, values });
      },
      ...(q === db ? {} : { afterCommit: (fn: (db: Sql) => void) => void onCommit.push(fn) }),
    };
    return { tx, flush, onCommit };
  };
  const top = wrap(db).tx;
  const self: Database = {
    kind: 'pglite',
    cacheOwner,
    query: top.query,
    async transaction(fn) {
      let onCommit: ((db: Sql) => void)[] = [];
      const result = await db.transaction(async (t) => {
        const wrapped = wrap(t);
        onCommit = wrapped.onCommit;
        const answer = await fn(wrapped.tx);
        await wrapped.flush();
        return answer;
      });
      runAfterCommit(onCommit, self);
      return result;
    },
    async listen(channel, onPayload) {
      const unlisten = await db.listen(channel, onPayload);
      return async () => {
        if (!db.closed) await unlisten();
      };
    },
    async close() {
      await db.close();
    },
  };
  return self;
}
