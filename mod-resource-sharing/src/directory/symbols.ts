// Institution symbols: a naming authority and a code, written `AUTHORITY:CODE` (`ISIL:DK-820010`,
// `OCLC:ABC`). Authorities are upper case; codes compare case-insensitively, so each symbol has a
// key (`ISIL:DK-820010`) that is unique across a tenant's directory.

export interface DirectorySymbol {
  authority: string;
  symbol: string;
}

/** `ISIL:DK-820010` as written in the entry (authority in capitals, code as given). */
export function renderSymbol(s: DirectorySymbol): string {
  return `${s.authority.toUpperCase()}:${s.symbol}`;
}

/** The comparison key of a symbol, given as an object or as `AUTHORITY:CODE`. */
export function symbolKey(s: DirectorySymbol | string): string {
  const text = typeof s === 'string' ? s : renderSymbol(s);
  return text.trim().toUpperCase();
}

/** `AUTHORITY:CODE` split at the first colon; null when there is no authority or no code. */
export function parseSymbol(text: string): DirectorySymbol | null {
  const i = text.indexOf(':');
  if (i <= 0 || i === text.length - 1) return null;
  const authority = text.slice(0, i).trim().toUpperCase();
  const symbol = text.slice(i + 1).trim();
  if (!/^[A-Z0-9_-]+$/.test(authority) || !/^\S+$/.test(symbol)) return null;
  return { authority, symbol };
}
