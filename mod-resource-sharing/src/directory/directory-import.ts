// Import and export of the directory as JSON, so a consortium can seed every member from one file.
// An import is all or nothing: every entry is checked first, then written in one transaction; the
// first problem answers 422 naming the entry (`entries[3].symbols`) and nothing is written.
// Entries are matched to stored ones by symbol: a match is updated, anything else is created.
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import type { FolioError } from '../okapi/errors.ts';
import { allEntries, createEntry, updateEntry } from './directory-store.ts';
import { MAINTAINED_FIELDS, SECRET_FIELDS, type DirectoryEntry, type DirectoryEntryInput } from './directory-types.ts';
import { entryErrors } from './entry-validation.ts';
import { symbolKey } from './symbols.ts';
import { fieldError, throwIfAny } from './validation.ts';

export interface ImportResult {
  created: number;
  updated: number;
  entries: { index: number; id: string; name: string; outcome: 'created' | 'updated' }[];
}

/** The list of entries in an import body: an array, or `{ entries: [...] }`. */
export function importedList(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object' && Array.isArray((body as { entries?: unknown }).entries)) {
    return (body as { entries: unknown[] }).entries;
  }
  throwIfAny([fieldError('entries', body, 'The body must be a JSON array of directory entries or { "entries": [...] }', 'validation.type')]);
  return [];
}

function fileErrors(list: unknown[]): FolioError[] {
  const errors: FolioError[] = [];
  list.forEach((item, i) => errors.push(...entryErrors(item, `entries[${i}]`)));
  if (errors.length) return errors;
  const firstSeen = new Map<string, number>();
  (list as DirectoryEntryInput[]).forEach((entry, i) => {
    for (const s of entry.symbols) {
      const key = symbolKey(s);
      const before = firstSeen.get(key);
      if (before !== undefined && before !== i) {
        errors.push(fieldError(`entries[${i}].symbols`, key, `entries[${i}].symbols: ${key} is also in entries[${before}]`, 'directory.duplicateSymbol'));
      } else firstSeen.set(key, i);
    }
  });
  const selves = (list as DirectoryEntryInput[]).map((e, i) => (e.self ? i : -1)).filter((i) => i >= 0);
  if (selves.length > 1) {
    errors.push(fieldError(`entries[${selves[1]}].self`, true, `entries[${selves[1]}].self: only one entry can be this library's own (entries[${selves[0]}] is)`, 'directory.selfTaken'));
  }
  return errors;
}

/** Writes every entry of `body` inside `tx` (the caller's transaction), or none. */
export async function importEntries(tx: Sql, tenant: string, body: unknown, userId?: string): Promise<ImportResult> {
  const list = importedList(body);
  throwIfAny(fileErrors(list));
  const s = schemaOf(tenant);
  const result: ImportResult = { created: 0, updated: 0, entries: [] };
  for (const [i, item] of (list as DirectoryEntryInput[]).entries()) {
    const prefix = `entries[${i}]`;
    const keys = item.symbols.map(symbolKey);
    const { rows } = await tx.query<{ entry_id: string }>(
      `SELECT DISTINCT entry_id FROM ${s}.directory_symbols WHERE symbol_key = ANY($1::text[])`,
      [keys],
    );
    if (rows.length > 1) {
      throwIfAny([fieldError(`${prefix}.symbols`, keys.join(' '), `${prefix}.symbols belong to ${rows.length} different directory entries`, 'directory.ambiguousSymbols')]);
    }
    const { _version: _ignored, ...withoutVersion } = item;
    if (rows[0]) {
      const saved = await updateEntry(tx, tenant, rows[0].entry_id, { ...withoutVersion, id: undefined }, { userId, prefix, keepLocalFields: true });
      result.updated++;
      result.entries.push({ index: i, id: saved.id, name: saved.name, outcome: 'updated' });
    } else {
      const { rows: idTaken } = item.id
        ? await tx.query(`SELECT 1 FROM ${s}.directory_entries WHERE id = $1`, [item.id])
        : { rows: [] };
      const saved = await createEntry(tx, tenant, { ...withoutVersion, id: idTaken.length ? undefined : item.id }, { userId, prefix });
      result.created++;
      result.entries.push({ index: i, id: saved.id, name: saved.name, outcome: 'created' });
    }
  }
  return result;
}

/** Every entry, ready to import elsewhere; secrets only when asked for. */
export async function exportEntries(sql: Sql, tenant: string, includeSecrets = false): Promise<{ entries: DirectoryEntryInput[]; totalRecords: number }> {
  const entries = (await allEntries(sql, tenant)).map((e: DirectoryEntry) => {
    const out: Record<string, unknown> = { ...e };
    delete out._version;
    delete out.metadata;
    for (const f of MAINTAINED_FIELDS) delete out[f];
    if (!includeSecrets) for (const f of SECRET_FIELDS) delete out[f];
    return out as unknown as DirectoryEntryInput;
  });
  return { entries, totalRecords: entries.length };
}
