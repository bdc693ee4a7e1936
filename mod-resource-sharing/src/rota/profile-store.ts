// Reading and writing rota profiles. Every supplier of a profile must be a directory symbol
// (rota_profile_symbols references directory_symbols), listed once; names are unique.
import { randomUUID } from 'node:crypto';
import { cqlToSql } from '../cql/index.ts';
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { compileChecker, fieldError, throwIfAny, uniquely } from '../directory/validation.ts';
import { parseSymbol, renderSymbol, symbolKey } from '../directory/symbols.ts';
import { ConflictError, NotFoundError, type FolioError } from '../okapi/errors.ts';
import { countTotal, type Paging } from '../okapi/paging.ts';
import { profileFields } from './profile-fields.ts';
import { rotaProfileSchema } from './profile-schema.ts';
import type { RotaProfile, RotaProfileInput } from './rota-types.ts';

interface Row {
  id: string;
  version: number;
  jsonb: RotaProfile;
}

const checker = compileChecker(rotaProfileSchema);

function fromRow(row: Row): RotaProfile {
  return { ...row.jsonb, id: row.id, _version: row.version };
}

/** Schema errors and symbols that are malformed, listed twice or not in the directory. */
export async function profileErrors(sql: Sql, tenant: string, body: unknown, id: string | null): Promise<FolioError[]> {
  const errors = checker.errors(body);
  if (errors.length) return errors;
  const input = body as RotaProfileInput;
  if (input.ordered && input.strategy === 'mostLikelyFastest') {
    errors.push(
      fieldError('strategy', input.strategy, 'strategy: an ordered profile asks its suppliers in the listed order; mostLikelyFastest needs ordered: false', 'rota.strategyOrdered'),
    );
  }
  const seen = new Map<string, number>();
  const wellFormed: { i: number; key: string }[] = [];
  input.entries.forEach((e, i) => {
    const field = `entries[${i}].symbol`;
    if (!parseSymbol(e.symbol)) {
      errors.push(fieldError(field, e.symbol, `${field} must be AUTHORITY:CODE, e.g. ISIL:DK-820010`, 'validation.pattern'));
      return;
    }
    const key = symbolKey(e.symbol);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push(fieldError(field, e.symbol, `${field}: ${key} is already listed as entries[${first}]`, 'rota.duplicateSymbol'));
      return;
    }
    seen.set(key, i);
    wellFormed.push({ i, key });
  });
  if (wellFormed.length) {
    const { rows } = await sql.query<{ symbol_key: string }>(
      `SELECT symbol_key FROM ${schemaOf(tenant)}.directory_symbols WHERE symbol_key = ANY($1::text[])`,
      [wellFormed.map((w) => w.key)],
    );
    const known = new Set(rows.map((r) => r.symbol_key));
    for (const w of wellFormed) {
      if (!known.has(w.key)) {
        const field = `entries[${w.i}].symbol`;
        errors.push(fieldError(field, input.entries[w.i].symbol, `${field}: ${w.key} is not in the directory`, 'rota.unknownSymbol'));
      }
    }
  }
  const { rows: sameName } = await sql.query(
    `SELECT 1 FROM ${schemaOf(tenant)}.rota_profiles WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid`,
    [input.name.trim(), id],
  );
  if (sameName.length) errors.push(fieldError('name', input.name, `A rota profile named "${input.name.trim()}" already exists`, 'rota.nameTaken'));
  return errors;
}

function normalise(input: RotaProfileInput): Omit<RotaProfileInput, 'id' | '_version'> & { rules: RotaProfile['rules'] } {
  return {
    name: input.name.trim(),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ordered: input.ordered,
    ...(input.strategy !== undefined ? { strategy: input.strategy } : {}),
    entries: input.entries.map((e) => ({ ...e, symbol: renderSymbol(parseSymbol(e.symbol)!) })),
    rules: input.rules ?? [],
    ...(input.useBroker !== undefined ? { useBroker: input.useBroker } : {}),
  };
}

async function writeSymbols(tx: Sql, tenant: string, id: string, profile: RotaProfileInput): Promise<void> {
  const s = schemaOf(tenant);
  await tx.query(`DELETE FROM ${s}.rota_profile_symbols WHERE profile_id = $1`, [id]);
  await tx.query(
    `INSERT INTO ${s}.rota_profile_symbols (profile_id, symbol_key) SELECT $1, k FROM unnest($2::text[]) AS k`,
    [id, profile.entries.map((e) => symbolKey(e.symbol))],
  );
}

export async function getProfile(sql: Sql, tenant: string, id: string, forUpdate = false): Promise<RotaProfile | null> {
  const { rows } = await sql.query<Row>(
    `SELECT p.id, p.version, p.jsonb FROM ${schemaOf(tenant)}.rota_profiles p WHERE p.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function mustGetProfile(sql: Sql, tenant: string, id: string, forUpdate = false): Promise<RotaProfile> {
  const p = await getProfile(sql, tenant, id, forUpdate);
  if (!p) throw new NotFoundError(`Rota profile ${id} not found`);
  return p;
}

export async function allProfiles(sql: Sql, tenant: string): Promise<RotaProfile[]> {
  const { rows } = await sql.query<Row>(
    `SELECT p.id, p.version, p.jsonb FROM ${schemaOf(tenant)}.rota_profiles p ORDER BY ${profileFields.defaultSort}`,
  );
  return rows.map(fromRow);
}

export async function listProfiles(
  sql: Sql,
  tenant: string,
  cql: string | undefined,
  paging: Paging,
): Promise<{ rotas: RotaProfile[]; totalRecords?: number }> {
  const q = cqlToSql(cql ?? '', profileFields);
  const from = `${schemaOf(tenant)}.rota_profiles p`;
  const n = q.params.length;
  const { rows } = await sql.query<Row>(
    `SELECT p.id, p.version, p.jsonb FROM ${from} WHERE ${q.where} ORDER BY ${q.orderBy ?? profileFields.defaultSort}
     LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...q.params, paging.limit, paging.offset],
  );
  const totalRecords = await countTotal(sql, from, q.where, q.params, paging);
  return { rotas: rows.map(fromRow), totalRecords };
}

export async function createProfile(tx: Sql, tenant: string, body: unknown, userId?: string): Promise<RotaProfile> {
  throwIfAny(await profileErrors(tx, tenant, body, null));
  const input = body as RotaProfileInput;
  const id = input.id ?? randomUUID();
  if (input.id && (await getProfile(tx, tenant, input.id))) {
    throwIfAny([fieldError('id', input.id, `A rota profile with id ${input.id} already exists`, 'rota.idExists')]);
  }
  const now = new Date().toISOString();
  const metadata: RotaProfile['metadata'] = { createdDate: now, updatedDate: now };
  if (userId) Object.assign(metadata, { createdByUserId: userId, updatedByUserId: userId });
  const profile: RotaProfile = { ...normalise(input), id, _version: 1, metadata };
  await uniquely(
    () =>
      tx.query(
        `INSERT INTO ${schemaOf(tenant)}.rota_profiles (id, name, version, created_date, updated_date, jsonb) VALUES ($1, $2, 1, $3, $3, $4)`,
        [id, profile.name, now, JSON.stringify(profile)],
      ),
    'name',
    profile.name,
    `A rota profile named "${profile.name}" already exists`,
  );
  await writeSymbols(tx, tenant, id, profile);
  return profile;
}

export async function updateProfile(tx: Sql, tenant: string, id: string, body: unknown, userId?: string): Promise<RotaProfile> {
  const current = await mustGetProfile(tx, tenant, id, true);
  throwIfAny(await profileErrors(tx, tenant, body, id));
  const input = body as RotaProfileInput;
  if (input.id !== undefined && input.id !== id) {
    throwIfAny([fieldError('id', input.id, 'The id in the body does not match the id in the path')]);
  }
  if (input._version !== undefined && input._version !== current._version) {
    throw new ConflictError(
      `Cannot update rota profile ${id}: version ${input._version} is out of date, current version is ${current._version}`,
    );
  }
  const now = new Date().toISOString();
  const metadata: RotaProfile['metadata'] = { ...current.metadata, updatedDate: now };
  if (userId) metadata.updatedByUserId = userId;
  else delete metadata.updatedByUserId;
  const profile: RotaProfile = { ...normalise(input), id, _version: current._version + 1, metadata };
  await uniquely(
    () =>
      tx.query(
        `UPDATE ${schemaOf(tenant)}.rota_profiles SET name = $2, version = $3, updated_date = $4, jsonb = $5 WHERE id = $1`,
        [id, profile.name, profile._version, now, JSON.stringify(profile)],
      ),
    'name',
    profile.name,
    `A rota profile named "${profile.name}" already exists`,
  );
  await writeSymbols(tx, tenant, id, profile);
  return profile;
}

export async function deleteProfile(tx: Sql, tenant: string, id: string): Promise<void> {
  const { rowCount } = await tx.query(`DELETE FROM ${schemaOf(tenant)}.rota_profiles WHERE id = $1`, [id]);
  if (rowCount === 0) throw new NotFoundError(`Rota profile ${id} not found`);
}
