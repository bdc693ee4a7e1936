// Sends the live-update NOTIFY of a request change once the change has committed, in a statement
// of its own, not from the writing transaction. A NOTIFY inside a transaction holds PostgreSQL's
// notification-queue lock from its COMMIT until that commit is on disk, so every notifying commit
// waits for the one before it to reach the disk: measured with pgbench, a NOTIFY in each TPC-B
// transaction halved its rate (6,100 → 3,200 tps at 16 clients) and raised its p99 from 6 to
// 16 ms. A NOTIFY on its own writes nothing, so its commit waits for no disk.
//
// One statement at a time per database: changes that commit while one is on its way go together
// in the next (`unnest`), in the order they committed here. A change whose notification cannot be
// sent (the database went away) is not announced; the LISTEN connection's reconnection tells the
// streams to resync.
import type { Sql } from '../db/database.ts';
import { notifyValues } from './request-events.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';

interface Queue {
  pending: [string, string][];
  sending: boolean;
}

const queues = new WeakMap<object, Queue>();

function send(db: Sql, queue: Queue): void {
  const batch = queue.pending.splice(0);
  if (!batch.length) return;
  queue.sending = true;
  db.query('SELECT pg_notify(n.channel, n.payload) FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS n(channel, payload, i) ORDER BY n.i', [
    batch.map(([c]) => c),
    batch.map(([, p]) => p),
  ])
    .catch(() => undefined)
    .finally(() => {
      queue.sending = false;
      send(db, queue);
    });
}

/** Queues the notification of `db` (outside any transaction) for `record` as just committed. */
function notifyCommitted(db: Sql, tenant: string, record: ResourceSharingRequest): void {
  const key = db.cacheOwner ?? db;
  let queue = queues.get(key);
  if (!queue) queues.set(key, (queue = { pending: [], sending: false }));
  queue.pending.push(notifyValues(tenant, record));
  if (!queue.sending) send(db, queue);
}

/**
 * Announces `record` to the live screens once the statement that wrote it on `sql` has committed:
 * after the transaction's COMMIT, or now when `sql` is not a transaction.
 */
export function announceChange(sql: Sql, tenant: string, record: ResourceSharingRequest): void {
  if (sql.afterCommit) sql.afterCommit((db) => notifyCommitted(db, tenant, record));
  else notifyCommitted(sql, tenant, record);
}
