// Reading and writing request records. Every write checks the record's `_version` (optimistic
// locking), bumps it, and writes an audit entry in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { cqlToSql } from '../cql/index.ts';
import { countTotal, pageQuery, type Paging } from '../okapi/paging.ts';
import { ConflictError, NotFoundError, ValidationError } from '../okapi/errors.ts';
import { recordAudit, type Actor, type AuditEntry } from './audit.ts';
import { requestFields } from './request-fields.ts';
import type { ResourceSharingRequest } from './request-types.ts';
import { notifyRequestChanged } from '../live/request-events.ts';

export type NewRequest = Omit<ResourceSharingRequest, 'id' | 'hrid' | '_version' | 'metadata'> & { id?: string };

interface Row {
  id: string;
  version: number;
  jsonb: ResourceSharingRequest;
}

function fromRow(row: Row): ResourceSharingRequest {
  return { ...row.jsonb, id: row.id, _version: row.version };
}

async function hridPrefix(tx: Sql, tenant: string): Promise<string> {
  const { rows } = await tx.query<{ value: unknown }>(
    `SELECT value FROM ${schemaOf(tenant)}.settings WHERE key = 'requestIdPrefix'`,
  );
  const v = rows[0]?.value;
  return typeof v === 'string' && v ? v : tenant.toUpperCase();
}

export async function insertRequest(
  tx: Sql,
  tenant: string,
  input: NewRequest,
  actor: Actor,
  audit: AuditEntry = { action: 'create' },
): Promise<ResourceSharingRequest> {
  const s = schemaOf(tenant);
  const id = input.id ?? randomUUID();
  const now = new Date().toISOString();
  const { rows: seq } = await tx.query<{ n: string }>(`SELECT nextval('${s}.request_hrid_seq') AS n`);
  const hrid = `${await hridPrefix(tx, tenant)}-${seq[0].n}`;
  const metadata = { createdDate: now, updatedDate: now } as ResourceSharingRequest['metadata'];
  if (actor.type === 'user' && actor.id) {
    metadata.createdByUserId = actor.id;
    metadata.updatedByUserId = actor.id;
  }
  const record: ResourceSharingRequest = { ...input, id, hrid, _version: 1, metadata };
  const inserted = await tx.query(
    `INSERT INTO ${s}.requests (id, hrid, role, state, needs_attention, version, created_date, updated_date, jsonb)
     VALUES ($1, $2, $3, $4, $5, 1, $6, $6, $7) ON CONFLICT (id) DO NOTHING`,
    [id, hrid, record.role, record.state, record.needsAttention, now, JSON.stringify(record)],
  );
  if (inserted.rowCount === 0) throw ValidationError.field('id', id, `A request with id ${id} already exists`, 'request.idExists');
  await recordAudit(tx, tenant, id, actor, { ...audit, toState: audit.toState ?? record.state });
  await notifyRequestChanged(tx, tenant, record);
  return record;
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
 * stored record with the new version. A stale version is a 409.
 */
export async function saveRequest(
  tx: Sql,
  tenant: string,
  next: ResourceSharingRequest,
  actor: Actor,
  audit: AuditEntry,
): Promise<ResourceSharingRequest> {
  const s = schemaOf(tenant);
  const now = new Date().toISOString();
  const version = next._version + 1;
  const metadata = { ...next.metadata, updatedDate: now };
  if (actor.type === 'user' && actor.id) metadata.updatedByUserId = actor.id;
  else delete metadata.updatedByUserId;
  const record: ResourceSharingRequest = { ...next, _version: version, metadata };
  const { rowCount } = await tx.query(
    `UPDATE ${s}.requests SET state = $3, needs_attention = $4, version = $5, updated_date = $6, jsonb = $7
     WHERE id = $1 AND version = $2`,
    [next.id, next._version, record.state, record.needsAttention, version, now, JSON.stringify(record)],
  );
  if (rowCount === 0) {
    const current = await getRequest(tx, tenant, next.id);
    if (!current) throw new NotFoundError(`Request ${next.id} not found`);
    throw new ConflictError(
      `Cannot update request ${next.id}: version ${next._version} is out of date, current version is ${current._version}`,
    );
  }
  await recordAudit(tx, tenant, next.id, actor, audit);
  await notifyRequestChanged(tx, tenant, record);
  return record;
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
