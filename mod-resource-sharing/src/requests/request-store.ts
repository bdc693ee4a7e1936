// Reading and writing request records. Every write checks the record's `_version` (optimistic
// locking), bumps it, and writes an audit entry in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { cqlToSql } from '../cql/index.ts';
import { countTotal, pageQuery, type Paging } from '../okapi/paging.ts';
import { ConflictError, NotFoundError, ValidationError } from '../okapi/errors.ts';
import { AUDIT_COLUMNS, auditPlaceholders, auditValues, type Actor, type AuditEntry } from './audit.ts';
import { requestFields } from './request-fields.ts';
import { compileChecker, throwIfAny } from '../directory/validation.ts';
import { updateRequestSchema } from './request-schema.ts';
import type { ResourceSharingRequest } from './request-types.ts';
import { announceChange } from '../live/request-notifier.ts';
import { getSettings } from '../settings/settings-store.ts';
import { messageInsertFrom, type NewConversationMessage } from '../workflow/conversation.ts';

const storable = compileChecker(updateRequestSchema);

/**
 * Refuses (422 naming the fields) a record its own PUT schema would refuse: whatever door a
 * request comes in by (staff, patron, a partner's message, a host's answer), it is stored only
 * within the limits staff work with, so an untouched record can always be saved again.
 */
export function assertStorable(record: ResourceSharingRequest): void {
  throwIfAny(storable.errors(record));
}

export type NewRequest = Omit<ResourceSharingRequest, 'id' | 'hrid' | '_version' | 'metadata'> & { id?: string };

interface Row {
  id: string;
  version: number;
  jsonb: ResourceSharingRequest;
}

function fromRow(row: Row): ResourceSharingRequest {
  return { ...row.jsonb, id: row.id, _version: row.version };
}

/** The tenant's hrid prefix: the setting requestIdPrefix, else the tenant id in capitals. */
async function hridPrefix(sql: Sql, tenant: string): Promise<string> {
  const { requestIdPrefix } = await getSettings(sql, tenant);
  return requestIdPrefix || tenant.toUpperCase();
}

export async function insertRequest(
  tx: Sql,
  tenant: string,
  input: NewRequest,
  actor: Actor,
  audit: AuditEntry = { action: 'create' },
  /** what makes a retried create find this request again (see idempotent-create.ts) */
  retry: { idempotencyKey?: string; fingerprint?: string } = {},
  /** the message that brought the request, recorded in its conversation by the same statement */
  message?: Omit<NewConversationMessage, 'requestId'>,
  /** the transaction's last statement: it carries the COMMIT (QueryOptions.commit) */
  opts: { commit?: boolean } = {},
): Promise<ResourceSharingRequest> {
  const s = schemaOf(tenant);
  const id = input.id ?? randomUUID();
  const now = new Date().toISOString();
  const prefix = await hridPrefix(tx, tenant);
  const metadata = { createdDate: now, updatedDate: now } as ResourceSharingRequest['metadata'];
  if (actor.type === 'user' && actor.id) {
    metadata.createdByUserId = actor.id;
    metadata.updatedByUserId = actor.id;
  }
  // checked with a stand-in number: the real one comes from the sequence in the insert itself
  const record: ResourceSharingRequest = { ...input, id, hrid: `${prefix}-0`, _version: 1, metadata };
  assertStorable(record);
  const { hrid: _standIn, ...stored } = record;
  const params = [
    id,
    prefix,
    record.role,
    record.state,
    record.needsAttention,
    now,
    JSON.stringify(stored),
    retry.idempotencyKey ?? null,
    retry.fingerprint ?? null,
    ...auditValues(actor, { ...audit, toState: audit.toState ?? record.state }),
  ];
  const recorded = message ? messageInsertFrom(tenant, 'created', params.length + 1, message) : undefined;
  const inserted = await guarded(opts.commit, () => tx.query<{ hrid: string }>(
    // the hrid's number, the row and its first audit entry in one round trip; none of them when
    // the id (or the key) is taken
    `WITH numbered AS (SELECT $2::text || '-' || nextval('${s}.request_hrid_seq') AS hrid),
     created AS (
       INSERT INTO ${s}.requests (id, hrid, role, state, needs_attention, version, created_date, updated_date, jsonb,
                                  idempotency_key, create_fingerprint)
       SELECT $1::uuid, numbered.hrid, $3::text, $4::text, $5::boolean, 1, $6::timestamptz, $6::timestamptz,
              $7::jsonb || jsonb_build_object('hrid', numbered.hrid), $8::text, $9::text
         FROM numbered
       ON CONFLICT DO NOTHING
       RETURNING id, hrid),
     audited AS (
       INSERT INTO ${s}.request_audit (${AUDIT_COLUMNS})
       SELECT ${auditPlaceholders(10, 'created.id', '$6::timestamptz')} FROM created)
     ${recorded ? `, recorded AS (${recorded.sql})` : ''}
     SELECT created.hrid
       ${fromWritten('created', opts.commit)}`,
    [...params, ...(recorded?.params ?? [])],
    { prepare: true, commit: opts.commit },
  ));
  const hrid = inserted?.rows[0]?.hrid;
  if (!hrid) throw ValidationError.field('id', id, `A request with id ${id} already exists`, 'request.idExists');
  const created = { ...record, hrid };
  announceChange(tx, tenant, created);
  return created;
}

export async function getRequest(
  sql: Sql,
  tenant: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ResourceSharingRequest | null> {
  const { rows } = await sql.query<Row>(
    `SELECT id, version, jsonb FROM ${schemaOf(tenant)}.requests WHERE id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
    { prepare: true },
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function mustGetRequest(sql: Sql, tenant: string, id: string, opts: { forUpdate?: boolean } = {}) {
  const found = await getRequest(sql, tenant, id, opts);
  if (!found) throw new NotFoundError(`Request ${id} not found`);
  return found;
}

/**
 * Writes `next` over the stored record if its `_version` is still `next._version`; answers the
 * stored record with the new version. A stale version is a 409. `also.message` is recorded in the
 * request's conversation by the same statement; with `countUnread` the statement also sets the
 * record's `unreadMessages` to the count of unread messages it leaves (it sees rows committed
 * before it, and the one it adds).
 */
export async function saveRequest(
  tx: Sql,
  tenant: string,
  next: ResourceSharingRequest,
  actor: Actor,
  audit: AuditEntry,
  also: {
    message?: Omit<NewConversationMessage, 'requestId'>;
    countUnread?: boolean;
    /** the transaction's last statement: it carries the COMMIT (QueryOptions.commit) */
    commit?: boolean;
  } = {},
): Promise<ResourceSharingRequest> {
  const s = schemaOf(tenant);
  const now = new Date().toISOString();
  const version = next._version + 1;
  const metadata = { ...next.metadata, updatedDate: now };
  if (actor.type === 'user' && actor.id) metadata.updatedByUserId = actor.id;
  else delete metadata.updatedByUserId;
  const record: ResourceSharingRequest = { ...next, _version: version, metadata };
  assertStorable(record);
  const params = [next.id, next._version, record.state, record.needsAttention, version, now, JSON.stringify(record), ...auditValues(actor, audit)];
  const recorded = also.message ? messageInsertFrom(tenant, 'saved', params.length + 1, also.message) : undefined;
  const unread = also.countUnread && also.message && !also.message.read;
  const jsonb = unread
    ? `jsonb_set($7::jsonb, '{unreadMessages}', to_jsonb(1 + (SELECT count(*) FROM ${s}.request_messages m WHERE m.request_id = $1 AND NOT m.read)))`
    : '$7::jsonb';
  const saved = await guarded(also.commit, () => tx.query<{ unread: number | null }>(
    // the update, its audit entry and the message in one round trip: the entry and the message
    // happen only when the version matched
    `WITH saved AS (
       UPDATE ${s}.requests SET state = $3, needs_attention = $4, version = $5, updated_date = $6, jsonb = ${jsonb}
        WHERE id = $1 AND version = $2
       RETURNING id, (jsonb->>'unreadMessages')::integer AS unread),
     audited AS (
       INSERT INTO ${s}.request_audit (${AUDIT_COLUMNS})
       SELECT ${auditPlaceholders(8, 'saved.id', '$6::timestamptz')} FROM saved)
     ${recorded ? `, recorded AS (${recorded.sql})` : ''}
     SELECT saved.unread ${fromWritten('saved', also.commit)}`,
    [...params, ...(recorded?.params ?? [])],
    { prepare: true, commit: also.commit },
  ));
  if (!saved) {
    throw new ConflictError(`Cannot update request ${next.id}: version ${next._version} is out of date; reload it and try again`);
  }
  const { rows } = saved;
  if (rows.length === 0) {
    const current = await getRequest(tx, tenant, next.id);
    if (!current) throw new NotFoundError(`Request ${next.id} not found`);
    throw new ConflictError(
      `Cannot update request ${next.id}: version ${next._version} is out of date, current version is ${current._version}`,
    );
  }
  const stored = unread && rows[0].unread !== null ? { ...record, unreadMessages: rows[0].unread } : record;
  announceChange(tx, tenant, stored);
  return stored;
}

/**
 * The FROM of a writing statement's answer, `written` being its data-modifying CTE. When the
 * statement carries the COMMIT it must fail, not answer no rows, when it wrote nothing (a stale
 * version, a taken id), or the transaction's other writes would be committed without it: a
 * division by the count of rows written does that.
 */
function fromWritten(written: string, commit: boolean | undefined): string {
  return commit ? `FROM (SELECT 1 / count(*) AS written FROM ${written}) guard LEFT JOIN ${written} ON guard.written = 1` : `FROM ${written}`;
}

/** Runs a statement built with fromWritten; undefined when it failed because it wrote nothing. */
async function guarded<T>(commit: boolean | undefined, statement: () => Promise<T>): Promise<T | undefined> {
  try {
    return await statement();
  } catch (err) {
    if (commit && (err as { code?: string }).code === '22012') return undefined;
    throw err;
  }
}

export async function deleteRequest(tx: Sql, tenant: string, id: string): Promise<void> {
  const { rowCount } = await tx.query(`DELETE FROM ${schemaOf(tenant)}.requests WHERE id = $1`, [id]);
  if (rowCount === 0) throw new NotFoundError(`Request ${id} not found`);
}

export async function listRequests(
  sql: Sql,
  tenant: string,
  cql: string | undefined,
  paging: Paging,
): Promise<{ requests: ResourceSharingRequest[]; totalRecords?: number }> {
  const q = cqlToSql(cql ?? '', requestFields);
  const from = `${schemaOf(tenant)}.requests r`;
  const order = q.orderBy ?? requestFields.defaultSort ?? 'r.created_date DESC';
  const totalRecords = await countTotal(sql, from, q.where, q.params, paging);
  const { rows } = await sql.query<Row>(
    pageQuery(
      { columns: 'r.id, r.version, r.jsonb', table: `${schemaOf(tenant)}.requests`, alias: 'r', where: q.where, orderBy: order, key: 'id' },
      q.params.length + 1,
      totalRecords,
    ),
    [...q.params, paging.limit, paging.offset],
  );
  return { requests: rows.map(fromRow), totalRecords };
}
