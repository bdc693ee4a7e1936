// "Run this job once across instances": a timer job for one tenant runs only while its caller holds
// a session-level advisory lock on PostgreSQL; a second call that arrives meanwhile (another
// instance, or Okapi calling again) does nothing. The locks live on one dedicated connection per
// Database (db/advisory-locks.ts), not on a pooled one, so a guard never takes a connection the job
// itself or an API call needs; they go away with that connection, also when the process dies.
// PGlite is one connection owned by one process, so there an in-process guard is the equivalent.
import type { Database } from '../db/database.ts';

export type Exclusive<T> = { ran: true; result: T } | { ran: false };

const running = new WeakMap<Database, Set<string>>();

/** The key the advisory lock is taken on (hashed by PostgreSQL's hashtext). */
export function timerLockKey(tenant: string, job: string): string {
  return `mod-resource-sharing:timer:${tenant}:${job}`;
}

export async function runExclusive<T>(db: Database, tenant: string, job: string, fn: () => Promise<T>): Promise<Exclusive<T>> {
  const key = timerLockKey(tenant, job);
  if (db.advisoryLocks) {
    const lock = await db.advisoryLocks.tryLock(key);
    if (!lock) return { ran: false };
    try {
      return { ran: true, result: await fn() };
    } finally {
      await lock.release();
    }
  }
  let keys = running.get(db);
  if (!keys) {
    keys = new Set();
    running.set(db, keys);
  }
  if (keys.has(key)) return { ran: false };
  keys.add(key);
  try {
    return { ran: true, result: await fn() };
  } finally {
    keys.delete(key);
  }
}
