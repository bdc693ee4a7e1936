// The audit trail: every change to a request, by whom (a user, a partner library, the system),
// when, and from which state to which.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';

export type ActorType = 'user' | 'partner' | 'system';

export interface Actor {
  type: ActorType;
  /** user id, partner symbol, or the name of the system job */
  id?: string;
}

export interface AuditEntry {
  action: string;
  fromState?: string;
  toState?: string;
  message?: string;
  changes?: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  requestId: string;
  timestamp: string;
  actor: Actor;
}

export const AUDIT_COLUMNS = 'id, request_id, ts, actor_type, actor_id, action, from_state, to_state, message, changes';

/** The values of AUDIT_COLUMNS after `request_id` and `ts`, from `id` on: 8 parameters. */
export function auditValues(actor: Actor, entry: AuditEntry): unknown[] {
  return [
    randomUUID(),
    actor.type,
    actor.id ?? null,
    entry.action,
    entry.fromState ?? null,
    entry.toState ?? null,
    entry.message ?? null,
    entry.changes ? JSON.stringify(entry.changes) : null,
  ];
}

/** AUDIT_COLUMNS' values as SQL, the parameters numbered from `first` (as auditValues orders them). */
export function auditPlaceholders(first: number, requestId: string, ts: string): string {
  const p = (i: number, type: string) => `$${first + i}::${type}`;
  return `${p(0, 'uuid')}, ${requestId}, ${ts}, ${p(1, 'text')}, ${p(2, 'text')}, ${p(3, 'text')}, ${p(4, 'text')}, ${p(5, 'text')}, ${p(6, 'text')}, ${p(7, 'jsonb')}`;
}

export async function recordAudit(
  tx: Sql,
  tenant: string,
  requestId: string,
  actor: Actor,
  entry: AuditEntry,
  at: Date = new Date(),
): Promise<void> {
  await tx.query(
    `INSERT INTO ${schemaOf(tenant)}.request_audit (${AUDIT_COLUMNS})
     VALUES (${auditPlaceholders(3, '$1::uuid', '$2::timestamptz')})`,
    [requestId, at.toISOString(), ...auditValues(actor, entry)],
  );
}

interface AuditRow {
  id: string;
  request_id: string;
  ts: Date | string;
  actor_type: ActorType;
  actor_id: string | null;
  action: string | null;
  from_state: string | null;
  to_state: string | null;
  message: string | null;
  changes: Record<string, unknown> | null;
}

export async function listAudit(sql: Sql, tenant: string, requestId: string): Promise<AuditRecord[]> {
  const { rows } = await sql.query<AuditRow>(
    `SELECT * FROM ${schemaOf(tenant)}.request_audit WHERE request_id = $1 ORDER BY seq`,
    [requestId],
  );
  return rows.map((r) => {
    const rec: AuditRecord = {
      id: r.id,
      requestId: r.request_id,
      timestamp: new Date(r.ts).toISOString(),
      actor: r.actor_id ? { type: r.actor_type, id: r.actor_id } : { type: r.actor_type },
      action: r.action ?? '',
    };
    if (r.from_state) rec.fromState = r.from_state;
    if (r.to_state) rec.toState = r.to_state;
    if (r.message) rec.message = r.message;
    if (r.changes) rec.changes = r.changes;
    return rec;
  });
}
