// The conversation with the partner on one request: every message in and out, with read marks.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { messageCodes, type MessageCodes } from './message-codes.ts';

export interface ConversationMessage {
  id: string;
  requestId: string;
  timestamp: string;
  direction: 'in' | 'out';
  kind: string;
  summary: string;
  /** the ISO 18626 codes the summary words in English, for a UI to word in its language */
  codes?: MessageCodes;
  note?: string;
  read: boolean;
  /** who the message is from (in) or for (out) when a broker forwards it: the real supplier or borrower */
  party?: string;
  /** the broker that forwarded it */
  via?: string;
}

export interface NewConversationMessage {
  requestId: string;
  direction: 'in' | 'out';
  kind: string;
  summary: string;
  note?: string;
  read?: boolean;
  fingerprint?: string;
  party?: string;
  via?: string;
}

function insertMessage(tenant: string, msg: NewConversationMessage): { sql: string; params: unknown[] } {
  return {
    sql: `INSERT INTO ${schemaOf(tenant)}.request_messages (id, request_id, ts, direction, kind, summary, note, read, fingerprint, party, via)
          VALUES ($1, $2, now(), $3, $4, $5, $6, $7, $8, $9, $10)`,
    params: [
      randomUUID(), msg.requestId, msg.direction, msg.kind, msg.summary, msg.note ?? null, msg.read ?? true, msg.fingerprint ?? null,
      msg.party ?? null, msg.via ?? null,
    ],
  };
}

/**
 * The INSERT of `msg` as a CTE body that takes the request's id from `source` (a CTE of the
 * caller's statement with an `id` column): recorded only when that CTE yields the request. Its
 * parameters are numbered from `first`.
 */
export function messageInsertFrom(tenant: string, source: string, first: number, msg: Omit<NewConversationMessage, 'requestId'>): { sql: string; params: unknown[] } {
  const p = (i: number, type: string) => `$${first + i}::${type}`;
  return {
    sql: `INSERT INTO ${schemaOf(tenant)}.request_messages (id, request_id, ts, direction, kind, summary, note, read, fingerprint, party, via)
          SELECT ${p(0, 'uuid')}, ${source}.id, now(), ${p(1, 'text')}, ${p(2, 'text')}, ${p(3, 'text')}, ${p(4, 'text')}, ${p(5, 'boolean')},
                 ${p(6, 'text')}, ${p(7, 'text')}, ${p(8, 'text')} FROM ${source}`,
    params: [
      randomUUID(), msg.direction, msg.kind, msg.summary, msg.note ?? null, msg.read ?? true, msg.fingerprint ?? null, msg.party ?? null, msg.via ?? null,
    ],
  };
}

export async function recordMessage(tx: Sql, tenant: string, msg: NewConversationMessage): Promise<void> {
  const { sql, params } = insertMessage(tenant, msg);
  await tx.query(sql, params, { prepare: true });
}

/** Records the message and answers the request's unread count with it, in one round trip. */
export async function recordMessageCountingUnread(tx: Sql, tenant: string, msg: NewConversationMessage): Promise<number> {
  const { sql, params } = insertMessage(tenant, msg);
  // the count's snapshot is the statement's: it does not see the row the statement inserts
  const { rows } = await tx.query<{ n: string }>(
    `WITH added AS (${sql} RETURNING read)
     SELECT (SELECT count(*) FROM ${schemaOf(tenant)}.request_messages WHERE request_id = $2 AND NOT read)
          + (SELECT count(*) FROM added WHERE NOT read) AS n`,
    params,
    { prepare: true },
  );
  return Number(rows[0]?.n ?? 0);
}

export async function markAllRead(tx: Sql, tenant: string, requestId: string): Promise<void> {
  await tx.query(`UPDATE ${schemaOf(tenant)}.request_messages SET read = true WHERE request_id = $1 AND NOT read`, [requestId]);
}

export async function unreadCount(tx: Sql, tenant: string, requestId: string): Promise<number> {
  const { rows } = await tx.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${schemaOf(tenant)}.request_messages WHERE request_id = $1 AND NOT read`,
    [requestId],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function listConversation(sql: Sql, tenant: string, requestId: string): Promise<ConversationMessage[]> {
  const { rows } = await sql.query<{
    id: string; request_id: string; ts: string | Date; direction: 'in' | 'out'; kind: string; summary: string; note: string | null; read: boolean;
    party: string | null; via: string | null;
  }>(`SELECT * FROM ${schemaOf(tenant)}.request_messages WHERE request_id = $1 ORDER BY seq`, [requestId]);
  return rows.map((r) => {
    const codes = messageCodes(r.kind, r.summary);
    return {
      id: r.id,
      requestId: r.request_id,
      timestamp: new Date(r.ts).toISOString(),
      direction: r.direction,
      kind: r.kind,
      summary: r.summary,
      ...(codes ? { codes } : {}),
      ...(r.note ? { note: r.note } : {}),
      read: r.read,
      ...(r.party ? { party: r.party } : {}),
      ...(r.via ? { via: r.via } : {}),
    };
  });
}
