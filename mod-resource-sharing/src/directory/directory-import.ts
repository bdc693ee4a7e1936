// Import and export of the directory as JSON, so a consortium can seed every member from one file.
// An import is all or nothing: every entry is checked first, then written in one transaction; the
// first problem answers 422 naming the entry (`entries[3].symbols`) and nothing is written.
// Entries are matched to stored ones by symbol: a match is updated, anything else is created.
// A big file (a consortium of thousands) is written in batches that yield to the event loop between
// them, so the module keeps answering (health checks, partners' messages) while it imports; with
// the embedded database every query runs on the module's own thread, and without the pauses an
// import of 5,000 entries held it for most of a minute.
import { setImmediate as nextTurn } from 'node:timers/promises';
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
/** Entries written between two pauses for the event loop. */
export const IMPORT_BATCH_SIZE = 10;

/** Which stored entry owns each symbol key of the file (one query for the whole file). */
async function ownersOf(tx: Sql, tenant: string, list: DirectoryEntryInput[]): Promise<Map<string, string>> {
  const keys = [...new Set(list.flatMap((e) => e.symbols.map(symbolKey)))];
  const { rows } = await tx.query<{ symbol_key: string; entry_id: string }>(
    `SELECT symbol_key, entry_id FROM ${schemaOf(tenant)}.directory_symbols WHERE symbol_key = ANY($1::text[])`,
    [keys],
  );
  return new Map(rows.map((r) => [r.symbol_key, r.entry_id]));
}

export async function importEntries(tx: Sql, tenant: string, body: unknown, userId?: string): Promise<ImportResult> {
  const list = importedList(body);
  throwIfAny(fileErrors(list));
  const s = schemaOf(tenant);
  const result: ImportResult = { created: 0, updated: 0, entries: [] };
  // The owners are looked up once, up front; an update that drops a stored symbol frees it for a
  // later file entry, so the map follows the writes.
  const owners = await ownersOf(tx, tenant, list as DirectoryEntryInput[]);
  const keysOf = new Map<string, string[]>();
  for (const [key, id] of owners) keysOf.set(id, [...(keysOf.get(id) ?? []), key]);
  for (const [i, item] of (list as DirectoryEntryInput[]).entries()) {
    if (i > 0 && i % IMPORT_BATCH_SIZE === 0) await nextTurn();
    const prefix = `entries[${i}]`;
    const keys = item.symbols.map(symbolKey);
    const matched = [...new Set(keys.map((k) => owners.get(k)).filter((id): id is string => id !== undefined))];
    if (matched.length > 1) {
      throwIfAny([fieldError(`${prefix}.symbols`, keys.join(' '), `${prefix}.symbols belong to ${matched.length} different directory entries`, 'directory.ambiguousSymbols')]);
    }
    const { _version: _ignored, ...withoutVersion } = item;
    if (matched[0]) {
      const saved = await updateEntry(tx, tenant, matched[0], { ...withoutVersion, id: undefined }, { userId, prefix, keepLocalFields: true });
      for (const key of keysOf.get(saved.id) ?? []) if (!keys.includes(key)) owners.delete(key);
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
