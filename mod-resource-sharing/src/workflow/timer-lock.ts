// "Run this job once across instances": a timer job for one tenant runs only while its caller holds
// a transaction-level advisory lock on PostgreSQL; a second call that arrives meanwhile (another
// instance, or Okapi calling again) does nothing. The lock lives in a transaction kept open on one
// pooled connection for the duration of the job and goes away with it, even if the process dies.
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
  if (db.kind === 'postgres') {
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS got', [key]);
      if (!rows[0]?.got) return { ran: false } as const;
      return { ran: true, result: await fn() } as const;
    });
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
