// The symbols this library answers to, and whether a symbol is in the directory at all.
import type { Sql } from '../db/database.ts';
import { getSettings } from '../settings/settings-store.ts';
import { findEntryBySymbol, findSelfEntry } from './directory-store.ts';
import { renderSymbol, symbolKey } from './symbols.ts';

/** The symbols this library answers to: the ownSymbols setting, else its own directory entry's. */
export async function ownSymbols(sql: Sql, tenant: string): Promise<string[]> {
  const settings = await getSettings(sql, tenant);
  if (settings.ownSymbols.length) return settings.ownSymbols;
  const self = await findSelfEntry(sql, tenant);
  return self ? self.symbols.map(renderSymbol) : [];
}

/** Is `symbol` one of ours? */
export async function isOwnSymbol(sql: Sql, tenant: string, symbol: string): Promise<boolean> {
  const key = symbolKey(symbol);
  return (await ownSymbols(sql, tenant)).some((s) => symbolKey(s) === key);
}

/** Is `symbol` a symbol of some directory entry (other than our own)? */
export async function isKnownInstitution(sql: Sql, tenant: string, symbol: string): Promise<boolean> {
  const entry = await findEntryBySymbol(sql, tenant, symbol);
  return !!entry && !entry.self;
}
