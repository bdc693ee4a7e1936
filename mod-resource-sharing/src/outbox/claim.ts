// Claiming due rows. One short transaction picks rows with FOR UPDATE SKIP LOCKED, so several
// workers (processes or instances) never take the same row, and marks them 'sending' under a
// lease. A row is due when it is pending and its next attempt time has come, or when it has been
// 'sending' longer than its lease (its worker crashed). Order: a row is never claimed while an
// earlier row of the same conversation (same request and partner) is still pending or being sent,
// so at most one message per conversation is in flight and partners receive them in enqueue order.
// A failed row (refused, or its retry window ran out) holds nothing back: it will never be
// delivered, and a later message (a Cancel) must not wait behind it for ever.
import type { Database } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { fromRow, type OutboxRow } from './outbox-store.ts';
import type { OutboxMessage } from './outbox-types.ts';

export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  /** the worker's clock; default: the database's now() */
  now?: Date;
}

// The lease is short (10 s by default) and a live worker keeps renewing it (keepClaimed) every
// third of the lease while it sends, so a slow partner does not lose its row to another worker,
// while the rows of a worker that was killed are free again within one lease. A claim also records
// the claiming instance (setOutboxInstance): an instance that restarts under the same name puts
// the rows its previous life held back to pending before its first claim, so it resumes at once.
let instanceName: string | undefined;
let released = new WeakMap<Database, Map<string, Promise<void>>>();

/**
 * Names this process in its claims (main.ts: INSTANCE_ID, else host:port). Must be unique among
 * the instances running at one time; the same after a restart. Undefined: claims are anonymous.
 */
export function setOutboxInstance(name: string | undefined): void {
  instanceName = name;
  released = new WeakMap();
}

/** Once per process and tenant, before the first claim: rows a previous life of this instance held go back to pending. */
function releaseEarlierClaims(db: Database, tenant: string): Promise<void> {
  if (!instanceName) return Promise.resolve();
  let byTenant = released.get(db);
  if (!byTenant) released.set(db, (byTenant = new Map()));
  let done = byTenant.get(tenant);
  if (!done) {
    const map = byTenant;
    done = db
      .query(
        `UPDATE ${schemaOf(tenant)}.outbox SET status = 'pending', locked_until = NULL, locked_by = NULL, next_attempt_at = now()
          WHERE status = 'sending' AND locked_by = $1`,
        [instanceName],
      )
      .then(
        () => undefined,
        (err: unknown) => {
          map.delete(tenant); // try again with the next claim
          throw err;
        },
      );
    byTenant.set(tenant, done);
  }
  return done;
}

/**
 * A CTE that makes the statement's own (implicit) transaction commit without waiting for the WAL
 * to reach the disk (`synchronous_commit = off` for that transaction only). For the outbox's
 * bookkeeping alone — a claim, the outcome of a delivery with nothing for the workflow to do —
 * whose loss in a database crash (the last fraction of a second of commits) costs only a repeat:
 * the row is claimed and sent again, and receivers are idempotent. Never for a state change or a
 * partner's message. Use as `WITH ${LAZY_COMMIT} ... FROM lazy_commit`.
 */
export const LAZY_COMMIT = `lazy_commit AS (SELECT set_config('synchronous_commit', 'off', true))`;

export async function claimDue(db: Database, tenant: string, opts: ClaimOptions): Promise<OutboxMessage[]> {
  const s = schemaOf(tenant);
  await releaseEarlierClaims(db, tenant);
  // one statement, so no explicit transaction: it locks, skips what others hold, and claims at once
  const { rows } = await db.query<OutboxRow>(
    `WITH ${LAZY_COMMIT}, due AS (
       SELECT o.id FROM ${s}.outbox o
        WHERE ((o.status = 'pending' AND o.next_attempt_at <= coalesce($1::timestamptz, now()))
            OR (o.status = 'sending' AND o.locked_until <= coalesce($1::timestamptz, now())))
          AND NOT EXISTS (
            SELECT 1 FROM ${s}.outbox e
             WHERE e.request_id = o.request_id AND e.partner_symbol = o.partner_symbol
               AND e.seq < o.seq AND e.status IN ('pending', 'sending'))
        ORDER BY o.seq
        LIMIT $2
        FOR UPDATE OF o SKIP LOCKED)
     UPDATE ${s}.outbox o
        SET status = 'sending',
            attempts = o.attempts + 1,
            locked_until = coalesce($1::timestamptz, now()) + $3::integer * interval '1 millisecond',
            locked_by = $4
       FROM due, lazy_commit
      WHERE o.id = due.id
     RETURNING o.*`,
    [opts.now ?? null, opts.limit, opts.leaseMs, instanceName ?? null],
  );
  return rows.map(fromRow).sort((a, b) => a.seq - b.seq);
}

/**
 * Renews the lease of `rows` every leaseMs/3 while their worker is still sending them; answers the
 * function that stops it. Only this claim is renewed (same attempt number, still 'sending'), so a
 * worker whose lease lapsed (e.g. while the database was away) cannot take back a row that another
 * worker claimed since. A failed renewal is ignored: the next one, or the lease, settles it.
 */
export function keepClaimed(db: Database, tenant: string, rows: OutboxMessage[], leaseMs: number): () => void {
  if (!rows.length) return () => undefined;
  const ids = rows.map((r) => r.id);
  const attempts = rows.map((r) => r.attempts);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    db.query(
      `UPDATE ${schemaOf(tenant)}.outbox o
          SET locked_until = now() + $3::integer * interval '1 millisecond'
         FROM unnest($1::uuid[], $2::integer[]) AS held(id, attempts)
        WHERE o.id = held.id AND o.attempts = held.attempts AND o.status = 'sending'`,
      [ids, attempts, leaseMs],
    )
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, Math.max(20, Math.floor(leaseMs / 3)));
  timer.unref();
  return () => clearInterval(timer);
}
