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

export async function claimDue(db: Database, tenant: string, opts: ClaimOptions): Promise<OutboxMessage[]> {
  const s = schemaOf(tenant);
  const rows = await db.transaction(async (tx) => {
    const res = await tx.query<OutboxRow>(
      `WITH due AS (
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
              locked_until = coalesce($1::timestamptz, now()) + $3::integer * interval '1 millisecond'
         FROM due
        WHERE o.id = due.id
       RETURNING o.*`,
      [opts.now ?? null, opts.limit, opts.leaseMs],
    );
    return res.rows;
  });
  return rows.map(fromRow).sort((a, b) => a.seq - b.seq);
}
