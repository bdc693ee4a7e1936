// Session-level advisory locks on PostgreSQL for "run this job once across instances", held on ONE
// dedicated connection per Database rather than on pooled ones. A lock taken in a transaction
// (pg_try_advisory_xact_lock) keeps a pooled connection checked out for the whole job while the
// job runs its own queries on other pooled connections: a few jobs at once then hold every
// connection and wait for one, and every other call waits with them (issue 13, "timers").
//
// The connection is opened on the first lock (not at start-up, not from the pool), and opened again
// when it breaks. Locks are re-entrant per PostgreSQL session, so this process's own locks are also
// kept in a map: a second tryLock of a key this process holds is refused without asking the server.
//
// When the connection breaks (a database restart, pg_terminate_backend, a network cut), every lock
// it held is gone on the server, but the jobs that took them are still running here. They keep
// running (nothing throws at them) and this process keeps treating their keys as taken; their
// release does nothing on the server. Meanwhile a second instance may take such a key and run the
// same job for the same tenant at the same time as ours. That overlap is safe by the jobs' own
// design (every action re-checks the request's state under FOR UPDATE with its _version, outbox
// rows are claimed with SKIP LOCKED) and only costs the duplicated reading. As soon as a
// connection is open again the locks of jobs still running here are taken again where they are
// free, so further calls on other instances find them taken.
import pg from 'pg';
import type { PostgresConfig } from './database.ts';
import { DatabaseUnavailableError, isConnectionError } from './unavailable.ts';

export interface AdvisoryLock {
  /** Gives the lock back (a no-op when the connection that held it broke meanwhile); never throws. */
  release(): Promise<void>;
}

export interface SessionLocks {
  /**
   * Takes the session-level advisory lock on hashtext(key) when nobody holds it; undefined when
   * another session or this process holds it. Rejects with DatabaseUnavailableError when no
   * connection can be opened.
   */
  tryLock(key: string): Promise<AdvisoryLock | undefined>;
  /** Ends the connection: the server frees every lock it held. */
  close(): Promise<void>;
}

interface Held {
  /** the connection the server-side lock lives on; undefined while it is not held there */
  on?: pg.Client;
  /** its connection broke while the job ran: to be taken again on the next connection */
  lost: boolean;
}

const TRY_LOCK = 'SELECT pg_try_advisory_lock(hashtext($1)) AS got';
const UNLOCK = 'SELECT pg_advisory_unlock(hashtext($1))';

/** The server answered with an SQL error: the connection itself is fine (unlike a lost one, a timeout, a refused connect). */
function isSqlError(err: unknown): boolean {
  return typeof (err as { code?: unknown })?.code === 'string' && !isConnectionError(err);
}

/** The last query queued on each connection: pg wants one query at a time per client. */
const tails = new WeakMap<pg.Client, Promise<unknown>>();

/** Runs `text` on `c` after the queries queued on it before (in the order of the calls). */
function queued<R extends pg.QueryResultRow>(c: pg.Client, text: string, params: unknown[]): Promise<pg.QueryResult<R>> {
  const run = (tails.get(c) ?? Promise.resolve()).then(() => c.query<R>(text, params));
  tails.set(c, run.catch(() => undefined));
  return run;
}

export function sessionLocks(config: PostgresConfig): SessionLocks {
  const held = new Map<string, Held>();
  let client: pg.Client | undefined;
  let opening: Promise<pg.Client> | undefined;
  let closed = false;
  let retakeTimer: NodeJS.Timeout | undefined;
  let pause = 250;
  const timeoutMs = config.connectionTimeoutMs ?? 15_000;

  /** The connection is gone (or no longer trusted): its locks are gone on the server. */
  const forget = (c: pg.Client) => {
    if (client === c) client = undefined;
    let lost = false;
    for (const entry of held.values()) {
      if (entry.on !== c) continue;
      entry.on = undefined;
      entry.lost = true;
      lost = true;
    }
    if (lost) scheduleRetake();
  };
  const drop = (c: pg.Client) => {
    forget(c);
    c.end().catch(() => undefined);
  };

  const open = async (): Promise<pg.Client> => {
    const c = new pg.Client({
      host: config.host,
      port: config.port,
      user: config.user,
      password: config.password,
      database: config.database,
      application_name: config.applicationName ?? process.env.PGAPPNAME ?? 'mod-resource-sharing',
      connectionTimeoutMillis: timeoutMs,
      // a connection that stops answering (a network cut) is given up rather than waited on forever
      query_timeout: timeoutMs,
      keepAlive: true,
    });
    c.on('error', () => undefined);
    c.on('end', () => forget(c));
    try {
      await c.connect();
    } catch (err) {
      c.end().catch(() => undefined);
      throw err;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      throw new Error('advisory locks closed');
    }
    client = c;
    return c;
  };
  const connection = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    opening ??= open().finally(() => (opening = undefined));
    return opening;
  };

  /** A failed lock query: unless the server refused the SQL, the connection is not trusted again and the caller gets a 503. */
  const failed = (c: pg.Client | undefined, err: unknown): never => {
    if (isSqlError(err)) throw err;
    if (c) drop(c);
    throw new DatabaseUnavailableError(err);
  };

  /** Takes again, on a fresh connection, the locks of jobs still running here whose connection broke. */
  const retake = async () => {
    retakeTimer = undefined;
    if (closed || ![...held.values()].some((e) => e.lost)) return;
    let c: pg.Client | undefined;
    try {
      c = await connection();
      for (const [key, entry] of held) {
        if (!entry.lost || entry.on) continue;
        const { rows } = await queued<{ got: boolean }>(c, TRY_LOCK, [key]);
        if (held.get(key) === entry && entry.lost) {
          // taken: ours again; not taken: another instance runs the job too, ours stays unlocked
          entry.lost = false;
          if (rows[0]?.got) entry.on = c;
        } else if (rows[0]?.got) {
          // the job ended while we asked
          await queued(c, UNLOCK, [key]);
        }
      }
      pause = 250;
    } catch (err) {
      if (c && !isSqlError(err)) drop(c);
      pause = Math.min(pause * 2, 10_000);
      scheduleRetake();
    }
  };
  function scheduleRetake() {
    if (closed || retakeTimer) return;
    retakeTimer = setTimeout(() => void retake(), pause);
    retakeTimer.unref();
  }

  const release = async (key: string, entry: Held) => {
    if (held.get(key) !== entry) return;
    held.delete(key);
    const c = entry.on;
    entry.on = undefined;
    // Issued at once (before any await), so a tryLock of the same key that follows queues behind it.
    if (!c || c !== client) return;
    try {
      await queued(c, UNLOCK, [key]);
    } catch {
      // A lock that cannot be given back must not outlive its job: without the connection it goes.
      drop(c);
    }
  };

  return {
    async tryLock(key) {
      if (closed) throw new DatabaseUnavailableError(new Error('advisory locks closed'));
      if (held.has(key)) return undefined;
      // reserved before the first await: a second tryLock of the key in this process is refused
      const entry: Held = { lost: false };
      held.set(key, entry);
      let c: pg.Client | undefined;
      try {
        c = await connection();
        const { rows } = await queued<{ got: boolean }>(c, TRY_LOCK, [key]);
        if (!rows[0]?.got) {
          held.delete(key);
          return undefined;
        }
        if (c === client) entry.on = c;
        else {
          // the connection broke since the answer, and the lock with it: take it again when we can
          entry.lost = true;
          scheduleRetake();
        }
        return { release: () => release(key, entry) };
      } catch (err) {
        if (held.get(key) === entry) held.delete(key);
        return failed(c, err);
      }
    },
    async close() {
      closed = true;
      if (retakeTimer) clearTimeout(retakeTimer);
      held.clear();
      const c = client ?? (await opening?.catch(() => undefined));
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
