// The audit trails and conversations of many requests in one query each, for GraphQL loaders
// (a list of 50 requests with their timelines costs two queries, not 100).
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import type { AuditRecord } from '../requests/audit.ts';
import type { ConversationMessage } from '../workflow/conversation.ts';

const iso = (ts: Date | string) => new Date(ts).toISOString();

function group<T extends { requestId: string }>(ids: string[], items: T[]): T[][] {
  const by = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const item of items) by.get(item.requestId)?.push(item);
  return ids.map((id) => by.get(id) ?? []);
}

export async function auditOf(sql: Sql, tenant: string, requestIds: string[]): Promise<AuditRecord[][]> {
  const { rows } = await sql.query<{
    id: string; request_id: string; ts: Date | string; actor_type: AuditRecord['actor']['type']; actor_id: string | null;
    action: string | null; from_state: string | null; to_state: string | null; message: string | null; changes: Record<string, unknown> | null;
  }>(
    `SELECT id, request_id, ts, actor_type, actor_id, action, from_state, to_state, message, changes
       FROM ${schemaOf(tenant)}.request_audit WHERE request_id = ANY($1::uuid[]) ORDER BY request_id, seq`,
    [requestIds],
  );
  const records = rows.map((r): AuditRecord => ({
    id: r.id,
    requestId: r.request_id,
    timestamp: iso(r.ts),
    actor: r.actor_id ? { type: r.actor_type, id: r.actor_id } : { type: r.actor_type },
    action: r.action ?? '',
    ...(r.from_state ? { fromState: r.from_state } : {}),
    ...(r.to_state ? { toState: r.to_state } : {}),
    ...(r.message ? { message: r.message } : {}),
    ...(r.changes ? { changes: r.changes } : {}),
  }));
  return group(requestIds, records);
}

export async function messagesOf(sql: Sql, tenant: string, requestIds: string[]): Promise<ConversationMessage[][]> {
  const { rows } = await sql.query<{
    id: string; request_id: string; ts: Date | string; direction: 'in' | 'out'; kind: string; summary: string; note: string | null; read: boolean;
    party: string | null; via: string | null;
  }>(
    `SELECT id, request_id, ts, direction, kind, summary, note, read, party, via
       FROM ${schemaOf(tenant)}.request_messages WHERE request_id = ANY($1::uuid[]) ORDER BY request_id, seq`,
    [requestIds],
  );
  const messages = rows.map((r): ConversationMessage => ({
    id: r.id,
    requestId: r.request_id,
    timestamp: iso(r.ts),
    direction: r.direction,
    kind: r.kind,
    summary: r.summary,
    ...(r.note ? { note: r.note } : {}),
    read: r.read,
    ...(r.party ? { party: r.party } : {}),
    ...(r.via ? { via: r.via } : {}),
  }));
  return group(requestIds, messages);
}
