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

export async function recordMessage(
  tx: Sql,
  tenant: string,
  msg: {
    requestId: string; direction: 'in' | 'out'; kind: string; summary: string; note?: string; read?: boolean; fingerprint?: string;
    party?: string; via?: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO ${schemaOf(tenant)}.request_messages (id, request_id, ts, direction, kind, summary, note, read, fingerprint, party, via)
     VALUES ($1, $2, now(), $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      randomUUID(), msg.requestId, msg.direction, msg.kind, msg.summary, msg.note ?? null, msg.read ?? true, msg.fingerprint ?? null,
      msg.party ?? null, msg.via ?? null,
    ],
  );
}

/** True when a message with this fingerprint was already taken in (a partner's retry). */
export async function seenBefore(tx: Sql, tenant: string, fingerprint: string): Promise<boolean> {
  const { rows } = await tx.query(`SELECT 1 FROM ${schemaOf(tenant)}.request_messages WHERE fingerprint = $1`, [fingerprint]);
  return rows.length > 0;
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
