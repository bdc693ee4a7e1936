// Symbols as ISO 18626 carries them ({type: 'ISIL', value: 'DK-820010'}) and as the directory
// writes them ('ISIL:DK-820010').
import type { Sql } from '../db/database.ts';
import { ownSymbols, parseSymbol, symbolKey } from '../directory/index.ts';
import type { AgencyId } from '../iso18626/index.ts';
import { ValidationError } from '../okapi/errors.ts';

export { ownSymbols };

export function agencyId(symbol: string): AgencyId {
  const parsed = parseSymbol(symbol);
  if (!parsed) throw new Error(`Not a symbol: ${symbol}`);
  return { type: parsed.authority, value: parsed.symbol };
}

export function symbolOf(id: AgencyId | undefined): string {
  if (!id) return '';
  return `${id.type.trim().toUpperCase()}:${id.value.trim()}`;
}

export function sameSymbol(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && symbolKey(a) === symbolKey(b);
}

export async function primarySymbol(sql: Sql, tenant: string): Promise<string> {
  const [first] = await ownSymbols(sql, tenant);
  if (!first) {
    throw ValidationError.field(
      'ownSymbols',
      '',
      'This library has no symbol yet: set ownSymbols in the settings or mark its own directory entry as self',
      'settings.ownSymbolMissing',
    );
  }
  return first;
}
