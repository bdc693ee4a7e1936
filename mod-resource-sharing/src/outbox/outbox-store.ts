// Writing, reading and re-queueing outbox rows. `enqueue` runs inside the caller's transaction so
// a message commits (or rolls back) together with the state change that caused it.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import type { Paging } from '../okapi/paging.ts';
import type { NewOutboxMessage, OutboxMessage, OutboxStatus } from './outbox-types.ts';

export interface OutboxRow {
  id: string;
  request_id: string | null;
  seq: string | number;
  partner_symbol: string;
  url: string;
  kind: string;
  body: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date | string;
  locked_until: Date | string | null;
  last_error: string | null;
  response: string | null;
  created_date: Date | string;
  delivered_date: Date | string | null;
}

const iso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();

export function fromRow(r: OutboxRow): OutboxMessage {
  const m: OutboxMessage = {
    id: r.id,
    seq: Number(r.seq),
    partnerSymbol: r.partner_symbol,
    url: r.url,
    kind: r.kind,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: iso(r.next_attempt_at),
    createdDate: iso(r.created_date),
  };
  if (r.request_id) m.requestId = r.request_id;
  if (r.locked_until) m.lockedUntil = iso(r.locked_until);
  if (r.last_error !== null) m.lastError = r.last_error;
  if (r.response !== null) m.response = r.response;
  if (r.delivered_date) m.deliveredDate = iso(r.delivered_date);
  return m;
}

/** Adds a message to the tenant's outbox inside `tx`; returns its id. Due at once. */
export async function enqueue(tx: Sql, tenant: string, msg: NewOutboxMessage): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO ${schemaOf(tenant)}.outbox (id, request_id, partner_symbol, url, kind, body)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, msg.requestId ?? null, msg.partnerSymbol, msg.url, msg.kind, msg.body],
    { prepare: true },
  );
  return id;
}

export async function getOutboxMessage(sql: Sql, tenant: string, id: string): Promise<OutboxMessage | undefined> {
  const { rows } = await sql.query<OutboxRow>(`SELECT * FROM ${schemaOf(tenant)}.outbox WHERE id = $1`, [id]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}

export interface OutboxFilter {
  status?: OutboxStatus;
  requestId?: string;
}

export async function listOutboxMessages(
  sql: Sql,
  tenant: string,
  filter: OutboxFilter,
  paging: Paging,
): Promise<{ messages: OutboxMessage[]; totalRecords?: number }> {
  const from = `${schemaOf(tenant)}.outbox`;
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    params.push(filter.status);
    conditions.push(`status = $${params.length}`);
  }
  if (filter.requestId) {
    params.push(filter.requestId);
    conditions.push(`request_id = $${params.length}`);
  }
  const where = conditions.length ? conditions.join(' AND ') : 'true';
  // one request's conversation reads oldest first; the operator's queue newest first
  const order = filter.requestId ? 'seq ASC' : 'seq DESC';
  const { rows } = await sql.query<OutboxRow>(
    `SELECT * FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ${paging.limit} OFFSET ${paging.offset}`,
    params,
  );
  // The outbox is an operator's tool: an exact count is fine (totalRecords=none skips it).
  let totalRecords: number | undefined;
  if (paging.totalRecords !== 'none') {
    const counted = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${from} WHERE ${where}`, params);
    totalRecords = Number(counted.rows[0]?.n ?? 0);
  }
  const messages = rows.map(fromRow);
  return totalRecords === undefined ? { messages } : { messages, totalRecords };
}

/**
 * Puts a failed message back in the queue with a fresh set of attempts (last_error is kept until
 * the next attempt). Returns the message, or undefined when it does not exist; throws nothing for
 * a message that is not failed: the caller decides (`status` tells).
 */
export async function requeueFailed(
  sql: Sql,
  tenant: string,
  id: string,
): Promise<{ requeued: boolean; message?: OutboxMessage }> {
  const { rows } = await sql.query<OutboxRow>(
    `UPDATE ${schemaOf(tenant)}.outbox
        SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL
      WHERE id = $1 AND status = 'failed' AND coalesce(last_error, '') NOT LIKE 'withdrawn:%'
      RETURNING *`,
    [id],
  );
  if (rows[0]) return { requeued: true, message: fromRow(rows[0]) };
  return { requeued: false, message: await getOutboxMessage(sql, tenant, id) };
}

/**
 * Withdraws the messages of one conversation (request and partner) that have not gone out yet:
 * `pending` rows become `failed` with `last_error` "withdrawn: <reason>" and are never sent (nor
 * retried by staff). A row being sent right now is left alone. Answers the withdrawn rows.
 */
export async function withdrawPending(
  sql: Sql,
  tenant: string,
  conversation: { requestId: string; partnerSymbol: string; reason: string },
): Promise<OutboxMessage[]> {
  const { rows } = await sql.query<OutboxRow>(
    `UPDATE ${schemaOf(tenant)}.outbox
        SET status = 'failed', last_error = 'withdrawn: ' || $3, locked_until = NULL
      WHERE request_id = $1 AND upper(partner_symbol) = upper($2) AND status = 'pending'
      RETURNING *`,
    [conversation.requestId, conversation.partnerSymbol, conversation.reason],
  );
  return rows.map(fromRow).sort((a, b) => a.seq - b.seq);
}

/** The messages of one conversation not delivered yet (pending or sending), oldest first. */
export async function undeliveredMessages(sql: Sql, tenant: string, requestId: string, partnerSymbol?: string): Promise<OutboxMessage[]> {
  const { rows } = await sql.query<OutboxRow>(
    `SELECT * FROM ${schemaOf(tenant)}.outbox
      WHERE request_id = $1 AND status IN ('pending', 'sending') AND ($2::text IS NULL OR upper(partner_symbol) = upper($2))
      ORDER BY seq`,
    [requestId, partnerSymbol ?? null],
  );
  return rows.map(fromRow);
}

/**
 * Partners whose messages have waited undelivered since before `since`: their oldest undelivered
 * message's creation, its last error and next attempt. For the directory ("unreachable since").
 */
export async function unreachablePartners(
  sql: Sql,
  tenant: string,
  since: Date,
): Promise<Map<string, { since: string; lastError?: string; nextAttemptAt: string; waiting: number }>> {
  const { rows } = await sql.query<{ partner: string; since: Date | string; last_error: string | null; next_attempt_at: Date | string; waiting: string }>(
    `SELECT upper(partner_symbol) AS partner, min(created_date) AS since, count(*) AS waiting,
            (array_agg(last_error ORDER BY seq))[1] AS last_error, min(next_attempt_at) AS next_attempt_at
       FROM ${schemaOf(tenant)}.outbox
      WHERE status IN ('pending', 'sending') AND attempts > 0 AND last_error IS NOT NULL
      GROUP BY upper(partner_symbol)
     HAVING min(created_date) <= $1`,
    [since],
  );
  const out = new Map<string, { since: string; lastError?: string; nextAttemptAt: string; waiting: number }>();
  for (const r of rows) {
    out.set(r.partner, {
      since: iso(r.since),
      ...(r.last_error ? { lastError: r.last_error } : {}),
      nextAttemptAt: iso(r.next_attempt_at),
      waiting: Number(r.waiting),
    });
  }
  return out;
}

/**
 * Deletes delivered messages older than the retention period (the request's conversation keeps
 * their summaries); pending and failed messages are never deleted. Answers how many went.
 */
export async function pruneDelivered(sql: Sql, tenant: string, retentionDays: number): Promise<number> {
  const { rowCount } = await sql.query(
    `DELETE FROM ${schemaOf(tenant)}.outbox WHERE status = 'delivered' AND delivered_date < now() - make_interval(days => $1)`,
    [retentionDays],
  );
  return rowCount;
}
