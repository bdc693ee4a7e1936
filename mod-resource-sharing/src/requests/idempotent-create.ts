// Creating a request is safe to retry. A client that did not hear the answer to its POST (a
// timeout, a dropped connection, a 503 while the database restarted) sends it again with the same
// `Idempotency-Key` header, or with the same client-chosen `id`, and gets the request the first
// call created (200, the same record) instead of a second one. The same key or id with a different
// body is refused (422) rather than silently answered with a request the client did not ask for.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { BadRequestError, ValidationError } from '../okapi/errors.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header (visible ASCII, at most 255 characters), or undefined. */
export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!KEY.test(key)) throw new BadRequestError('Idempotency-Key must be 1 to 255 visible ASCII characters');
  return key;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A fingerprint of the create body that does not depend on the order of its fields. */
export function createFingerprint(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('base64url');
}

/**
 * The request an earlier create with this key (or, without a key, this client-chosen id) made, when
 * it was made from the same body; undefined when there was none; a 422 when the body differs.
 */
export async function priorCreate(
  sql: Sql,
  tenant: string,
  retry: { key?: string; id?: string; fingerprint: string },
): Promise<string | undefined> {
  if (!retry.key && !retry.id) return undefined;
  const { rows } = await sql.query<{ id: string; fp: string | null }>(
    `SELECT id, create_fingerprint AS fp FROM ${schemaOf(tenant)}.requests WHERE ${retry.key ? 'idempotency_key' : 'id'} = $1`,
    [retry.key ?? retry.id],
  );
  const prior = rows[0];
  if (!prior) return undefined;
  if (prior.fp === retry.fingerprint) return prior.id;
  if (retry.key) {
    throw ValidationError.field(
      'Idempotency-Key',
      retry.key,
      `Idempotency-Key ${retry.key} was used for a different request (${prior.id}); use a new key for a new request`,
      'request.idempotencyKeyReused',
    );
  }
  throw ValidationError.field('id', retry.id, `A request with id ${retry.id} already exists`, 'request.idExists');
}

/** True for the refusal insertRequest gives when the id (or the key) is taken. */
export function isDuplicateCreate(err: unknown): boolean {
  return err instanceof ValidationError && err.errors.some((e) => e.code === 'request.idExists');
}
