// Reading and writing directory entries. Every symbol lives once in directory_symbols, so a symbol
// can belong to only one entry of a tenant; at most one entry is the tenant itself (`self`).
// Writes check `_version` when the client sends one (optimistic locking).
import { randomUUID } from 'node:crypto';
import { cqlToSql } from '../cql/index.ts';
import type { Sql } from '../db/database.ts';
import { cached, forgetTenant } from '../db/tenant-cache.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { ConflictError, NotFoundError, type FolioError } from '../okapi/errors.ts';
import { countTotal, type Paging } from '../okapi/paging.ts';
import { directoryFields } from './directory-fields.ts';
import { LOCAL_FIELDS, POLICY_FIELDS, type DirectoryEntry, type DirectoryEntryInput } from './directory-types.ts';
import { normaliseEntry } from './entry-validation.ts';
import { keepMaskedSecrets, maskErrors } from './secrets.ts';
import { renderSymbol, symbolKey } from './symbols.ts';
import { fieldError, throwIfAny, uniquely } from './validation.ts';

interface Row {
  id: string;
  version: number;
  jsonb: DirectoryEntry;
}

const COLUMNS = 'd.id, d.version, d.jsonb';

function fromRow(row: Row): DirectoryEntry {
  return { source: 'local', ...row.jsonb, id: row.id, _version: row.version };
}

export async function getEntry(sql: Sql, tenant: string, id: string, forUpdate = false): Promise<DirectoryEntry | null> {
  const { rows } = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM ${schemaOf(tenant)}.directory_entries d WHERE d.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function mustGetEntry(sql: Sql, tenant: string, id: string, forUpdate = false): Promise<DirectoryEntry> {
  const entry = await getEntry(sql, tenant, id, forUpdate);
  if (!entry) throw new NotFoundError(`Directory entry ${id} not found`);
  return entry;
}

/**
 * The entry that owns `symbol` (`AUTHORITY:CODE`, any case), or null. Every partner message asks:
 * answered from this instance's cache (frozen), forgotten on any directory write (tenant-cache.ts).
 */
export async function findEntryBySymbol(sql: Sql, tenant: string, symbol: string): Promise<DirectoryEntry | null> {
  const key = symbolKey(symbol);
  return cached(sql, tenant, `entry:${key}`, async () => {
    const { rows } = await sql.query<Row>(
      `SELECT ${COLUMNS} FROM ${schemaOf(tenant)}.directory_entries d
         JOIN ${schemaOf(tenant)}.directory_symbols ds ON ds.entry_id = d.id
        WHERE ds.symbol_key = $1`,
      [key],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  });
}

/** The tenant's own entry (`self: true`), or null when none is marked; cached like findEntryBySymbol. */
export async function findSelfEntry(sql: Sql, tenant: string): Promise<DirectoryEntry | null> {
  return cached(sql, tenant, 'self', async () => {
    const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM ${schemaOf(tenant)}.directory_entries d WHERE d.self`);
    return rows[0] ? fromRow(rows[0]) : null;
  });
}

/** Every entry, ordered by name. */
export async function allEntries(sql: Sql, tenant: string): Promise<DirectoryEntry[]> {
  const { rows } = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM ${schemaOf(tenant)}.directory_entries d ORDER BY ${directoryFields.defaultSort}`,
  );
  return rows.map(fromRow);
}

export async function listEntries(
  sql: Sql,
  tenant: string,
  cql: string | undefined,
  paging: Paging,
): Promise<{ entries: DirectoryEntry[]; totalRecords?: number }> {
  const q = cqlToSql(cql ?? '', directoryFields);
  const from = `${schemaOf(tenant)}.directory_entries d`;
  const n = q.params.length;
  const { rows } = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM ${from} WHERE ${q.where} ORDER BY ${q.orderBy ?? directoryFields.defaultSort}
     LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...q.params, paging.limit, paging.offset],
  );
  const totalRecords = await countTotal(sql, from, q.where, q.params, paging);
  return { entries: rows.map(fromRow), totalRecords };
}

/** Where a field name goes in an error: `symbols`, or `entries[3].symbols` for an import. */
const named = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

/**
 * The errors that writing `input` as entry `id` would cause against what is stored: a symbol
 * of another entry, a second `self` entry, a dropped symbol still used by a rota profile.
 */
async function storeErrors(tx: Sql, tenant: string, id: string, input: DirectoryEntryInput, prefix: string): Promise<FolioError[]> {
  const s = schemaOf(tenant);
  const errors: FolioError[] = [];
  const keys = input.symbols.map(symbolKey);
  const { rows: taken } = await tx.query<{ symbol_key: string; name: string }>(
    `SELECT ds.symbol_key, d.name FROM ${s}.directory_symbols ds JOIN ${s}.directory_entries d ON d.id = ds.entry_id
      WHERE ds.symbol_key = ANY($1::text[]) AND ds.entry_id <> $2`,
    [keys, id],
  );
  for (const t of taken) {
    errors.push(
      fieldError(named(prefix, 'symbols'), t.symbol_key, `${t.symbol_key} already belongs to the directory entry "${t.name}"`, 'directory.symbolTaken'),
    );
  }
  if (input.self) {
    const { rows } = await tx.query<{ name: string }>(`SELECT name FROM ${s}.directory_entries WHERE self AND id <> $1`, [id]);
    if (rows[0]) {
      errors.push(
        fieldError(named(prefix, 'self'), true, `"${rows[0].name}" is already marked as this library's own entry`, 'directory.selfTaken'),
      );
    }
  }
  const { rows: inUse } = await tx.query<{ symbol_key: string; name: string }>(
    `SELECT ps.symbol_key, p.name FROM ${s}.rota_profile_symbols ps JOIN ${s}.rota_profiles p ON p.id = ps.profile_id
      JOIN ${s}.directory_symbols ds ON ds.symbol_key = ps.symbol_key
      WHERE ds.entry_id = $1 AND NOT (ps.symbol_key = ANY($2::text[]))`,
    [id, keys],
  );
  for (const u of inUse) {
    errors.push(
      fieldError(named(prefix, 'symbols'), u.symbol_key, `${u.symbol_key} cannot be removed: the rota profile "${u.name}" uses it`, 'directory.symbolInUse'),
    );
  }
  return errors;
}

async function writeSymbols(tx: Sql, tenant: string, id: string, input: DirectoryEntryInput, prefix: string): Promise<void> {
  const s = schemaOf(tenant);
  const keys = input.symbols.map(symbolKey);
  await tx.query(`DELETE FROM ${s}.directory_symbols WHERE entry_id = $1 AND NOT (symbol_key = ANY($2::text[]))`, [id, keys]);
  try {
    await tx.query(
      `INSERT INTO ${s}.directory_symbols (symbol_key, entry_id)
       SELECT k, $1 FROM unnest($2::text[]) AS k
        WHERE NOT EXISTS (SELECT 1 FROM ${s}.directory_symbols o WHERE o.symbol_key = k AND o.entry_id = $1)`,
      [id, keys],
    );
  } catch (err) {
    // another transaction took one of the symbols after storeErrors looked
    if ((err as { code?: string }).code !== '23505') throw err;
    throwIfAny([fieldError(named(prefix, 'symbols'), keys.join(' '), `${named(prefix, 'symbols')}: a symbol was just taken by another entry`, 'directory.symbolTaken')]);
  }
}

const symbolText = (input: DirectoryEntryInput) => ` ${input.symbols.map(renderSymbol).join(' ')} `;

export interface WriteOptions {
  userId?: string;
  /** prefix of field names in errors, e.g. `entries[3]` */
  prefix?: string;
}

export async function createEntry(tx: Sql, tenant: string, body: DirectoryEntryInput, opts: WriteOptions = {}): Promise<DirectoryEntry> {
  const s = schemaOf(tenant);
  forgetTenant(tx, tenant);
  const id = body.id ?? randomUUID();
  const prefix = opts.prefix ?? '';
  if (body.id && (await getEntry(tx, tenant, body.id))) {
    throwIfAny([fieldError(named(prefix, 'id'), body.id, `A directory entry with id ${body.id} already exists`, 'directory.idExists')]);
  }
  const input = normaliseEntry(body);
  throwIfAny(maskErrors(input, (f) => named(prefix, f)));
  throwIfAny(await storeErrors(tx, tenant, id, input, prefix));
  const now = new Date().toISOString();
  const metadata: DirectoryEntry['metadata'] = { createdDate: now, updatedDate: now };
  if (opts.userId) Object.assign(metadata, { createdByUserId: opts.userId, updatedByUserId: opts.userId });
  const entry: DirectoryEntry = {
    ...input,
    id,
    self: input.self ?? false,
    partner: input.partner ?? false,
    iso18626Version: input.iso18626Version ?? '2017',
    source: input.source ?? 'local',
    _version: 1,
    metadata,
  };
  await uniquely(
    () =>
      tx.query(
        `INSERT INTO ${s}.directory_entries (id, name, self, partner, symbol_text, version, created_date, updated_date, jsonb)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $6, $7)`,
        [id, entry.name, entry.self, entry.partner, symbolText(entry), now, JSON.stringify(entry)],
      ),
    named(prefix, 'self'),
    true,
    'Another entry was just marked as this library\'s own',
  );
  await writeSymbols(tx, tenant, id, entry, prefix);
  return entry;
}

/** Replaces entry `id` with `body`. A `_version` in the body must be the stored one (else 409). */
export async function updateEntry(
  tx: Sql,
  tenant: string,
  id: string,
  body: DirectoryEntryInput,
  opts: WriteOptions & { keepLocalFields?: boolean } = {},
): Promise<DirectoryEntry> {
  forgetTenant(tx, tenant);
  const s = schemaOf(tenant);
  const current = await mustGetEntry(tx, tenant, id, true);
  if (body._version !== undefined && body._version !== current._version) {
    throw new ConflictError(
      `Cannot update directory entry ${id}: version ${body._version} is out of date, current version is ${current._version}`,
    );
  }
  const input = normaliseEntry(body);
  keepMaskedSecrets(input, current);
  if (opts.keepLocalFields) {
    // An import describes the institution; our own relation to it stays unless the file says otherwise.
    const target = input as unknown as Record<string, unknown>;
    for (const field of [...LOCAL_FIELDS, ...POLICY_FIELDS]) {
      if (input[field] === undefined && current[field] !== undefined) target[field] = current[field];
    }
  }
  throwIfAny(await storeErrors(tx, tenant, id, input, opts.prefix ?? ''));
  const now = new Date().toISOString();
  const metadata: DirectoryEntry['metadata'] = { ...current.metadata, updatedDate: now };
  if (opts.userId) metadata.updatedByUserId = opts.userId;
  else delete metadata.updatedByUserId;
  const entry: DirectoryEntry = {
    ...input,
    id,
    self: input.self ?? false,
    partner: input.partner ?? false,
    iso18626Version: input.iso18626Version ?? '2017',
    source: input.source ?? 'local',
    _version: current._version + 1,
    ...(current.authenticationFailures ? { authenticationFailures: current.authenticationFailures } : {}),
    metadata,
  };
  await uniquely(
    () =>
      tx.query(
        `UPDATE ${s}.directory_entries SET name = $2, self = $3, partner = $4, symbol_text = $5, version = $6, updated_date = $7, jsonb = $8
          WHERE id = $1`,
        [id, entry.name, entry.self, entry.partner, symbolText(entry), entry._version, now, JSON.stringify(entry)],
      ),
    named(opts.prefix ?? '', 'self'),
    true,
    'Another entry was just marked as this library\'s own',
  );
  await writeSymbols(tx, tenant, id, entry, opts.prefix ?? '');
  return entry;
}

export async function deleteEntry(tx: Sql, tenant: string, id: string): Promise<void> {
  const s = schemaOf(tenant);
  forgetTenant(tx, tenant);
  const entry = await mustGetEntry(tx, tenant, id, true);
  const { rows } = await tx.query<{ name: string; symbol_key: string }>(
    `SELECT DISTINCT p.name, ps.symbol_key FROM ${s}.rota_profile_symbols ps
       JOIN ${s}.rota_profiles p ON p.id = ps.profile_id
       JOIN ${s}.directory_symbols ds ON ds.symbol_key = ps.symbol_key
      WHERE ds.entry_id = $1 ORDER BY p.name`,
    [id],
  );
  if (rows.length) {
    throwIfAny([
      fieldError(
        'id',
        id,
        `"${entry.name}" cannot be deleted: used by the rota profile${rows.length > 1 ? 's' : ''} ${rows.map((r) => `"${r.name}" (${r.symbol_key})`).join(', ')}`,
        'directory.entryInUse',
      ),
    ]);
  }
  await tx.query(`DELETE FROM ${s}.directory_entries WHERE id = $1`, [id]);
}
